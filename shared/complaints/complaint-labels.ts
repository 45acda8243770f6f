import type { Channel, ComplaintRecord, ComplaintStatus } from '../schemas/complaint.ts';

// The words for a complaint's statuses and channels, in Chinese and English: the patient's tracking
// page, the office's pages and the mails all read them here, so a status is worded one way everywhere.

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** A status's name, and what it means to the patient who reads it on the tracking page. */
export const STATUS_LABELS: Readonly<Record<ComplaintStatus, { readonly name: Bilingual; readonly meaning: Bilingual }>> = {
  received: {
    name: { zh: '已收到', en: 'Received' },
    meaning: { zh: '投诉已收到，等待医患关系办公室受理。', en: 'Your complaint has arrived and is waiting for the patient relations office.' },
  },
  acknowledged: {
    name: { zh: '已受理', en: 'Acknowledged' },
    meaning: { zh: '医患关系办公室已受理，正在安排调查。', en: 'The patient relations office has taken it on and is arranging an investigation.' },
  },
  investigating: {
    name: { zh: '调查处理中', en: 'Being investigated' },
    meaning: { zh: '相关部门正在核实情况。', en: 'The departments concerned are looking into what happened.' },
  },
  responded: {
    name: { zh: '已答复', en: 'Answered' },
    meaning: { zh: '医院已作出答复。', en: 'The hospital has given its reply.' },
  },
  closed: {
    name: { zh: '已办结', en: 'Closed' },
    meaning: { zh: '这件投诉已处理完毕。', en: 'This complaint has been dealt with.' },
  },
  withdrawn: {
    name: { zh: '已撤回', en: 'Withdrawn' },
    meaning: { zh: '这件投诉已撤回。', en: 'This complaint was withdrawn.' },
  },
};

/** How staff name the channels, in mails and pages. */
export const CHANNEL_NAMES: Readonly<Record<Channel, Bilingual>> = {
  'qr-page': { zh: '扫码页面', en: 'QR page' },
  hotline: { zh: '24小时投诉电话', en: '24-hour hotline' },
  letter: { zh: '来信', en: 'Letter' },
  'opinion-box': { zh: '患者意见箱', en: 'Opinion box' },
  'walk-in': { zh: '来访', en: 'Walk-in' },
  email: { zh: '电子邮件', en: 'E-mail' },
  supervisor: { zh: '义务监督员', en: 'Volunteer supervisor' },
  callback: { zh: '出院回访', en: 'Discharge callback' },
  'survey-follow-up': { zh: '满意度调查跟进', en: 'Survey follow-up' },
};

/** How a closed complaint was found. */
export const OUTCOME_NAMES: Readonly<Record<NonNullable<ComplaintRecord['outcome']>, Bilingual>> = {
  substantiated: { zh: '属实', en: 'Substantiated' },
  'partly-substantiated': { zh: '部分属实', en: 'Partly substantiated' },
  'not-substantiated': { zh: '不属实', en: 'Not substantiated' },
};

/** Who the complainant is to the patient. */
export const RELATION_NAMES: Readonly<Record<string, Bilingual>> = {
  patient: { zh: '患者本人', en: 'Patient' },
  family: { zh: '家属', en: 'Family' },
  other: { zh: '其他', en: 'Other' },
};
