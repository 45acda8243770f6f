import type { TermGroup } from './lexicon-entry.ts';
import { en, re, zh } from './term-builders.ts';

// Words that are not a category's own: the people a complaint is about, evaluation (problem and praise
// words), questions, conditions, and neutral words that block a shorter scoring word inside them.
export const PEOPLE_PRAISE_QUESTIONS: readonly TermGroup[] = [
  // people
  zh('护士站', 'role', 'nursing', 0, { roleOf: 'nursing' }),
  zh('护士|护工|护士姐姐|小护士|陪护|陪护阿姨|护理员|助产士', 'role', 'nursing', 2, { roleOf: 'nursing' }),
  zh('医生|大夫|主任|医师|主治|专家|主刀医生', 'role', 'clinical', 1, { roleOf: 'doctor' }),
  re('窗口的人', /(?:窗口|门诊|收费处|挂号处|前台|服务台|办公室|住院处|医保办|入院处|出院处)的(?:人|工作人员|小姑娘|大姐|阿姨)/, 'zh', 'role', undefined, 0, { roleOf: 'staff' }),
  zh('工作人员|窗口|保安|师傅|保洁|收费员|志愿者|大姐|阿姨|大妈|小姑娘|小伙子|前台', 'role', undefined, 0, { roleOf: 'staff' }),
  zh('班主任|老师|校长|家属|病人|患者|隔壁床|有个男的|有个女的|一个男的|一个女的|前夫|陌生人|醉汉|喝醉的|同学|室友|路人', 'role', undefined, 0, { roleOf: 'public' }),
  en('nurse*|night staff|ward staff|nursing staff', 'role', 'nursing', 2, { roleOf: 'nursing' }),
  en('doctor*|physician*|consultant*|gp|registrar|specialist*', 'role', 'clinical', 1, { roleOf: 'doctor' }),
  en('staff|guard|security guard*|receptionist|clerk|front desk|reception desk', 'role', undefined, 0, { roleOf: 'staff' }),
  en('patients|patient|relatives|visitors|a man|a woman|someone|stranger', 'role', undefined, 0, { roleOf: 'public' }),

  // evaluation without a category
  zh('不满意|差|不好|太差|糟糕|失望|投诉|有问题|不行|错|离谱|过分|无语|服了|寒心|气愤|太坑|气得|气死|气人|生气|心寒|憋屈|委屈|受气|窝火|郁闷', 'problem', undefined, 0),
  // a result that went well, and slang praise (杀手级, killed it)
  zh('成功|康复|恢复得|一针就|一针见血|杀手级|神了|绝了|一绝|太牛|神医|已经能|又能|终于能|可以下地', 'praise', undefined, 0),
  en('killed it|smashed it|nailed it', 'praise', undefined, 0),
  re('can walk again', /(?<![a-z])(?:can|could|able\s+to)\s+(?:\w+\s+){1,4}again(?![a-z])/, 'en', 'praise', undefined, 0),
  zh('感谢|谢谢|点赞|点个赞|给个赞|好评|感恩|五星', 'praise', undefined, 0, { thanks: true }),
  en('thank*|well done|five stars|5 stars', 'praise', undefined, 0, { thanks: true }),
  zh('满意|很好|挺好|不错|辛苦|细心|认真|负责|专业|周到|很快|及时|给力|放心|省心|顺利|挺顺|顺畅|方便|贴心|暖心|感动|快多了|挺快|救了|救命|妙手回春|医术高明|尽心尽力|白担心|放心了|虚惊一场|和蔼|杠杠的|没得说|一流|高超|厉害|棒|好样的|靠谱|开心|高兴|啥事没有|没什么事|没事了|平安|感激|佩服|难得|白衣天使|天使|医者仁心|仁心|好人|称赞|表扬|锦旗|可爱|笑眯眯|笑容|微笑|亲切', 'praise', undefined, 0),
  zh('太好了|真好|特别好|非常好|好极了|热心|搞定|顺多了|很顺|比想象|比我想的|一点都不疼|一点也不疼|没怎么疼|不怎么疼|一点都没哭|都没哭|没哭', 'praise', undefined, 0),
  // attitude praise: negated ("没耐心", "一点耐心都没有") it is an attitude complaint
  zh('耐心|热情|礼貌|客气|友好|和气|温柔|尊重', 'praise', 'conduct', 2, { byRole: true }),
  zh('干净', 'praise', 'facilities', 2),
  en('bad|terrible|awful|poor|disappointed|wrong|ridiculous|unacceptable|appalling|disgrace*', 'problem', undefined, 0),
  en('great|wonderful|lovely|helpful|excellent|good|amazing|brilliant|fantastic|grateful|impressed|painless|quick|smooth|patient and|out of her way|out of his way|out of their way|above and beyond|just wanted to say|superb|outstanding|top notch|first class|faultless|couldn\'t fault|appreciat*|gratitude|compassion*|reassur*|professional', 'praise', undefined, 0),
  en('kind|friendly|polite|caring|respectful', 'praise', 'conduct', 2, { byRole: true }),
  en('clean', 'praise', 'facilities', 2),

  // asking rather than complaining
  zh('请问|想问|问一下|问问|咨询一下|怎么办|该怎么|该去哪|去哪里|在哪里|哪里可以|哪里能|需要什么|要带什么|什么手续|什么材料|需要转诊吗|建议|希望', 'question', undefined, 0),
  // a suggestion that opens the comment asks too ("能不能在公众号上加一个…功能"); after a complaint it asks
  // for a remedy ("…都没扎进去，能不能换个有经验的？") and the complaint stands
  re('能不能…（开头）', /^(?:能不能|可不可以|能否|可否|是否可以)/, 'zh', 'question', undefined, 0),
  zh('打听|想了解', 'question', undefined, 0),
  en('do i have to|do i need to|should i|can i|could i|is it possible|would it be possible|could you|it would be nice|it would be great|how do i|how can i|where can i|where do i|who can we|who can i|is there a way|can i get|could you tell|what should we do', 'question', undefined, 0),

  zh('如果|要是|万一|假如|假设', 'condition', undefined, 0),
  en('if|unless', 'condition', undefined, 0),

  // places and words that contain a shorter scoring word
  en('waiting room|waiting area|waiting list|heart attack|sexual health|life-threatening|life threatening', 'neutral', undefined, 0),
  zh('候诊区|候诊室|候诊大厅|候诊厅|等一下|等等|排在|特别|区别|别人|别的|吓坏|气坏|累坏|急坏|心脏|肝脏|肾脏|脾脏|内脏|脏器|热情|冷静|冷藏|冲奶粉|冲洗|好看病|收拾东西|等级|平等|一等|死亡线|医务科|护理部|医患办|院办|养老院|够呛', 'neutral', undefined, 0),
];
