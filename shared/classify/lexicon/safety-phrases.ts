import type { SafetyGroup } from './lexicon-entry.ts';
import { EN_FAMILY, EN_PERSON, FAMILY, PEOPLE, se, sre, sz } from './term-builders.ts';

// Safety signals: matched on their own pass, never negated (a reviewer reads a false alarm in a minute;
// a missed one can cost a life). Idioms that contain a signal word are listed so that they block it
// (longest match first): 热死了 / 等得要死 / 笑死 / 死板 / 死机 / 卡死 are not deaths, 开刀 / 刀口 are surgery,
// 动手术 is an operation, 骚扰电话 is a sales call, 杀价 is haggling; "dead battery", "kill time" and "the
// pain is killing me" are English hyperbole. Everything else with 死 counts as a death: recall first.
// Indirect phrasings come in word families rather than one sentence each: a person then 走了 / 没了 /
// 不在了 (gone); 没保住 / 没能下手术台 / didn't make it (not survived); hopelessness (活着太累, 想不开,
// 一睡不醒, rather not wake up, said his goodbyes); marks on the body (划痕, 淤青, bruises); restraint and
// neglect (绑, 尿湿了半天没人换, left in his own mess); threats (让你好看, 扬言, going to end it).
export const SAFETY_GROUPS: readonly SafetyGroup[] = [
  sz('自杀|轻生|不想活|活不下去|活着没意思|活着没意义|想死|寻死|跳楼|跳河|跳江|跳海|跳桥|上吊|结束生命|结束自己|一了百了|不如死了|吞药|喝农药', 'suicide'),
  // indirect phrasings: hopelessness, jumping, "a burden", "better off gone", "not waking up"
  sz('活着没劲|没有活路|没活路|撑不下去|熬不下去|熬不住|扛不住了|坚持不下去|活够了|活腻|不想拖累|拖累家里|去死|死了算了|死了就好|离开这个世界|解脱|遗书|遗言|农药|敌敌畏|百草枯|老鼠药|煤气|烧炭|卧轨|跳下去|跳下来|从楼上|从窗户|从阳台|楼顶|天台|想不开|做傻事|傻事|寻短见|短见|走绝路|绝路|了结自己|了断|一睡不醒|不想醒来|不想再醒|另一个世界|那个世界|去天堂|结束这一切|绝食|绳子|藏药|东西都送人|东西全送人|累赘|没生下来|不该出生|不如没有我|救下来|被救下|救了下来', 'suicide'),
  sre('想好了怎么走', /想好了?怎么(?:走|死|结束|离开)|(?:网上|手机上|百度)?搜[^，。！？；]{0,4}["“]?(?:怎么|怎样|如何)[^，。！？；]{0,2}死|药[^，。！？；]{0,3}攒|攒(?:了|着|好)(?:药|安眠药)?|不想再?(?:给|替)?(?:家里|你们|大家|家人|孩子)?添麻烦|从(?:高楼|楼上|楼顶|高处)[^，。！？；]{0,3}(?:掉|跳|摔)下|把自己关在[^，。！？；]{0,4}|没有我[^，。！？；]{0,4}(?:会)?更好|不在了[^，。！？；]{0,6}(?:会)?(?:更好|过得好)/, 'zh', 'suicide'),
  sre('活着太累', /(?<![干生做])活(?:着|得)(?:真|太|好|很|实在)?(?:累|痛苦|没劲|辛苦|没盼头|煎熬|没希望)/, 'zh', 'suicide'),
  sre('去陪奶奶', new RegExp(`去陪(?:${FAMILY})|去找(?:去世的|走了的|死去的)?(?:${FAMILY})`), 'zh', 'suicide'),
  sre('划手腕', /(?:手腕|手臂|胳膊|大腿|小腿|皮肤|身上|手上)[^，。！？；]{0,4}(?:划|割|烫|刺|扎)|(?:划|割|烫)(?:了|破|伤)?(?:自己|手腕|手臂|胳膊)/, 'zh', 'self-harm'),
  sre('撞墙', /(?:把|拿|用)自己的?(?:头|手|手腕|胳膊|身体|脸|腿)[^，。！？；]{0,5}(?:撞|打|掐|咬|割|划|烫|烧|扎|刺|捶|砸)|往(?:墙|地|桌子|柜子)上撞/, 'zh', 'self-harm'),
  sre('胎心没了', /(?:胎心|心跳|呼吸|脉搏|生命体征)(?:都|也|就|已经)?(?:没了|没有了|停了|消失)|没(?:能)?留住|救不活|没救活|没抢救回来/, 'zh', 'death'),
  sre('没醒过来', /手术台上[^，。！？；]{0,4}没(?:能)?下来|没(?:能|有)?(?:活着)?下(?:了|来)?手术台|(?:没|没有|再也没|再没)(?:能)?(?:醒过来|醒来|挺过|熬过|撑过|挺住)|没(?:能)?保住|保不住了/, 'zh', 'death'),
  sz('自尽|生不如死|了此残生|想消失|消失算了|不想存在|活着是多余|多余的人|没人需要我|站在窗台|爬上窗台|坐在窗台|美工刀|交代后事|安排后事|不会再麻烦|再也不会麻烦|再也不给你们添麻烦|想离开这个世界|活一天算一天|药也不想吃|不想吃药了|洗胃|一整板|告别信|道别信|把自己锁在|撑不住|拖累|早点走|早点解脱|准备好了药|挂在门上|打了个结|勒死|吊死', 'suicide'),
  sre('手腕都是血', /(?:手腕|手臂|胳膊)[^，。！？；]{0,8}(?:血|缠着)/, 'zh', 'self-harm'),
  sz('烟头烫|自己弄的|自己割的|自己划的|划痕|刀痕|割痕|一道一道|一道道|刀片', 'self-harm'),
  sz('下葬|出殡|安葬|墓地|守灵|灵堂|临终|弥留|永远闭上|心脏骤停|心跳骤停|骤停|没有生命体征|没了生命体征|咽气|断气|没气了|没有了呼吸|胎停|流产|死胎|最后一面|送终|火化|殡仪馆|追悼会|骨灰|头七|白事|永远离开|撒手人寰|与世长辞|仙逝|归西|驾鹤|辞世|长眠|夭折|一尸两命|白发人送黑发人|亡|没了心跳|没有了心跳|心跳停|呼吸停', 'death'),
  sre('抽他', new RegExp(`(?:抽|拧|掐|扇|踢|踹|戳)(?:了)?(?:${PEOPLE}|${FAMILY})`), 'zh', 'violence'),
  sre('攒药', /(?:攒|吞|一把|一瓶|整瓶|一整瓶|半瓶|一整板|整板|一板|一盒|整盒|很多|好多|一大把)[^，。！？；]{0,3}(?:安眠药|药片|药)/, 'zh', 'suicide'),
  sre('不想…活', /不想(?:再)?(?:继续)?活|活不(?:成|了)了|活着(?:还)?有什么(?:意思|意义|用)|活着(?:真)?(?:没|没有)(?:意思|意义|盼头|劲)/, 'zh', 'suicide'),
  sre('勒自己', /(?:勒|掐|割|划|烫|打|咬|撞|捶|扎|刺|伤|烧)(?:了)?自己(?!的脸)/, 'zh', 'self-harm'),
  sz('割腕|自残|自伤|伤害自己|划伤自己|划自己|撞墙|割手|划手|烫自己|打自己|掐自己|咬自己|用头撞|拿头撞|撞头|划伤|割伤', 'self-harm'),
  sz('虐待|性骚扰|骚扰|猥亵|性侵|强奸|动手动脚|摸我|乱摸|摸她|摸他|偷摸|揩油|占便宜|家暴|绑在床上|绑起来|不三不四|黄段子|荤段子|色眯眯|衣服全脱|脱光|调戏|非礼|偷拍|老不死|约束带|勒痕|掐痕|抓痕|巴掌印|淤青|瘀青|青一块紫一块|不给饭|不给吃|不给喝|不给水|没人喂|不敢说|不敢讲|不敢告诉|不敢吭声|不敢按铃|不敢反抗|不敢回家|不敢回学校|捂嘴|捂住嘴|堵嘴|塞嘴|关小黑屋|锁在屋里|锁起来|侵犯|偷看|露阴|色情|打骂|冷暴力|霸凌|虐', 'abuse'),
  sre('欺负老人', /欺负(?:老人|孩子|病人|我妈|我爸|她|他|老太太|老爷子)/, 'zh', 'abuse'),
  sre('摸她的腿', /(?:摸|碰|蹭|揉|捏)(?:了)?(?:我|她|他|孩子|女儿|儿子)?的?(?:腿|大腿|胸|胸口|胸部|屁股|臀|下身|隐私部位|私处|腰)|不是检查的位置|跟检查无关|与检查无关/, 'zh', 'abuse'),
  sre('被绑', /(?:绑|捆)(?:在|着|住|起来|了)(?!卡|定)|被(?:绑|捆|约束)/, 'zh', 'abuse'),
  sre('拧紫了', /(?:拧|掐|捏|抓|打|勒|扇|踢)(?:得|了)?(?:都)?(?:紫|青|肿|红肿|破|出血|流血|淤)/, 'zh', 'abuse'),
  sre('拿走呼叫器', /(?:呼叫器|呼叫铃|床头铃|铃)[^，。！？；]{0,4}(?:拿走|收走|拔了|剪了|藏|拿开)|不让(?:她|他|老人|我妈|我爸|病人)?(?:按铃|按|叫人|喝水|吃饭|上厕所)/, 'zh', 'abuse'),
  sre('盯着我看', /盯着(?:我|她)(?:看|的)|(?:有没有|有无)(?:男|女)朋友|(?:加|要)(?:我|她)(?:的)?(?:微信|电话|手机号)|约(?:我|她)(?:出去|吃饭|见面)/, 'zh', 'abuse'),
  sre('身上好多伤', /身上[^，。！？；]{0,4}(?:伤(?!口)|疤|淤|青一|紫)/, 'zh', 'abuse'),
  sre('尿湿没人换', /(?:尿|屎|大便|小便|粪便)[^，。！？；]{0,8}(?:没人|不给|不管|半天|一晚上|一夜|一整夜|一整天|好几个小时)/, 'zh', 'abuse'),
  sz('捅死|砍死|打死|弄死|掐死|杀死|揍死|踹死|殴打|打人|打架|动手|推搡|推了我|威胁|恐吓|扬言|砍|捅|刀|杀|报复|弄死|掐|扇耳光|耳光|追着|揍|踹|拳头|挥拳|棍|砖头|砸|酒瓶|伤人|医闹|袭击|行凶|围攻|勒脖子|掐脖子|抓伤|咬人|同归于尽|不放过|要你好看|收拾你|收拾我|走着瞧|等着瞧|饶不了|动粗|施暴|暴力|体罚|拉扯|纠缠|围堵|肢体冲突|斗殴|闹事|伤医|袭医|拳打脚踢|勒索|敲诈|对你不客气|对我不客气|锤子|凳子砸|椅子砸|拿椅子|拿凳子|抄起', 'violence'),
  sre('泼人', /泼(?:向|到|在)?(?:我|他|她|人|脸|身上)|泼了(?:我|他|她)|泼(?:硫酸|开水|热水|汽油)|跟踪(?:我|她|他)|被跟踪/, 'zh', 'violence'),
  sre('就打', /(?:不给|不交|不听话|再闹|再哭)(?:钱)?就(?:要)?打|就(?:要)?打(?:死|残|断)/, 'zh', 'violence'),
  sre('一巴掌', /(?:一|两|几|好几|抬手就是一)(?:巴掌|拳|脚|耳光)|(?:拖|轰|拽|架)出去/, 'zh', 'violence'),
  sre('让你好看', /(?:让|叫|要|给)(?:你|我|他|她|你们|我们)(?:点)?(?:好看|颜色看)|找人(?:来)?(?:打|收拾|弄|教训)|堵(?:我|她|他)(?!车)/, 'zh', 'violence'),
  sre('推倒', /推(?:倒|翻|了一把|到墙上|到地上|在地上)|推下(?:了)?(?:楼梯|楼|床)|把[^，。！？；]{0,6}推(?:倒|到墙|到地|在地|下(?:了)?(?:楼梯|楼|床)?)/, 'zh', 'violence'),
  sre('打+人', new RegExp(`(?:打|揍|踢|扇)了?(?:${PEOPLE})(?!电话|的电话|招呼|针)`), 'zh', 'violence'),
  sre('被…打', /被[^，。！？；]{0,12}?(?:打|揍|踢|砸)(?!针|电话|扰|印|卡|车|折|包|开|听|扫|水|饭|点滴|吊瓶|石膏|麻药|招呼|疫苗|单|回)/, 'zh', 'violence'),
  sre('把…打了', /把[^，。！？；]{1,8}?(?:打|揍|踢)(?:了|伤|倒|死)(?!出|印)/, 'zh', 'violence'),
  // general shapes rather than phrases: a blow to a body part ("掐她大腿", "扇脸"); a person made to suffer
  // one (被…推倒/掐/绑); marks on a dependant's body; a means of suicide near a neck; saying one is a burden
  // or better gone; a plan or wish to die, jump or leave this world.
  sre('掐大腿', /(?:打|揍|踢|踹|扇|抽|掐|拧|咬|揪|撞|砸|捅|砍|勒|捶|锤|戳)(?:了|着|得)?(?:他|她|我|人|孩子|老人)?(?:的)?(?:头(?!发烧)|脸|嘴|脖子|胳膊|手腕|手臂|腿|大腿|脚|背|腰|胸|胸口|肚子|屁股|眼睛|耳朵|头发)/, 'zh', 'violence'),
  sre('被…掐', /被[^，。！？；]{0,10}?(?:揍|踢|踹|扇|掐|拧|推倒|咬|抓伤|捅|砍|勒|烫|泼|欺负|打骂|侵犯|猥亵|强奸|虐待|殴打)/, 'zh', 'violence'),
  sre('身上有印子', /(?:身上|胳膊|手臂|腿上|大腿|背上|脸上|脖子)[^，。！？；]{0,4}(?:青紫|发紫|紫了|淤|指印|牙印|巴掌印|掐痕|勒痕|烟头|烫伤)/, 'zh', 'abuse'),
  sre('皮带勒脖子', /(?:皮带|绳子|围巾|床单|电线|鞋带|数据线)[^，。！？；]{0,6}(?:脖子|勒|吊|挂)/, 'zh', 'suicide'),
  sre('我是累赘', /(?:我|自己)(?:就|真|只)?(?:是|成了)(?:个|一个)?(?:废物|废人|累赘|负担|多余的人|没用的人|拖油瓶)|没(?:有)?(?:活下去|活着)的?(?:意义|必要|理由|勇气)|还不如(?:死|走|不活|消失)|(?:死了|走了|不在了)(?:就|倒|也)?(?:好了|干净|解脱|省心)/, 'zh', 'suicide'),
  sre('想跳', /(?:想|要|准备|打算|计划)(?:去)?(?:跳楼|跳河|跳下|喝药|喝农药|割腕|上吊|自我了断|离开这个世界|一走了之)/, 'zh', 'suicide'),
  sz('一走了之|不想醒|活着干嘛|活着干什么|生无可恋|万念俱灰|心如死灰|看不到希望', 'suicide'),
  sz('去世|过世|病故|病逝|离世|逝世|身亡|猝死|死亡|死了|人没了|人就没了|没抢救过来|没救过来|救不回来|没救回来|抢救无效|太平间|遗体|尸体|后事|丧事|停止呼吸|没了呼吸|没有心跳|离开了我们|离开我们|死', 'death'),
  // 走了 / 没了 / 不在了 ("gone") are deaths only after a person in the same clause who is its subject:
  // 人就走了, 我妈昨天走了, 孩子没了, 老太太已经不在了. Not "把她一个人丢在走廊就走了" (she was left; the
  // escort went), not "我妈的药没有了" (a possession ran out).
  sre('人走了', new RegExp(`(?<!一个|把|把我|把他|把她|把我们)(?:人|${FAMILY})(?:(?!的|把|让|叫|带|陪|跟|和|给|可以|能|高|开心|欢|一起|一块)[^，。！？；]){0,8}?(?:就|已经|也|都|突然|昨天|昨晚|今天|凌晨|半夜)?走了(?![一几好半去到回出进开掉])|(?:人|${FAMILY})(?:(?!的)[^，。！？；]){0,10}?(?:就|已经|也|都|突然)?(?:没了|没有了|不在了)`), 'zh', 'death'),
  sre('走得突然', new RegExp(`(?:就这么|就这样|突然|这么)(?:走了|去了|没了)|走得(?:很|太|这么|那么|有点)?(?:突然|急|早|安详|痛苦|不明不白)|走的时候|(?:人|${FAMILY})[^，。！？；]{0,4}走(?:之前|以前|前|了以后|后)|(?:她|他|人)(?:已经|要是|如果)?不在了`), 'zh', 'death'),
  se('suicid*|kill myself|kill himself|kill herself|kill themselves|end my life|end his life|end her life|ending my life|ending his life|ending her life|take my own life|want to die|wants to die|wanted to die|don\'t want to live|overdose*', 'suicide'),
  se('no point going on|no point in living|no point living|can\'t go on|cannot go on|better off dead|better off without me|end it all|not want to be here|don\'t want to be here|not worth living|jump off|jump from|hang myself|hanged|sleeping pills|no reason to live|wish i was dead|wish i were dead|never wake up|better off without|on purpose|swallowed|took all|whole packet|whole bottle|not wake up|rather not wake|won\'t wake up|tired of living|tired of life|suicide note|left a note|what\'s the point|no point anymore|no point any more|nothing to live for|see no future|no future for|can\'t do this anymore|can\'t do this any more|want to disappear|wants to disappear|sleep forever|burden to|burden on|slit|hang himself|hang herself|od\'d|took too many|end things|ending things|ways to die|how many of|how to die|said his goodbyes|said her goodbyes|said goodbye to everyone|noose|can\'t take it anymore|can\'t take it any more|cannot take it anymore|stockpil*|give up on life|gave up on life|in front of a train', 'suicide'),
  sre('ready to go', /(?<![a-z])(?:he's|she's|i'm|he is|she is|i am)\s+["'“]?ready\s+to\s+(?:go|die|leave)(?![a-z])|(?:stop|stopped|stopping)\s+(?:all\s+)?(?:taking\s+)?(?:his|her|my)\s+(?:medication|meds|tablets|pills)|goodbye\s+(?:notes?|letters?)|locked\s+(?:herself|himself|themselves)\s+in(?:\s+(?:the|her|his|a)\s+[a-z]+)?/, 'en', 'suicide'),
  sre('see the point', /(?<![a-z])(?:doesn't|don't|didn't|can't|cannot|does not|do not|did not|no longer)\s+see\s+(?:the|any)\s+point(?![a-z])/, 'en', 'suicide'),
  sre('going to end it', /(?<![a-z])(?:going to|gonna|want(?:s|ed)? to|will|would|might|planning to|plans? to|thinking (?:of|about)|talk(?:s|ed|ing)? about|threaten(?:s|ed|ing)? to)\s+end(?:ing)?\s+it(?![a-z])/, 'en', 'suicide'),
  sre('giving away his things', /(?<![a-z])(?:giv(?:e|en|ing)|gave)\s+away\s+(?:all\s+)?(?:his|her|my|their)\s+(?:things|stuff|belongings|possessions)(?![a-z])/, 'en', 'suicide'),
  sre('take all her pills', /(?<![a-z])(?:take|taking|took|swallow\w*)\s+(?:all|a\s+whole|the\s+whole|an?\s+entire|a\s+bottle|a\s+handful|a\s+lot)\s+(?:of\s+)?(?:(?:her|his|my|their|the)\s+)?(?:pills|tablets|medication|meds|packet|bottle)(?:\s+of\s+(?:her|his|my|their)?\s*(?:pills|tablets|medication|meds))?(?![a-z])/, 'en', 'suicide'),
  sre('tried to end', /(?<![a-z])(?:want|wants|wanted|going|plan|plans|planning|planned|tried|trying|try|threatening|threatened|threatens)\s+to\s+(?:die|end\s+(?:it|his|her|my)|kill\s+(?:himself|herself|myself)|hurt\s+(?:himself|herself|myself)|harm\s+(?:himself|herself|myself)|disappear|jump|hang|overdose)(?![a-z])|(?<![a-z])attempt\w*\s+(?:on\s+(?:his|her|my)\s+life|suicide)|(?<![a-z])(?:another|second|third|previous|last)\s+attempt(?![a-z])/, 'en', 'suicide'),
  sre('talks about dying', /(?<![a-z])(?:talks?|talking|talked|keeps?\s+saying|kept\s+saying)\s+(?:about\s+)?(?:dying|death|being\s+dead|not\s+being\s+(?:here|around)|ending\s+(?:it|things|his\s+life|her\s+life))(?![a-z])|(?<![a-z])(?:everyone|everybody|the\s+family|we|you|they)\s+(?:would|will|'d)\s+be\s+(?:better|happier)\s+(?:off\s+)?(?:without|if)(?![a-z])|(?<![a-z])can't\s+(?:cope|carry\s+on)\s+any\s*more(?![a-z])/, 'en', 'suicide'),
  se('sleeping tablets|how many pills|how many tablets', 'suicide'),
  se('scared of the carer|scared of the nurse|afraid of the carer|terrified of the|scared of him|afraid of him|scared of her|afraid of her', 'abuse'),
  se('self-harm|self harm|self-harming|hurt myself|hurt himself|hurt herself|hurting himself|hurting herself|harm myself|harming herself|harming himself|harming myself|cut myself|cut himself|cut herself|cutting myself|cutting herself|cutting himself|burn myself|burning herself|burning himself|cutting again|been cutting|started cutting|banging his head|banging her head|bang his head|bang her head|hitting himself|hitting herself|scratching herself|scratching himself|razor*|blade*|self-injur*|her wrists|his wrists|my wrists', 'self-harm'),
  sre('cutting her arms', /(?<![a-z])(?:cut(?:s|ting)?|scars?|burns?|marks?)\s+(?:on\s+)?(?:my|his|her|their)\s+(?:arms?|wrists?|legs?|skin|thighs?)(?![a-z])/, 'en', 'self-harm'),
  se('abuse*|abusing|harass*|molest*|rape*|sexual*|groped|inappropriately|inappropriate|about my body|about her body|personal number|asked me out|asked her out|touched me|touched her|touching me|touching her|leer*|lewd|indecent*|own mess|own urine|own faeces|own feces|soiled|neglect*|mistreat*|ill-treat*|restrain*|strapped down|strapped to|tied to|tied down|too scared to|afraid to tell|scared to tell|flinch*|marks all over|marks on her|marks on his|took her call bell|took his call bell|took away her|took away his|out of reach|kept staring at|staring at my|asked for my number|asked for my phone|no chaperone|without a chaperone|undress completely|made her undress|made me undress|strip naked|fondl*|exposed himself|stalk*|followed me home|followed her home|bullied|bullying|locked in|locked up|sedated to|drugged|chemical restraint|keep her quiet|keep him quiet|manhandl*|rough with|dirty old man|dirty old woman', 'abuse'),
  sre('refused to change him', /(?<![a-z])(?:refus\w*|wouldn't|would not|didn't|did not|won't)\s+(?:to\s+)?(?:change|feed|wash|clean|turn|toilet)\s+(?:him|her|them|my\s+\w+)(?![a-z])(?!\s+(?:hands?|own|face|teeth|hair|gloves|equipment|instruments?|stethoscope|trolley))/, 'en', 'abuse'),
  se('assault*|attack*|threat*|violen*|knife|stab|stabs|stabbed|stabbing|punch*|slap*|kick|kicks|kicked|kicking|beat me|beat him|beat her|beaten|shoved|pushed me|strangl*|choked|weapon|pinch*|bruis*|scratched|bit her|bit him|screamed at|throttl*|spat at|brawl|fight broke out|watch your back|dragged her|dragged him|dragged me|dragged my|black eye|murder*|headbutt*|beat up|beat him up|beat her up|threw a chair|hurled|lunged|came at me|came at him|came at her|went for me|went for him|went for her|pinned me|pinned him|pinned her|held me down|held him down|held her down|you\'ll regret|you will regret|know where you live|gun|shot at|shooting', 'violence'),
  sre('twisted his wrist', /(?<![a-z])twist\w*\s+(?:his|her|my|their)\s+(?:arm|wrist|hand|finger|ear|neck)s?(?![a-z])/, 'en', 'violence'),
  sre('pushed him over', /(?<![a-z])(?:push(?:ed)?|knock(?:ed)?|threw|throw)\s+(?:me|him|her|them|us|my\s+\w+)\s+(?:over|down|to\s+the\s+(?:floor|ground)|against)(?![a-z])/, 'en', 'violence'),
  sre('hit someone', /(?<![a-z])hit(?:s|ting)?\s+(?:me|him|her|us|them|my|his|our)(?![a-z])/, 'en', 'violence'),
  sre('kill someone', /(?<![a-z])kill(?:s|ed|ing)?(?!\s+(?:myself|himself|herself|themselves))(?![a-z])/, 'en', 'violence'),
  se('died|dead|death|passed away|pass away|passed on|deceased|dying|morgue|stillborn|funeral|didn\'t make it|did not make it|lost my father|lost my mother|lost my husband|lost my wife|lost my son|lost my daughter|lost our baby|stopped breathing|no pulse|resuscitat*|cardiac arrest|lost the baby|lost our baby|lost her baby|miscarr*|stillbirth|no longer with us|slipped away|last breath|rest in peace|coroner|autopsy|post-mortem|post mortem|bereave*|condolences|didn\'t survive|did not survive|couldn\'t be saved|could not be saved|couldn\'t save him|couldn\'t save her|lost his battle|lost her battle|lost the fight|never came home|didn\'t wake up|never woke up|flatlined|fatal*|buried|burial|cremat*|late husband|late wife|late father|late mother|late son|late daughter|life support|switched off the|turned off the machine*|widow*', 'death'),
  // "passed" alone is a death when a person passed and nothing is passed on or by: "my mum passed on Tuesday"
  sre('mum passed', new RegExp(`(?<![a-z])${EN_PERSON}\\s+(?:has\\s+|had\\s+|just\\s+|sadly\\s+)?passed(?!\\s+(?:out|by|me|us|him|her|them|the|a|an|through|to|around|along|over|down|it|my|our|their|his|its|on\\s+(?:to|the|a|an|my|our|his|her|their|this|that|details|information|message)))(?![a-z])`), 'en', 'death'),
  sre('we lost him', new RegExp(`(?<![a-z])lost\\s+(?:him|them|(?:(?:my|our|his|her|their)\\s+)?${EN_FAMILY})(?!'s)(?![a-z])|(?<![a-z])lost\\s+her(?=\\s*(?:[.,;!?]|$|on|at|in|last|this|yesterday|after|before|during|when|while|and|to\\s+(?:cancer|covid|sepsis|an?\\s)))`), 'en', 'death'),
  sre("he's gone", new RegExp(`(?<![a-z])${EN_PERSON}(?:'s|\\s+is|\\s+was|\\s+has|\\s+had)\\s+(?:already\\s+|just\\s+)?gone(?!\\s+(?:home|out|to|back|for|up|down|missing|through|over|off|quiet|cold|on|into|in|away\\s+(?:for|on)))(?![a-z])`), 'en', 'death'),

  // Round 2: word families for what the first holdout missed, each written as a shape rather than the
  // sentence that showed it.
  // A death with no stated subject: "抢救了半小时，最后还是走了", "两个小时后就走了", "突然就不行了". Only in
  // a comment with a scene of acute care (抢救, 急诊, 送到, ICU...) so that "等了三个小时，最后还是走了"
  // (we gave up and left) stays quiet.
  sre('最后还是走了', /(?<=(?:抢救|急诊|icu|重症|送到|送来|送进|病危|手术|出生|生下来|还能说话|还有意识|心跳|呼吸)[^。！？]{0,40})(?:最后|最终|终究|到底|还是|没多久|没过多久|小时后|小时以后|天后|当天|当晚|第二天|半夜|凌晨|天亮|下午|晚上|早上)[^，。！？；]{0,6}?(?:就|还是|也|人)?(?:走了|没了|去了)(?![一几好半去到回出进开掉过])/, 'zh', 'death'),
  sre('突然不行了', /(?:突然|一下子|眼看|人)(?:就)?不行了|(?:是在|在)[^，。！？；]{1,8}没的|没能(?:留下|留住|救回|活下|挺过|撑过)|(?:赶到|赶来|送到|到的时候|来的时候)[^，。！？；]{0,6}(?:已经|都)(?:晚了|来不及了|没有?呼吸|没气|凉了)/, 'zh', 'death'),
  // giving things away, putting affairs in order, "won't be a burden much longer"
  sre('把喜欢的东西送人', /(?:最喜欢|心爱|宝贝|珍惜|所有|全部|攒|存)的[^，。！？；]{0,10}?(?:都|全|全部)?(?:送给|送人|送了|分给|留给|给了)|(?:东西|衣物|存款|积蓄|零花钱|压岁钱)[^，。！？；]{0,4}(?:都|全|全部)(?:送|给|留给|分)|说(?:他|她|我)?(?:以后)?(?:用不着|用不上)了/, 'zh', 'suicide'),
  sre('不会再拖累多久', /(?:不会|不用|用不了)(?:再)?(?:拖累|连累|麻烦|为难|牵连|让)[^，。！？；]{0,8}?(?:多久|太久|很久|几天)|活着(?:就是|只会|只是|也是)(?:给|拖累|浪费|受罪|连累|添)|(?:存折|银行卡|卡的?密码|遗嘱|保险单)[^，。！？；]{0,8}(?:记好|交给|留给|告诉我|写好|交代)/, 'zh', 'suicide'),
  sre('觉得自己没用', /(?:觉得|感觉|总说|老说)(?:我|自己)[^，。！？；]{0,8}(?:没用|多余|是个?废物|是负担|是累赘|是拖油瓶|是个?包袱)|(?:我|自己)[^，。！？；]{0,6}(?:是|成了)[^，。！？；]{0,5}(?:拖油瓶|累赘|负担|废物|包袱)|(?:不醒|醒不过来|醒不来|不用醒)(?:就好|多好|算了|也好|最好)|反正(?:也|都)?(?:快|要)?(?:死|走|不行|活不(?:长|久))了?|反正也快了|别(?:在我身上)?(?:浪费|花)(?:钱|冤枉钱)/, 'zh', 'suicide'),
  sre('饭也不吃药也不吃', /(?:饭|东西)(?:也|都)不(?:肯|想)?吃[^。！？]{0,4}药(?:也|都)不(?:肯|想)?吃|药(?:也|都)不(?:肯|想)?吃[^。！？]{0,4}(?:饭|东西)(?:也|都)不(?:肯|想)?吃/, 'zh', 'suicide'),
  // marks kept hidden and the excuses given for them
  sre('胳膊上全是疤', /(?:手腕|胳膊|手臂|大腿|腕)[^，。！？；]{0,8}(?:全是|都是|好多|很多|一条|一道|几条|几道|新的|旧的)[^，。！？；]{0,3}(?:疤|伤痕|伤疤|印子)|(?<=(?:护腕|长袖|袖子|手表|绷带|创可贴)[^。！？]{0,20})(?:疤|伤痕|伤疤|划痕|刀痕)/, 'zh', 'self-harm'),
  sre('说是自己碰的', /(?<=(?:伤|青|紫|淤|肿|疤|印子|烫|划痕)[^。！？]{0,20})(?:说是?|非说|硬说|解释说)(?:她|他|老人|孩子)?(?:自己)?(?:不小心)?(?:碰|磕|摔|撞|弄|抓|划|切菜切|猫抓)/, 'zh', 'abuse'),
  // abuse: denied water or food, restraint, fear of a carer, oblique touching, being alone behind a door
  sre('不给他水喝', /不(?:给|让)(?:他|她|老人|我妈|我爸|病人|孩子|老太太|老爷子)(?:喝水|水喝|吃饭|饭吃|吃东西|喝|吃|上厕所)/, 'zh', 'abuse'),
  sre('捆上', /(?:绑|捆)(?:上|住)|(?:手腕|脚踝|手上|脚上)[^，。！？；]{0,4}(?:红印|印子|勒痕|淤青)/, 'zh', 'abuse'),
  sre('见了护工就发抖', /(?:一见|见到|看到|看见|听到)[^，。！？；]{0,6}(?:护工|护士|医生|白大褂|白衣服|那个)[^，。！？；]{0,4}(?:就)?(?:发抖|哆嗦|害怕|躲|哭|不敢)|(?:怕|害怕)(?:那个|这个)(?:男)?(?:护工|护士|医生|阿姨|大夫)/, 'zh', 'abuse'),
  sre('手不老实', /手(?:不老实|不规矩|不干净)|不该(?:摸|碰|放|看)的地方|(?:趁|等)(?:我|她|他|孩子|病人)(?:睡着|麻药|迷糊|昏迷|不注意|没醒)[^，。！？；]{0,8}(?:摸|碰|亲|脱|解开|拍)|衣服被(?:解开|脱|掀开|撩)|(?:晚上|半夜|夜里)[^，。！？；]{0,8}(?:进|钻进|溜进)[^，。！？；]{0,4}(?:我|她|他|女儿|孩子|儿子)的?(?:房间|病房|被窝|床)|(?:找借口|总是|老是|经常)[^，。！？；]{0,8}单独(?:待|呆|相处|在一起|留下)|关(?:着|上|起)门[^，。！？；]{0,8}(?:待|呆)(?:了)?(?:很久|好久|半天)/, 'zh', 'abuse'),
  sz('老东西|老糊涂|老废物', 'abuse'),
  // threats against staff: 找医生算账, 带人来砸, 朝护士扔
  sre('找医生算账', /找[^，。！？；]{0,6}算账|(?:带人|叫人|找人)(?:来)?[^，。！？；]{0,6}(?:砸|打|闹|堵|收拾)|(?:朝|向|往)(?:护士|医生|人|我|他|她|大夫)[^，。！？；]{0,4}(?:扔|砸|泼|挥|冲过去)/, 'zh', 'violence'),
  sre('won\'t be a burden much longer', /(?<![a-z])(?:won't|will\s+not|not\s+going\s+to)\s+be\s+(?:a\s+burden|(?:around|here)\s+(?:much|for)\s+(?:longer|long))|(?<![a-z])(?:it|that|this|nothing)\s+won't\s+matter\s+(?:soon|much\s+longer|anyway|anymore)|(?<![a-z])(?:put|putting|getting|got)\s+(?:his|her|my|their)\s+affairs\s+in\s+order|(?<![a-z])(?:gave|giv(?:e|es|en|ing))\s+(?:away\s+)?(?:all\s+(?:of\s+)?)?(?:his|her|their)\s+(?!number|details|name|address|consent|permission|seat|bed|place|slot|appointment|blood|card|phone\s+number)(?:favou?rite\s+|prized\s+|precious\s+)?[a-z]+(?:\s+[a-z]+){0,4}?\s+(?:away|to\s+(?:his|her|their|a)\s+(?:friend|brother|sister|cousin|mate|neighbour|neighbor)|to\s+(?:friends|charity))/, 'en', 'suicide'),
  sre('comes into her room at night', /(?<![a-z])(?:comes?|came|coming|goes|went|gets)\s+into\s+(?:her|his|my|their)\s+(?:room|bed|cubicle)(?:\s+(?:at\s+night|when|while|after))?|(?<![a-z])told\s+(?:her|him|me|my\s+\w+)\s+to\s+shut\s+up|(?<![a-z])(?:squeez|grip|yank|jerk|wrench)\w*\s+(?:her|his|my|their)\s+(?:arm|wrist|hand|neck)s?|(?<![a-z])black\s+and\s+blue|(?<![a-z])(?:sedated|drugged)\s+so|(?<![a-z])keep\w*\s+(?:her|him|them|mum|mom|dad|\w+)\s+sedated|(?<![a-z])(?:so|very|too|really)\s+rough|(?<![a-z])roughly|(?<![a-z])old\s+(?:cow|bag|hag|witch)|(?<![a-z])left\s+(?:\w+\s+){0,2}(?:sitting|lying)\s+in\s+(?:a\s+)?(?:wet|soiled|dirty)|(?<![a-z])(?:wet|soiled)\s+(?:pad|nappy|nappies|sheets|bed)s?[^.!?]{0,30}(?:hours|all\s+night|overnight|all\s+day)/, 'en', 'abuse'),
  sre('waiting for her after her shift', /(?<![a-z])wait(?:ing)?\s+for\s+(?:her|him|the\s+\w+|that\s+\w+)\s+(?:\w+\s+){0,4}(?:outside|in\s+the\s+car\s+park|after\s+(?:her|his|their)\s+shift)|(?<![a-z])followed\s+(?:her|him|the\s+\w+|a\s+\w+|our\s+\w+)\s+(?:to\s+(?:her|his|their|the)\s+car|home|out\s+to)|(?<![a-z])make\s+sure\s+(?:he|she|you|they)\s+(?:never|won't)\s+\w+\s+again|(?<![a-z])(?:you'll|you\s+will|he'll|she'll|they'll)\s+pay\s+for\s+(?:this|it)|(?<![a-z])sort\s+(?:us|you|him|her|them|me)\s+out/, 'en', 'violence'),

  // Round 3. A death told as 是…走的 (外婆是半夜一个人走的); marks in rows (一条挨着一条, 那么整齐);
  // neglect that shows on the body (满背褥疮); touching that frightens (一直拉我的手, 往上面摸); restraint
  // to a bed in English (strapped my father to the bed).
  sre('外婆是半夜走的', new RegExp(`(?:${FAMILY})是[^，。！？；]{0,12}(?<!自己|走路|一起|先|后|着|坐车|打车|开车|轮椅|推着|扶着|出院)走的(?![路楼道])`), 'zh', 'death'),
  sre('一条挨着一条', /(?<=(?:伤|疤|痕|印|手腕|胳膊|手臂|腿)[^。！？]{0,20})(?:一条挨着一条|一道挨着一道)|(?:一条一条|一道一道|一条条|一道道)的?(?:疤|伤|痕|印)/, 'zh', 'self-harm'),
  sre('满背褥疮', /(?:都是|全是|长满|满是|一大片)(?:了)?(?:褥疮|压疮)|(?:褥疮|压疮)[^，。！？；]{0,4}(?:烂|流脓|见骨|好几个|一大片)/, 'zh', 'abuse'),
  sre('一直拉我的手', /(?:拉|摸|握|搂|抱|牵|拽)(?:着)?(?:我|她|他)?(?:孩子|女儿|儿子|老婆|妈)?的?(?:手|腰|肩|腿|胳膊)[^。！？]{0,12}(?:害怕|吓|不舒服|恶心|不敢)|往(?:上|下|里)(?:面|边)(?:摸|伸)/, 'zh', 'abuse'),
  sre('strapped him to the bed', /(?<![a-z])(?:strapp|tied|tying|tie|restrain|belt)\w*\s+(?:\w+\s+){0,3}?(?:to|down\s+to|onto)\s+(?:the|a|his|her|their)\s+(?:bed|chair|trolley|cot|wheelchair|bedframe|rails?)(?![a-z])/, 'en', 'abuse'),

  // idioms that block the words above (kind undefined)
  sre('医生一刀', /(?:医生|大夫|主任|主刀|医师)[^，。！？；]{0,2}一?刀/, 'zh', undefined),
  sz('不动手|没动手|挨了一刀|挨一刀|手术刀|杀熟|掐着点|掐点|掐时间|拳头大|报复性|亡羊补牢|死马当活马医|打脸|拍胸口|拍胸脯|撞到头|撞了头|碰到头|自己撞到|被推进|被推到|被推去|被推出|杀人不见血|泼冷水|侵犯隐私|侵犯了我的隐私|侵犯权益|侵犯了|死板|死机|死角|死活|死心|死贵|死等|笑死|要死不活|开刀|刀口|主刀|动刀|刀疤|动手术|骚扰电话|骚扰短信|杀菌|杀毒|消杀|杀价|砍价|鬼门关|走了一趟|走了好几|走了几|走了半天|就走了吧|跑了一趟|搞砸|砸了招牌|砸锅卖铁|追着问|追着医生问|追着护士问|打针|打自己的脸|卡死|堵死|锁死|死循环|死胡同|死心眼|死磕|死扛|死命|死沉|累死累活|太伤人|很伤人|真伤人|挺伤人|好伤人|伤人心|伤人自尊|伤人的话|威胁生命|威胁到生命|自己动手|抽血|刀子嘴|一刀切|大刀阔斧|动手能力|下手术台后|杀手锏|杀手级|死不了|不敢相信|不敢吃|不敢喝|不敢动', undefined),
  sre('X死了', /(?:苦|甜|咸|辣|难闻|恶心|丢人|尴尬|心疼|愁|馋|乐|美|爽|帅|穷|香|热|冷|饿|累|困|渴|吵|烦|气|急|挤|臭|闷|忙|慢|吓|疼|痛|难受|麻烦|丑|懒|笨|晒|冻|憋|痒|酸|卡|堵|贵|坑|难吃|难喝)死(?:了|人|我|啦)?/, 'zh', undefined),
  // hyperbole: 等得要死, 疼得半死; not after a blow (打得半死 is violence)
  sre('得要死', /(?<![打揍踢砸捅砍掐勒])得(?:要|快|半)死(?:了|人|我|啦)?|(?:差点|差一点|险些)(?:就)?死/, 'zh', undefined),
  sre('等死了', /(?<!回家|在家|只能|回去)等死(?:了|人)/, 'zh', undefined),
  sre('抽了我三管血', /抽了?(?:我|他|她|孩子)?[^，。！？；]{0,4}?血/, 'zh', undefined),
  sre('摸我的伤口', /摸(?:我|她|他)?(?:家)?(?:孩子|女儿|儿子|宝宝|妈|爸|老人)?的?(?:伤口|肚子|额头|头|脉|手腕|刀口|包|肿块)/, 'zh', undefined),
  // 特别伤人 (hurtful words), 砍什么价 (haggling), a knife one cannot buy: no violence
  sre('特别伤人', /(?:特别|非常|有点|太|很|真|挺|好|多|最|更|十分|蛮|真的|话|说话|这么|那么|这话)伤人|砍[^，。！？；]{1,3}价|杀[^，。！？；]{1,3}价|刀[^，。！？；]{0,3}(?:买不到|买不着|没得卖|不卖|没卖)|(?:买不到|买不着|不卖|没有卖|没卖)[^，。！？；]{0,3}刀/, 'zh', undefined),
  se('dead tired|dead end|deadline|bored to death|scared to death|dying to|to die for|sick to death|dead battery|phone died|battery died|battery was dead|phone was dead|dead phone|dying for|nearly died|almost died|heart attack|panic attack|asthma attack|anxiety attack|life-threatening|life threatening|stabbing pain|kicked out|kicked us out|kicked me out|sexual health|sexually transmitted|painkiller*|drop-dead|kill me now|attack of|dead on time|dead slow|dead easy|dead right|dead serious|dead quiet|dead silent|dead set|shooting pain*|slit lamp|buried in|under the knife|phone was dying|battery was dying|phone is dying|killed myself laughing|kill myself laughing|was murder|is murder|it\'s murder|shoulder blade*|fatal error|killed it|kills it|killing it|a killer|killer headache|flu shot|covid shot|booster shot|shot of|locked in the car|gunshot wound*', undefined),
  sz('死亡线|死神手里|起死回生', undefined),
  sre('dying of boredom', /(?<![a-z])(?:dying|died|die)\s+of\s+(?:boredom|thirst|hunger|embarrassment|shame|laughter|laughing|the heat|heat)(?![a-z])/, 'en', undefined),
  sre('kill time', /(?<![a-z])kill(?:ing)?\s+(?:time|the\s+time|an\s+hour|a\s+few|some\s+time|the\s+pain|pain|germs|bacteria|the\s+bacteria|the\s+infection)(?![a-z])/, 'en', undefined),
  sre('the wait is killing me', /(?<![a-z])(?:pain|wait|waits|waiting|noise|heat|cold|back|head|headache|queue|queues|this|it|that|bill|prices|stress|boredom|hunger|knee|leg|tooth|stomach)(?:'s|\s+is|\s+are|\s+was|\s+were)?\s+(?:literally\s+|absolutely\s+|just\s+)?killing\s+(?:me|us)(?![a-z])/, 'en', undefined),
];
