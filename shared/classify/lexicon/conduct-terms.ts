import type { TermGroup } from './lexicon-entry.ts';
import { C, en, re, zh } from './term-builders.ts';

// staff conduct and ethics: 生冷硬顶推, gifts and kickbacks, shirking
export const CONDUCT_TERMS: readonly TermGroup[] = [
  zh('红包|回扣|送礼|收礼|购物卡|好处费|生冷硬顶推|推诿|踢皮球|推来推去|互相推|推三阻四|来回推|来回折腾|吃拿卡要|走后门|关系户|医德|医风', 'topic', 'conduct', 5),
  re('推来推去', new RegExp(`推到${C}{0,8}(?:又|再)推|推回${C}{0,2}(?:门诊|急诊|科)|没有一个科室|哪个科(?:室)?都不|不愿意接收|不接收|拒收`), 'zh', 'topic', 'conduct', 4),
  re('嫌我们烦', new RegExp(`嫌(?:我们|我|病人|家属|老人|她|他)?${C}{0,4}(?:问题多|事多|烦|麻烦|啰嗦|慢|脏|臭|笨)|(?:扔|摔|甩|丢)(?:在|到|给)${C}{0,3}(?:台|桌|窗口|地上|我)|说找${C}{1,5}[，,]${C}{0,5}说找|赶出去|轰出去|拖出去`), 'zh', 'problem', 'conduct', 3, { byRole: true }),
  re('说"…"', /(?:说|吼|骂|嚷|回|怼)(?:了一句|了句|道|着|我|他|她|我们|病人)?[:：]?[“"「]/, 'zh', 'problem', 'conduct', 2, { byRole: true, unlessPraised: true }),
  re('推销保健品', new RegExp(`推销${C}{0,3}(?:保健品|药|产品|器械|营养品)|卖(?:保健品|营养品)`), 'zh', 'topic', 'conduct', 5),
  re('朋友开的诊所', /(?:朋友|亲戚|熟人|家里人|他家|她家|自己)开的|私人诊所|介绍(?:我们|我)?去(?:外面|私人|他)/, 'zh', 'topic', 'conduct', 4),
  zh('医药代表|指定|推回给|推给|不归', 'topic', 'conduct', 3),
  zh('意思意思|表示表示|打点打点|打点一下', 'topic', 'conduct', 5),
  // passed on in a loop: 让我们找科室，科室又让我们找医务科
  re('让找A，A又让找B', new RegExp(`(?:让|叫)(?:我们|我)?(?:去)?找${C}{1,8}[，,]${C}{0,8}(?:又|再)(?:让|叫)(?:我们|我)?(?:去)?找`), 'zh', 'topic', 'conduct', 4),
  re('甩我脸上', /(?:扔|摔|甩|丢|砸)(?:在|到|给)?(?:我|人|病人|我们|老人)?的?(?:脸上|身上)/, 'zh', 'problem', 'conduct', 3, { byRole: true }),
  zh('态度恶劣|恶劣|吼|骂|嘲笑|翻白眼|白眼|不理人|爱答不理|爱理不理|大呼小叫|发火|难听|傲慢|当回事|刁难|训斥|呵斥|甩脸色|摆脸色|甩脸|脸拉得|拉着脸|拉着个脸|臭脸|玩手机|打游戏|死板|冷漠|冷淡|冷冰冰|不耐烦|嫌弃|嫌麻烦|瞧不起|看不起|歧视|讽刺|阴阳怪气|顶嘴|顶一句|怼|呛|说话很冲|说话冲|说话太冲|口气很冲|语气很冲|凶巴巴|聊天|聊私事|私事|闲聊|私人电话|接电话|叫不醒|脏话|爆粗口|骂骂咧咧|不搭理|装没听见|假装没看见|高高在上|官僚|打官腔|推脱|搪塞|不作为|睡大觉|在睡觉|暗示|找关系|托关系|靠关系|没有关系的话|没关系的话|瞪我|瞪着我|瞪人|白了我一眼|当我们不存在|当空气|威胁|恐吓|弄死|收拾你|收拾我们|收拾他|你好看', 'problem', 'conduct', 3, { byRole: true }),
  // hurtful words and humiliation in front of others
  zh('伤人|伤自尊|侮辱|羞辱|活该', 'problem', 'conduct', 3, { byRole: true }),
  re('说我们什么都不懂', new RegExp(`说(?:我们?|家属|病人|他|她)?${C}{0,3}(?:什么都不懂|啥都不懂|懂什么)`), 'zh', 'problem', 'conduct', 3, { byRole: true }),
  re('当着一屋子人', /当着(?:所有人|大家|一屋子人|一屋子的人|满屋子人|别人|其他人|那么多人|这么多人|全病房|病友)(?:的面)?/, 'zh', 'problem', 'conduct', 2, { byRole: true }),
  re('called her a …', /(?<![a-z])called\s+(?:me|her|him|us|them|my\s+\w+|our\s+\w+)\s+(?:a|an)\s+(?:[a-z]+\s+){0,2}[a-z]+/, 'en', 'problem', 'conduct', 3, { byRole: true }),
  // what staff are quoted as saying: the classic 生冷硬顶推 retorts
  zh('爱看不看|爱治不治|不看就走|不看拉倒|爱来不来|爱挂不挂|你问我我问谁|急什么|催什么|吵什么|嫌贵别看|没钱别看|没钱就别看|事儿多|事多|矫情|找别人去|不归我管|不关我事|自己看去|别在这看|别在这里看|不想看就|就去别的医院|那就去别的医院|你去别的医院', 'problem', 'conduct', 3, { byRole: true }),
  re('态度差', /态度(?:[很太真也极好超]|非常|特别|实在|超级)*(?:差劲|差|坏|不好|恶劣|生硬|蛮横|冷漠|横|凶)/, 'zh', 'problem', 'conduct', 3, { byRole: true }),
  re('说话冲', new RegExp(`(?:说话|口气|语气)${C}{0,3}(?:冲|横|凶|硬|难听|不客气)|(?:说|骂|凶|吼|训)哭了?|拍桌子|摔东西|甩东西|按在地上|摁在地上|按倒`), 'zh', 'problem', 'conduct', 3, { byRole: true }),
  re('踢了他', /(?:踢|踹|扇|掐|拽|拧|推|打)(?:了)?(?:我|他|她|人|我们|老人|病人)(?!们?(?:去|到|进|出|回|上|下)|电话|针)/, 'zh', 'problem', 'conduct', 3, { byRole: true, staffOnly: true }),
  re('盯着我看', /(?:摸|碰|蹭|揉|捏)(?:了)?(?:我|她|他|孩子|女儿)?的?(?:胸|胸口|胸部|屁股|臀|下身|隐私|大腿)|不是检查的位置|跟检查无关|与检查无关|盯着(?:我|她)(?:看|的)|(?:有没有|有无)(?:男|女)朋友|(?:加|要)(?:我|她)(?:的)?(?:微信|电话|手机号)|约(?:我|她)(?:出去|吃饭|见面)/, 'zh', 'problem', 'conduct', 4, { byRole: true }),
  zh('睡觉|打瞌睡|不开门|叫不开', 'problem', 'conduct', 3, { byRole: true, staffOnly: true }),
  re('as if she were stupid', /(?<![a-z])(?:as if|like)\s+(?:she|he|i|we|they)\s+(?:were|was|are|am)\s+(?:stupid|an idiot|a child|nothing|dirt)|treated (?:us|me|her|him) like|laughing and joking|joking around|messing around|gossiping/, 'en', 'problem', 'conduct', 3, { byRole: true }),
  en('laughed at|laughing at|threaten*', 'problem', 'conduct', 3, { byRole: true, staffOnly: true }),
  zh('凶|不理|看手机|不高兴|迟到|早退|离岗|脱岗', 'problem', 'conduct', 2, { byRole: true }),
  // a quarrel is staff conduct only when staff are named (走廊的人说话像吵架一样 is noise)
  zh('吵架|吵起来', 'problem', 'conduct', 3, { byRole: true, staffOnly: true }),
  zh('性骚扰|骚扰|猥亵|动手动脚|下流|打人|推搡|推推搡搡|推了我|不三不四|黄段子|荤段子|色眯眯|占便宜|揩油|衣服全脱|脱光', 'problem', 'conduct', 3, { byRole: true }),
  zh('服务态度|服务意识', 'topic', 'conduct', 2, { byRole: true }),
  zh('态度', 'topic', 'conduct', 1, { byRole: true }),
  en('bribe*|red envelope*|kickback*|pay extra|extra cash', 'topic', 'conduct', 5),
  re('from one to another', /(?<![a-z])from\s+one\s+(?!queue|line|window)\w+\s+to\s+another(?![a-z])/, 'en', 'topic', 'conduct', 4),
  re('shouted at', /(?<![a-z])(?:shout|yell|scream|snapp|swore|swear|bark)\w*\s+at(?![a-z])/, 'en', 'problem', 'conduct', 4, { byRole: true }),
  en('responsibility|refused', 'topic', 'conduct', 2),
  en('rude*|shout*|yell*|arrogant|impolite|disrespect*|insult*|mock*|unprofessional|dismissive|condescending|patronising|patronizing|sarcastic|eye roll*|rolled her eyes|rolled his eyes|unhelpful|ignored us|ignored me|refused to|swore|swearing|cursed|sneered|smirked|hostile|aggressive|couldn\'t care less|didn\'t care|uncaring|lazy|chatting|on her phone|on his phone|on their phones|go somewhere else|go elsewhere|take it or leave it|not my problem|not my job|deal with it|making a fuss|no chaperone|undress*|made fun|belittl*|talked down|threw my', 'problem', 'conduct', 3, { byRole: true }),
  en('attitude', 'topic', 'conduct', 1, { byRole: true }),
  en('hit|grabbed|pushed|shoved|slapped', 'problem', 'conduct', 3, { byRole: true, staffOnly: true }),
  en('harass*|molest*|inappropriate*|about my body|about her body|personal number|asked me out|touched me|touched her|flirt*|leer*|creepy|lewd', 'problem', 'conduct', 3, { byRole: true }),
];
