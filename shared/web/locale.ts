import type { Locale } from '../schemas/survey.ts';

// Which of the two languages a patient page is in.

/**
 * The page's language: an explicit `lang` switch wins, then the browser's first supported preference
 * (Accept-Language, by q-value), then Chinese.
 */
export function negotiateLocale(acceptLanguage: string | undefined, explicit?: string): Locale {
  if (explicit === 'en' || explicit === 'zh-CN') return explicit;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q === undefined ? 1 : Number(q.slice(2)) || 0, index };
    })
    .filter((entry) => entry.tag !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'zh-CN';
}

const REFUSALS: Readonly<Record<Locale, Readonly<Record<number, string>>>> = {
  'zh-CN': { 400: '表单内容没有完整送达，请检查后重新提交。', 413: '填写的内容太长了。', 415: '请使用本页的表单提交。', 429: '提交过于频繁，请稍后再试。' },
  en: { 400: 'The form did not arrive intact; please check it and send it again.', 413: 'The form is too long.', 415: 'Please send the form on this page.', 429: 'Too many submissions; please try again in a minute.' },
};

const FIELDS_TO_FIX: Readonly<Record<Locale, string>> = { 'zh-CN': '有些内容需要修改：', en: 'Some answers need a change:' };

/** Why a form post was refused, for the 4xx statuses every patient form words alike; each form words its 5xx. */
export const REFUSAL_WORDS: Readonly<Record<Locale, (status: number) => string>> = {
  'zh-CN': (status) => REFUSALS['zh-CN'][status] ?? FIELDS_TO_FIX['zh-CN'],
  en: (status) => REFUSALS.en[status] ?? FIELDS_TO_FIX.en,
};
