import { type Locale, type Overall, RATING_ASPECTS, type RatingAspect } from '../schemas/survey.ts';
import { REFUSAL_WORDS } from '../web/locale.ts';

// Everything the patient reads, in simplified Chinese (the default) and English. Wording follows the
// national satisfaction survey's plain style: short questions, answers a grandparent can tap.

export interface Messages {
  readonly htmlLang: string;
  readonly title: string;
  readonly switchLabel: string;
  readonly intro: (department: string) => string;
  readonly overallQuestion: string;
  readonly overall: Readonly<Record<Overall, string>>;
  readonly ratingsHeading: string;
  readonly ratingsHint: string;
  readonly aspects: Readonly<Record<RatingAspect, string>>;
  /** A word for every point of the 1–5 scale, lowest first: a patient need not guess what 3 means. */
  readonly scale: readonly [string, string, string, string, string];
  readonly waitQuestion: string;
  readonly waitBands: readonly string[];
  readonly commentLabel: string;
  readonly commentHint: string;
  readonly contactSummary: string;
  readonly contactConsent: string;
  readonly contactName: string;
  readonly contactPhone: string;
  readonly contactEmail: string;
  readonly contactNote: (days: number) => string;
  readonly privacy: string;
  readonly submit: string;
  readonly sending: string;
  readonly optional: string;
  readonly thanksTitle: string;
  readonly thanksBody: string;
  readonly thanksContact: string;
  readonly problemTitle: string;
  readonly problemBack: string;
  readonly problemStatus: (status: number) => string;
  readonly resendHint: string;
  readonly keptHeading: string;
  readonly fieldLabels: Readonly<Record<string, string>>;
  readonly fieldInvalid: string;
  /** A rating sent for an item the department does not ask (a stale page, a hand-made post). */
  readonly ratingNotAsked: string;
  readonly offline: string;
  readonly unknownCodeTitle: string;
  readonly unknownCodeBody: string;
  /** The survey page's way to the complaint page (shared/complaints/page/). */
  readonly complaintPrompt: string;
  readonly complaintLink: string;
}

/**
 * Service windows ask how long the wait was, in bands a patient can tap. Each band posts its upper
 * bound in minutes, so "within 15 minutes" (the hospital's target) is counted exactly; the mean wait
 * is an upper estimate. The last band (over an hour) posts 90.
 */
export const WAIT_BAND_MINUTES = [5, 10, 15, 30, 60, 90] as const;

const zh: Messages = {
  htmlLang: 'zh-CN',
  title: '就诊体验评价',
  switchLabel: 'English',
  intro: (department) => `感谢您到${department}就诊。请花一分钟告诉我们这次的感受。`,
  overallQuestion: '总体来说，您对这次就诊的体验评价如何？',
  overall: { very_good: '很好', good: '好', neither: '一般', poor: '差', very_poor: '很差', dont_know: '说不清' },
  ratingsHeading: '分项评价',
  ratingsHint: '1 分最低，5 分最高；不想评价的可以跳过。',
  aspects: { registration: '挂号与缴费', waiting: '等候时间', environment: '环境与卫生', communication: '医护人员的解释与沟通', privacy: '隐私保护' },
  scale: ['很不满意', '不满意', '一般', '满意', '很满意'],
  waitQuestion: '您在窗口排队等了多久？',
  waitBands: ['5 分钟以内', '5–10 分钟', '10–15 分钟', '15–30 分钟', '30–60 分钟', '1 小时以上'],
  commentLabel: '您想对我们说些什么？',
  commentHint: '表扬、意见或建议都可以（最多 2000 字）。请不要填写病历号或身份证号。',
  contactSummary: '希望我们联系您吗？',
  contactConsent: '我同意医院就本次评价联系我',
  contactName: '称呼',
  contactPhone: '手机或电话',
  contactEmail: '电子邮箱',
  contactNote: (days) => `联系方式只用于回访，${days} 天后自动删除。电话和邮箱至少填一项。`,
  privacy: '本评价匿名填写，不记录您的 IP 地址或设备信息。',
  submit: '提交评价',
  sending: '正在提交…',
  optional: '选填',
  thanksTitle: '感谢您的评价！',
  thanksBody: '您的意见已收到，将帮助我们改进服务。',
  thanksContact: '您留下了联系方式，我们的工作人员会尽快与您联系。',
  problemTitle: '提交未成功',
  problemBack: '请返回上一页修改后再提交。',
  problemStatus: (status) => (status >= 500 ? '系统繁忙，您的评价没有保存，请稍后再试。' : REFUSAL_WORDS['zh-CN'](status)),
  resendHint: '您填写的内容都保留在下面，改好后再点一次“提交评价”即可，不会重复计算。',
  keptHeading: '您填写的内容（可以复制保存）',
  fieldLabels: {
    overall: '总体评价（必填）',
    code: '科室二维码（请重新扫描科室张贴的二维码）',
    waitMinutes: '等候时间',
    comment: '意见或建议（最多 2000 字）',
    'contact.consent': '同意联系（勾选后才能留下联系方式）',
    'contact.phone': '电话或邮箱（至少填一项，格式要正确）',
    'contact.email': '电子邮箱格式',
    'contact.name': '称呼（最多 100 字）',
  },
  fieldInvalid: '请检查这一项',
  ratingNotAsked: '本科室不评价这一项，表单已去掉它，请再次提交',
  offline: '网络不太好，评价还没有提交成功。请稍后再点一次“提交评价”，不会重复计算。',
  unknownCodeTitle: '二维码无法识别',
  unknownCodeBody: '这个二维码已失效或不完整。请重新扫描科室张贴的最新二维码，或向工作人员咨询。',
  complaintPrompt: '遇到问题、想正式反映？',
  complaintLink: '我要投诉',
};

