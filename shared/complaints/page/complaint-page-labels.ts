import type { SlaLimits } from '../../sites/working-calendar.ts';
import type { ComplaintContact } from '../../schemas/complaint.ts';
import type { Locale } from '../../schemas/survey.ts';
import { REFUSAL_WORDS } from '../../web/locale.ts';

// What a patient or a family member reads on the complaint page, the confirmation and the tracking page,
// in simplified Chinese (the default) and English. People who complain are often worried or upset: the
// words are plain and respectful, say what will happen and by when, and never blame.

type Relation = ComplaintContact['relation'];

export interface ComplaintMessages {
  readonly htmlLang: string;
  readonly switchLabel: string;
  readonly title: string;
  readonly departmentLine: (department: string) => string;
  readonly intro: (limits: SlaLimits) => string;
  readonly urgent: string;
  readonly required: string;
  readonly optional: string;
  readonly descriptionLabel: string;
  readonly descriptionHint: string;
  readonly detailsHeading: string;
  readonly incidentDateLabel: string;
  readonly staffInvolvedLabel: string;
  readonly staffInvolvedHint: string;
  readonly desiredOutcomeLabel: string;
  readonly desiredOutcomeHint: string;
  readonly contactHeading: string;
  /** Without contact details the complaint can only be followed with the tracking code (api.md). */
  readonly contactNote: string;
  readonly contactRetention: (days: number) => string;
  readonly contactName: string;
  readonly contactNameHint: string;
  readonly contactRelation: string;
  readonly relations: Readonly<Record<Relation, string>>;
  readonly contactPhone: string;
  readonly contactEmail: string;
  readonly contactConsent: string;
  readonly privacy: string;
  readonly submit: string;
  readonly sending: string;
  readonly offline: string;
  readonly trackPrompt: string;
  readonly confirmTitle: string;
  readonly confirmCodeLabel: string;
  readonly confirmCodeHint: string;
  readonly confirmTrack: string;
  readonly nextHeading: string;
  readonly nextSteps: (limits: SlaLimits) => readonly string[];
  readonly confirmContact: string;
  readonly confirmNoContact: string;
  readonly problemTitle: string;
  readonly problemBack: string;
  readonly problemStatus: (status: number) => string;
  readonly resendHint: string;
  readonly keptHeading: string;
  readonly fieldLabels: Readonly<Record<string, string>>;
  readonly fieldInvalid: string;
  readonly trackTitle: string;
  readonly trackIntro: string;
  readonly trackCodeLabel: string;
  readonly trackCodeHint: string;
  readonly trackSubmit: string;
  readonly statusLabel: string;
  readonly receivedLabel: string;
  readonly dueLabel: string;
  readonly dueNote: string;
  /** Over the response the office gave, once the complaint is responded to or closed. */
  readonly responseLabel: string;
  readonly trackNotFoundTitle: string;
  readonly trackNotFoundBody: string;
  readonly trackTooMany: string;
  readonly date: (day: string) => string;
}

const parts = (day: string) => day.split('-').map(Number);

const within = (days: number, zhOrEn: 'zh' | 'en') =>
  zhOrEn === 'zh' ? (days === 0 ? '当天' : `在 ${days} 个工作日内`) : days === 0 ? 'on the same day' : `within ${days} working day${days === 1 ? '' : 's'}`;


