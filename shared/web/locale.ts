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

/** Why a form post was refused, for the statuses every patient form words alike (413, 422, 429). */
export const REFUSAL_WORDS: Readonly<Record<Locale, (status: number) => string>> = {
  'zh-CN': (status) => (status === 429 ? '提交过于频繁，请稍后再试。' : status === 413 ? '填写的内容太长了。' : '有些内容需要修改：'),
  en: (status) => (status === 429 ? 'Too many submissions; please try again in a minute.' : status === 413 ? 'The form is too long.' : 'Some answers need a change:'),
};