const en: Messages = {
  htmlLang: 'en',
  title: 'Rate your visit',
  switchLabel: '中文',
  intro: (department) => `Thank you for visiting ${department}. Please take a minute to tell us how it went.`,
  overallQuestion: 'Overall, how was your experience of this visit?',
  overall: { very_good: 'Very good', good: 'Good', neither: 'Neither good nor poor', poor: 'Poor', very_poor: 'Very poor', dont_know: "Don't know" },
  ratingsHeading: 'In more detail',
  ratingsHint: '1 is the lowest, 5 the highest; skip any you prefer not to rate.',
  aspects: { registration: 'Registration and payment', waiting: 'Waiting time', environment: 'Cleanliness and surroundings', communication: 'How staff explained things', privacy: 'Privacy' },
  scale: ['Very dissatisfied', 'Dissatisfied', 'Neither', 'Satisfied', 'Very satisfied'],
  waitQuestion: 'How long did you queue at the window?',
  waitBands: ['Under 5 minutes', '5–10 minutes', '10–15 minutes', '15–30 minutes', '30–60 minutes', 'Over an hour'],
  commentLabel: 'Anything you would like to tell us?',
  commentHint: 'Praise, concerns or ideas (up to 2000 characters). Please leave out record or ID numbers.',
  contactSummary: 'Would you like us to contact you?',
  contactConsent: 'I agree that the hospital may contact me about this feedback',
  contactName: 'Name',
  contactPhone: 'Phone',
  contactEmail: 'E-mail',
  contactNote: (days) => `Used only to call you back, and deleted after ${days} days. Give a phone number or an e-mail address.`,
  privacy: 'This survey is anonymous: we do not record your IP address or device.',
  submit: 'Send',
  sending: 'Sending…',
  optional: 'optional',
  thanksTitle: 'Thank you!',
  thanksBody: 'We have your feedback; it helps us improve.',
  thanksContact: 'You left contact details: a member of staff will be in touch soon.',
  problemTitle: 'Not sent yet',
  problemBack: 'Please go back, correct it and send again.',
  problemStatus: (status) => (status >= 500 ? 'Something went wrong on our side and nothing was saved; please try again later.' : REFUSAL_WORDS.en(status)),
  resendHint: 'Everything you entered is kept below: correct it and tap "Send" again; it will not be counted twice.',
  keptHeading: 'What you wrote (copy it to keep it)',
  fieldLabels: {
    overall: 'Overall rating (required)',
    code: 'Department QR code (please scan the code posted in the department again)',
    waitMinutes: 'Waiting time',
    comment: 'Comment (up to 2000 characters)',
    'contact.consent': 'Consent to be contacted (tick it to leave contact details)',
    'contact.phone': 'Phone or e-mail (at least one, correctly written)',
    'contact.email': 'E-mail address format',
    'contact.name': 'Name (up to 100 characters)',
  },
  fieldInvalid: 'Please check this answer',
  ratingNotAsked: 'this department does not ask this item; the form no longer has it, please send again',
  offline: 'The network is weak and your feedback has not been sent yet. Tap "Send" again in a moment; it will not be counted twice.',
  unknownCodeTitle: 'This QR code is not recognised',
  unknownCodeBody: 'The code has been replaced or is incomplete. Please scan the latest code posted in the department, or ask a member of staff.',
  complaintPrompt: 'Something went wrong and you want it looked into?',
  complaintLink: 'Make a complaint',
};

export const MESSAGES: Readonly<Record<Locale, Messages>> = { 'zh-CN': zh, en };

/** A field's label for an error list; ratings share one wording. */
export function fieldLabel(messages: Messages, path: string): string {
  const aspect = RATING_ASPECTS.find((a) => path === `ratings.${a}`);
  if (aspect !== undefined) return messages.aspects[aspect];
  // Own keys only: a field named `toString` must not find Object.prototype's method.
  return Object.hasOwn(messages.fieldLabels, path) ? (messages.fieldLabels[path] ?? path) : path;
}