const zh: ComplaintMessages = {
  htmlLang: 'zh-CN',
  switchLabel: 'English',
  title: '我要投诉',
  departmentLine: (department) => `投诉科室：${department}`,
  intro: (l) => `很抱歉这次就诊让您不满意。请把经过告诉我们，医院医患关系办公室会认真核实、处理，一般${within(l.investigationWorkingDays, 'zh')}答复。`,
  urgent: '如有紧急情况或人身安全危险，请不要只在这里留言：请立即告诉身边的医护人员，或拨打 120、110。',
  required: '必填',
  optional: '选填',
  descriptionLabel: '发生了什么？',
  descriptionHint: '请写下事情的经过：在哪里、什么时候、发生了什么。写得越清楚，我们越能尽快核实（最多 4000 字）。请不要填写身份证号或病历号。',
  detailsHeading: '补充情况',
  incidentDateLabel: '事情发生的日期',
  staffInvolvedLabel: '涉及的工作人员',
  staffInvolvedHint: '如果知道，可以写姓名、工号或岗位，例如“输液室护士”。',
  desiredOutcomeLabel: '您希望医院怎样处理？',
  desiredOutcomeHint: '例如：说明情况、道歉、改进做法。',
  contactHeading: '联系方式',
  contactNote: '留下联系方式，医患关系办公室可以直接与您沟通调查情况和处理结果。不留联系方式也可以投诉，但医院无法联系您，您只能凭提交后显示的查询码查看处理进度。',
  contactRetention: (days) => `联系方式只用于处理这次投诉，投诉办结 ${days} 天后自动删除。留下联系方式时，请填写称呼、选择您的身份，并勾选下方的同意。`,
  contactName: '您的称呼',
  contactNameHint: '例如：王先生、李女士',
  contactRelation: '您是',
  relations: { patient: '患者本人', family: '患者家属', other: '其他' },
  contactPhone: '手机或电话',
  contactEmail: '电子邮箱',
  contactConsent: '我同意医院就这次投诉与我联系',
  privacy: '投诉不会影响您和家人的诊疗。我们不记录您的 IP 地址或设备信息；投诉内容只有医患关系办公室和负责调查的科室能看到。',
  submit: '提交投诉',
  sending: '正在提交…',
  offline: '网络不太好，投诉还没有提交成功。请稍后再点一次“提交投诉”，不会重复提交。',
  trackPrompt: '已经投诉过？',
  confirmTitle: '投诉已提交',
  confirmCodeLabel: '您的查询码',
  confirmCodeHint: '请截图或抄下这个查询码。凭它可以随时查看处理进度；查询码不含您的个人信息。',
  confirmTrack: '查看处理进度',
  nextHeading: '接下来',
  nextSteps: (l) => [
    `医患关系办公室会${within(l.acknowledgeWorkingDays, 'zh')}受理您的投诉。`,
    `一般${within(l.investigationWorkingDays, 'zh')}答复；需要多个部门共同调查的，${within(l.multiDepartmentWorkingDays, 'zh')}答复。`,
  ],
  confirmContact: '您留下了联系方式，工作人员会按您留下的电话或邮箱与您联系。',
  confirmNoContact: '您没有留下联系方式，医院无法主动联系您。请保存好查询码，随时查看处理进度。',
  problemTitle: '投诉未提交成功',
  problemBack: '请返回上一页，按上面的提示修改后再提交。',
  problemStatus: (status) => (status >= 500 ? '系统繁忙，您的投诉没有提交成功，请稍后再试。' : REFUSAL_WORDS['zh-CN'](status)),
  resendHint: '您填写的内容都保留在下面，改好后再点一次“提交投诉”即可，不会重复提交。',
  keptHeading: '您填写的内容（可以复制保存）',
  fieldLabels: {
    description: '事情经过（必填，最多 4000 字）',
    incidentDate: '事情发生的日期（例如 2026-11-03）',
    staffInvolved: '涉及的工作人员（最多 200 字）',
    desiredOutcome: '希望的处理方式（最多 1000 字）',
    code: '科室二维码（请重新扫描科室张贴的二维码）',
    submissionId: '页面已过期（请重新打开投诉页面）',
    'contact.name': '您的称呼（留下联系方式时必填）',
    'contact.relation': '您的身份：患者本人、家属或其他（留下联系方式时必选）',
    'contact.phone': '电话号码的格式',
    'contact.email': '电子邮箱的格式',
    'contact.consent': '同意联系（留下联系方式时请勾选）',
  },
  fieldInvalid: '请检查这一项',
  trackTitle: '查询投诉处理进度',
  trackIntro: '请输入提交投诉后得到的查询码。',
  trackCodeLabel: '查询码',
  trackCodeHint: '16 位，由字母和数字组成，例如 ABCD-EFGH-JKMN-PQRS',
  trackSubmit: '查询',
  statusLabel: '当前状态',
  receivedLabel: '收到日期',
  dueLabel: '答复期限',
  dueNote: '如果过了答复期限还没有收到答复，可以到医院医患关系办公室询问。',
  responseLabel: '医院的答复',
  trackNotFoundTitle: '没有找到这个查询码',
  trackNotFoundBody: '请核对查询码是否输入正确（查询码里没有字母 O、I 和数字 0、1）。刚提交的投诉，可能要过几分钟才能查到。',
  trackTooMany: '查询过于频繁，请稍等一分钟再试。',
  date: (day) => {
    const [y = 0, m = 0, d = 0] = parts(day);
    return `${y}年${m}月${d}日`;
  },
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const en: ComplaintMessages = {
  htmlLang: 'en',
  switchLabel: '中文',
  title: 'Make a complaint',
  departmentLine: (department) => `About: ${department}`,
  intro: (l) => `We are sorry your visit did not go as it should. Please tell us what happened: the hospital's patient relations office will look into it carefully and normally reply ${within(l.investigationWorkingDays, 'en')}.`,
  urgent: 'If anyone is in danger now, do not wait for a reply here: tell a member of staff nearby at once, or call 120 (ambulance) or 110 (police).',
  required: 'required',
  optional: 'optional',
  descriptionLabel: 'What happened?',
  descriptionHint: 'Please say where, when and what happened; the clearer it is, the sooner we can check it (up to 4000 characters). Please leave out ID or medical record numbers.',
  detailsHeading: 'More details',
  incidentDateLabel: 'Date it happened',
  staffInvolvedLabel: 'Staff involved',
  staffInvolvedHint: 'If you know: a name, staff number or role, e.g. "nurse in the infusion room".',
  desiredOutcomeLabel: 'What would you like the hospital to do?',
  desiredOutcomeHint: 'For example: explain what happened, apologise, change how things are done.',
  contactHeading: 'Your contact details',
  contactNote: 'With contact details, the patient relations office can talk to you about what it finds and how it was resolved. You can complain without them, but then the hospital cannot reach you, and you can follow your complaint only with the tracking code shown after you send it.',
  contactRetention: (days) => `Used only for this complaint, and deleted ${days} days after it is closed. If you leave details, please give your name, say who you are and tick the agreement below.`,
  contactName: 'Your name',
  contactNameHint: 'e.g. Mr Wang, Ms Li',
  contactRelation: 'You are',
  relations: { patient: 'The patient', family: 'Family of the patient', other: 'Someone else' },
  contactPhone: 'Phone',
  contactEmail: 'E-mail',
  contactConsent: 'I agree that the hospital may contact me about this complaint',
  privacy: 'Complaining will not affect your or your family\'s care. We do not record your IP address or device; only the patient relations office and the department looking into it can read your complaint.',
  submit: 'Send complaint',
  sending: 'Sending…',
  offline: 'The network is weak and your complaint has not been sent yet. Tap "Send complaint" again in a moment; it will not be sent twice.',
  trackPrompt: 'Already complained?',
  confirmTitle: 'Your complaint has been sent',
  confirmCodeLabel: 'Your tracking code',
  confirmCodeHint: 'Take a screenshot or write it down: with it you can check progress at any time. The code carries no personal information.',
  confirmTrack: 'Check progress',
  nextHeading: 'What happens next',
  nextSteps: (l) => [
    `The patient relations office will acknowledge your complaint ${within(l.acknowledgeWorkingDays, 'en')}.`,
    `It will normally reply ${within(l.investigationWorkingDays, 'en')}, or ${within(l.multiDepartmentWorkingDays, 'en')} if several departments need to look into it.`,
  ],
  confirmContact: 'You left contact details: a member of staff will contact you by phone or e-mail.',
  confirmNoContact: 'You left no contact details, so the hospital cannot contact you. Keep the tracking code to check progress.',
  problemTitle: 'Your complaint was not sent',
  problemBack: 'Please go back, make the changes listed above and send it again.',
  problemStatus: (status) => (status >= 500 ? 'Something went wrong on our side and your complaint was not sent; please try again later.' : REFUSAL_WORDS.en(status)),
  resendHint: 'Everything you entered is kept below: correct it and tap "Send complaint" again; it will not be sent twice.',
  keptHeading: 'What you wrote (copy it to keep it)',
  fieldLabels: {
    description: 'What happened (required, up to 4000 characters)',
    incidentDate: 'Date it happened (e.g. 2026-11-03)',
    staffInvolved: 'Staff involved (up to 200 characters)',
    desiredOutcome: 'What you would like done (up to 1000 characters)',
    code: 'Department QR code (please scan the code posted in the department again)',
    submissionId: 'The page has expired (please open the complaint page again)',
    'contact.name': 'Your name (needed with contact details)',
    'contact.relation': 'Who you are: the patient, family or someone else (needed with contact details)',
    'contact.phone': 'Phone number format',
    'contact.email': 'E-mail address format',
    'contact.consent': 'Agreement to be contacted (tick it to leave contact details)',
  },
  fieldInvalid: 'Please check this answer',
  trackTitle: 'Check a complaint',
  trackIntro: 'Enter the tracking code you were given when you sent your complaint.',
  trackCodeLabel: 'Tracking code',
  trackCodeHint: '16 letters and digits, e.g. ABCD-EFGH-JKMN-PQRS',
  trackSubmit: 'Check',
  statusLabel: 'Status',
  receivedLabel: 'Received',
  dueLabel: 'Reply due by',
  dueNote: 'If you have had no reply by this date, you can ask at the hospital\'s patient relations office.',
  responseLabel: 'The hospital\'s answer',
  trackNotFoundTitle: 'We could not find this tracking code',
  trackNotFoundBody: 'Please check the code (it never contains the letters O or I, or the digits 0 or 1). A complaint sent a few minutes ago may not show yet.',
  trackTooMany: 'Too many look-ups; please wait a minute and try again.',
  date: (day) => {
    const [y = 0, m = 0, d = 0] = parts(day);
    return `${d} ${MONTHS[m - 1] ?? ''} ${y}`;
  },
};

export const COMPLAINT_MESSAGES: Readonly<Record<Locale, ComplaintMessages>> = { 'zh-CN': zh, en };

/** A field's label for an error list; a field this page does not have keeps its path. */
export const complaintFieldLabel = (messages: ComplaintMessages, path: string): string =>
  Object.hasOwn(messages.fieldLabels, path) ? (messages.fieldLabels[path] ?? path) : path;
