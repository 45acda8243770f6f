import type { Mail } from '../aws/ses.ts';
import { type ManagerReport, sitesWithTotal, type UnitRow } from '../reporting/manager-report.ts';
import { categoryName, change, headlineFigures, type Locale, percent, previousWords, say, serviceName, W, type Words } from '../reporting/report-words.ts';
import { escapeMarkup } from '../web/markup.ts';

// The digest e-mail: HTML and plain text from the report model, in the recipient's language. Written for
// the clients managers use (Outlook desktop renders with Word: tables, bgcolor and width attributes,
// inline styles only, no SVG, no web fonts, no remote images, no script), so the charts are table-built
// bars that every client draws. No personal data: figures, department names, case ids and comments with
// numbers and addresses taken out. SES v2 builds the MIME (HTML and text alternatives) and adds the
// one-click unsubscribe headers (RFC 8058) we give it.

export interface DigestMailInput {
  readonly report: ManagerReport;
  readonly locale: Locale;
  readonly from: string;
  readonly to: string;
  readonly unsubscribeUrl: string;
  /** Office heads get the overdue cases as links; managers, who cannot open cases, as ids. */
  readonly linkCases: boolean;
}

export interface DigestMail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

const FONT = 'font-family:\'Microsoft YaHei\',\'PingFang SC\',\'Noto Sans CJK SC\',Arial,sans-serif;';
const BLUE = '#0b5cad';
const RED = '#b3261e';
const GREEN = '#1b6e35';
const GREY = '#6b7785';
/** The mail's width on a desk; it narrows to a phone's. */
const CONTENT_WIDTH = 640;
/** Between two key-figure cards, across and down. */
const CARD_GAP = 8;
/** Left spare in the cards' row on a desk. */
const CARD_SLACK = 4;

const kindWords = (report: ManagerReport): Words => (report.period.kind === 'week' ? W.weekly : W.monthly);

export function digestSubject(report: ManagerReport, locale: Locale): string {
  const positive = report.surveys.positiveRate === null ? say(W.tooFew, locale) : percent(report.surveys.positiveRate);
  return `${say(kindWords(report), locale)} · ${say({ zh: report.scope.name, en: report.scope.nameEn }, locale)} · ${report.period.from}–${report.period.to} · ${say(W.positive, locale)} ${positive}`;
}

/** A horizontal bar as two table cells (Outlook draws widths and bgcolor, not CSS backgrounds). */
function bar(rate: number | null, good: boolean | null): string {
  if (rate === null) return `<td width="60%" style="${FONT}font-size:12px;color:${GREY}">—</td>`;
  const filled = Math.max(1, Math.round(rate * 100));
  const colour = good === false ? RED : BLUE;
  return `<td width="60%"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td width="${filled}%" height="12" bgcolor="${colour}" style="background:${colour};font-size:1px;line-height:12px">&nbsp;</td>${filled < 100 ? `<td width="${100 - filled}%" height="12" bgcolor="#e3e8ec" style="background:#e3e8ec;font-size:1px;line-height:12px">&nbsp;</td>` : ''}</tr></table></td>`;
}

const cell = (text: string, extra = ''): string => `<td style="${FONT}font-size:13px;color:#1d2733;padding:4px 6px;${extra}">${text}</td>`;
const heading = (text: string, link: string, locale: Locale): string =>
  `<tr><td style="${FONT}padding:20px 0 6px 0"><span style="font-size:17px;font-weight:bold;color:#1d2733">${escapeMarkup(text)}</span> <a href="${escapeMarkup(link)}" style="font-size:12px;color:${BLUE}">${escapeMarkup(say(W.open, locale))} ›</a></td></tr>`;
const noteRow = (words: Words, locale: Locale): string => `<tr><td style="${FONT}font-size:12px;color:${GREY};padding:2px 0 4px 0">${escapeMarkup(say(words, locale))}</td></tr>`;

function rateText(rate: number | null, n: number, minimum: number, locale: Locale): string {
  return n < minimum || rate === null ? `${say(W.tooFew, locale)} (${n})` : `${percent(rate)} (n=${n})`;
}

/** A row's rate is null below its own site's minimum (a group's members differ), so it is not cut again here. */
function unitBars(rows: readonly UnitRow[], report: ManagerReport, locale: Locale): string {
  if (rows.length === 0) return `<div style="${FONT}font-size:13px;color:${GREY};padding:2px 0 8px 0">${escapeMarkup(say({ zh: `${W.tooFew.zh}：本期没有科室达到 ${report.minResponses} 份回复`, en: `${W.tooFew.en}: no department reached ${report.minResponses} responses this period` }, locale))}</div>`;
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">${rows.map((r) => `<tr>${cell(escapeMarkup(say({ zh: r.name, en: r.nameEn }, locale)), 'width:40%')}${bar(r.surveys.positiveRate, r.surveys.positiveRate === null ? null : r.surveys.positiveRate >= report.targets.positiveRate)}${cell(escapeMarkup(rateText(r.surveys.positiveRate, r.surveys.n, 0, locale)), 'white-space:nowrap;text-align:right')}</tr>`).join('')}</table>`;
}

export function renderDigest(input: DigestMailInput): DigestMail {
  const { report, locale } = input;
  const link = (anchor: string) => `${report.links.dashboard}#${anchor}`;
  const previous = say(previousWords(report), locale);
  const figures = headlineFigures(report);
  // The key figures side by side on a desk, wrapping on a phone: each card a fixed-width inline block (five
  // in one 640-px row of cells did not fit a phone), and for Outlook's Word engine, which ignores inline
  // blocks, the same cards in a table of fixed cells (the conditional comments only it reads).
  // Half the gap on each side of every card, so a phone's rows, centred, line up under one another; a few
  // pixels spare on a desk, so a client's rounding or zoom does not push the last card to a second row.
  const cardWidth = Math.floor((CONTENT_WIDTH - CARD_SLACK) / figures.length) - CARD_GAP;
  const cards = figures.map((f) => {
    const colour = f.good === null ? GREY : f.good ? GREEN : RED;
    const card = `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td valign="top" style="${FONT}padding:10px;border-top:4px solid ${colour};background:#ffffff" bgcolor="#ffffff"><div style="font-size:12px;color:${GREY}">${escapeMarkup(say(f.label, locale))}</div><div style="font-size:24px;font-weight:bold;color:${colour}">${escapeMarkup(say(f.value, locale))}</div><div style="font-size:12px;color:${GREY}">${f.target === undefined ? '' : `${escapeMarkup(say(W.target, locale))} ${escapeMarkup(f.target)}`}${f.change === undefined ? '' : ` · ${escapeMarkup(previous)} ${escapeMarkup(f.change)}`}</div><div style="font-size:12px;color:${GREY}">${escapeMarkup(say(f.count, locale))}</div></td></tr></table>`;
    return `<!--[if mso]><td width="${cardWidth + CARD_GAP}" valign="top" style="padding:0 ${CARD_GAP / 2}px ${CARD_GAP}px"><![endif]--><div style="display:inline-block;vertical-align:top;text-align:left;width:100%;max-width:${cardWidth}px;margin:0 ${CARD_GAP / 2}px ${CARD_GAP}px">${card}</div><!--[if mso]></td><![endif]-->`;
  }).join('');

  const s = report.surveys;
  const positiveChange = change(s.positiveRate, report.previous.positiveRate);
  const lead = s.tooFewResponses
    ? say({ zh: `本期回复 ${s.n} 份，少于最低 ${report.minResponses} 份，满意率不计分。`, en: `${s.n} responses this period, fewer than the minimum of ${report.minResponses}: no score.` }, locale)
    : say({
      zh: `满意率 ${percent(s.positiveRate)}（目标 ${percent(report.targets.positiveRate)}）${positiveChange === undefined ? '' : `，${previous} ${positiveChange}`}；回复 ${s.n} 份（应有 ${report.volume.expected} 份）。`,
      en: `Satisfied ${percent(s.positiveRate)} (target ${percent(report.targets.positiveRate)})${positiveChange === undefined ? '' : `, ${previous} ${positiveChange}`}; ${s.n} responses (${report.volume.expected} expected).`,
    }, locale);

  const trend = report.trend.points.map((p) => `<tr>${cell(escapeMarkup(p.label), 'width:22%;white-space:nowrap')}${bar(p.n >= report.minResponses ? p.positiveRate : null, p.positiveRate === null ? null : p.positiveRate >= report.targets.positiveRate)}${cell(escapeMarkup(rateText(p.positiveRate, p.n, report.minResponses, locale)), 'white-space:nowrap;text-align:right')}</tr>`).join('');
  const c = report.complaints;
  const categories = Object.entries(c.byCategory).sort((a, b) => b[1] - a[1]).map(([id, n]) => `${say(categoryName(id), locale)} ${n}`).join(' · ') || say(W.none, locale);
  const overdue = c.overdue.length === 0
    ? escapeMarkup(say(W.overdueNone, locale))
    : c.overdue.map((o) => `${input.linkCases ? `<a href="${escapeMarkup(o.url)}" style="color:${BLUE}">${escapeMarkup(o.id)}</a>` : escapeMarkup(o.id)} · ${escapeMarkup(o.departmentName)} · ${escapeMarkup(say(categoryName(o.category), locale))} · ${say({ zh: `超期 ${o.daysOverdue} 天`, en: `${o.daysOverdue} days overdue` }, locale)}${o.safetySignal ? ` · <b style="color:${RED}">${escapeMarkup(say(W.safety, locale))}</b>` : ''}`).join('<br>');
  const callbacks = report.callbacks === undefined ? '' : `${heading(say(W.callbacks, locale), link('callbacks'), locale)}<tr><td style="${FONT}font-size:14px">${escapeMarkup(say(W.coverage, locale))}: <b>${percent(report.callbacks.coverage)}</b> (${report.callbacks.reached}/${report.callbacks.discharged}, ${escapeMarkup(say(W.target, locale))} ${percent(report.callbacks.target)}) · ${escapeMarkup(say(W.callSatisfied, locale))}: ${percent(report.callbacks.positiveRate)}</td></tr>${noteRow(W.coverageNote, locale)}`;
  const comments = report.comments.length === 0 ? '' : `${heading(say(W.comments, locale), link('comments'), locale)}${noteRow(W.commentsNote, locale)}${report.comments.map((cm) => `<tr><td style="${FONT}font-size:13px;color:#1d2733;padding:4px 0 4px 10px;border-left:3px solid #d5dde3">“${escapeMarkup(cm.text)}” <span style="color:${GREY}">— ${escapeMarkup(say({ zh: cm.departmentName, en: cm.departmentNameEn }, locale))}, ${escapeMarkup(cm.day)}</span></td></tr>`).join('')}`;

  const groupRows = sitesWithTotal(report);
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeMarkup(digestSubject(report, locale))}</title></head>
<body style="margin:0;padding:0;background:#f3f6f8" bgcolor="#f3f6f8">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#f3f6f8"><tr><td align="center" style="padding:12px">
<table role="presentation" width="${CONTENT_WIDTH}" cellpadding="0" cellspacing="0" border="0" style="max-width:${CONTENT_WIDTH}px;width:100%">
<tr><td bgcolor="${BLUE}" style="${FONT}background:${BLUE};color:#ffffff;padding:14px 16px;font-size:18px;font-weight:bold">${escapeMarkup(say(kindWords(report), locale))} · ${escapeMarkup(say({ zh: report.scope.name, en: report.scope.nameEn }, locale))}<div style="font-size:13px;font-weight:normal">${escapeMarkup(report.period.from)} – ${escapeMarkup(report.period.to)}</div></td></tr>
<tr><td style="${FONT}font-size:15px;color:#1d2733;padding:14px 0 10px 0">${escapeMarkup(lead)}</td></tr>
<tr><td align="center" style="font-size:0;text-align:center"><!--[if mso]><table role="presentation" width="${CONTENT_WIDTH}" cellpadding="0" cellspacing="0" border="0"><tr><![endif]-->${cards}<!--[if mso]></tr></table><![endif]--></td></tr>
${noteRow(W.positiveNote, locale)}
${heading(say(report.trend.grain === 'week' ? W.trendWeeks : W.trendMonths, locale), link('trend'), locale)}
<tr><td bgcolor="#ffffff" style="background:#ffffff;padding:6px"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">${trend}</table></td></tr>
${heading(say(W.departments, locale), link('departments'), locale)}${noteRow(W.departmentsNote, locale)}
<tr><td bgcolor="#ffffff" style="${FONT}background:#ffffff;padding:6px;font-size:13px"><b>${escapeMarkup(say(W.best, locale))}</b>${unitBars(report.best, report, locale)}<b>${escapeMarkup(say(W.worst, locale))}</b>${unitBars(report.worst, report, locale)}</td></tr>
${groupRows === undefined ? '' : `${heading(say(W.sites, locale), link('sites'), locale)}${noteRow(W.sitesNote, locale)}<tr><td bgcolor="#ffffff" style="background:#ffffff;padding:6px">${unitBars(groupRows, report, locale)}</td></tr>`}
${report.services.length > 1 ? `${heading(say(W.services, locale), link('departments'), locale)}<tr><td bgcolor="#ffffff" style="background:#ffffff;padding:6px">${unitBars(report.services.map((sv) => ({ ...sv, name: serviceName(sv.id).zh, nameEn: serviceName(sv.id).en })), report, locale)}</td></tr>` : ''}
${heading(say(W.complaints, locale), link('complaints'), locale)}
<tr><td style="${FONT}font-size:14px;color:#1d2733;line-height:1.6">${escapeMarkup(say(W.received, locale))}: <b>${c.n}</b> (${escapeMarkup(categories)})<br>${escapeMarkup(say(W.onTime, locale))}: <b>${c.closed === 0 ? '—' : percent(c.closedInTimeRate)}</b> (${c.closedInTime}/${c.closed}; ${escapeMarkup(say(W.limitInvestigation, locale))} ${c.byLimit.investigation.inTime}/${c.byLimit.investigation.closed}, ${escapeMarkup(say(W.limitMulti, locale))} ${c.byLimit['multi-department'].inTime}/${c.byLimit['multi-department'].closed})<br>${escapeMarkup(say(W.safety, locale))}: <b${c.safetySignals > 0 ? ` style="color:${RED}"` : ''}>${c.safetySignals}</b> · ${escapeMarkup(say(W.classifier, locale))}: ${c.n === 0 ? '—' : percent(c.classifierAccuracy)}</td></tr>
${noteRow(W.onTimeNote, locale)}
<tr><td style="${FONT}font-size:14px;color:#1d2733;padding-top:6px"><b>${escapeMarkup(say(W.overdue, locale))}</b><br>${overdue}${c.overdueMore ? '<br>…' : ''}</td></tr>
<tr><td style="${FONT}font-size:14px;color:#1d2733;padding-top:6px"><b>${escapeMarkup(say(W.noComplaint, locale))}</b> (${c.withoutComplaintThisYear.length}): ${escapeMarkup(c.withoutComplaintThisYear.map((d) => say({ zh: d.name, en: d.nameEn }, locale)).join(locale === 'en' ? ', ' : '、') || say(W.none, locale))}</td></tr>
${callbacks}${comments}
<tr><td style="${FONT}font-size:12px;color:${GREY};padding:24px 0 12px 0;border-top:1px solid #d5dde3">${escapeMarkup(say({ zh: `最低回复数 ${report.minResponses}：低于此数的数字显示为“样本不足”。本邮件不含患者个人信息。`, en: `Minimum ${report.minResponses} responses: figures below it show as “too few”. This mail holds no patient's personal data.` }, locale))}<br><a href="${escapeMarkup(report.links.dashboard)}" style="color:${BLUE}">${escapeMarkup(say(W.open, locale))}</a> · <a href="${escapeMarkup(input.unsubscribeUrl)}" style="color:${BLUE}">${escapeMarkup(say(W.unsubscribe, locale))}</a></td></tr>
</table></td></tr></table></body></html>`;

  const line = (label: Words, value: string) => `${say(label, locale)}: ${value}`;
  const text = [
    `${say(kindWords(report), locale)} · ${say({ zh: report.scope.name, en: report.scope.nameEn }, locale)} · ${report.period.from} – ${report.period.to}`,
    '',
    lead,
    '',
    ...figures.map((f) => `- ${say(f.label, locale)}: ${say(f.value, locale)}${f.target === undefined ? '' : ` (${say(W.target, locale)} ${f.target})`}${f.change === undefined ? '' : ` ${previous} ${f.change}`} — ${say(f.count, locale)}`),
    '',
    `${say(report.trend.grain === 'week' ? W.trendWeeks : W.trendMonths, locale)} (${link('trend')})`,
    ...report.trend.points.map((p) => `  ${p.label}  ${rateText(p.positiveRate, p.n, report.minResponses, locale)}`),
    '',
    `${say(W.departments, locale)} (${link('departments')})`,
    `  ${say(W.best, locale)}: ${report.best.map((r) => `${say({ zh: r.name, en: r.nameEn }, locale)} ${percent(r.surveys.positiveRate)} (n=${r.surveys.n})`).join('; ') || say(W.tooFew, locale)}`,
    `  ${say(W.worst, locale)}: ${report.worst.map((r) => `${say({ zh: r.name, en: r.nameEn }, locale)} ${percent(r.surveys.positiveRate)} (n=${r.surveys.n})`).join('; ') || say(W.tooFew, locale)}`,
    '',
    ...(groupRows === undefined ? [] : [`${say(W.sites, locale)} (${link('sites')})`, ...groupRows.map((r) => `  ${say({ zh: r.name, en: r.nameEn }, locale)}  ${rateText(r.surveys.positiveRate, r.surveys.n, 0, locale)} · ${say(W.complaints, locale)} ${r.complaints}`), '']),
    `${say(W.complaints, locale)} (${link('complaints')})`,
    `  ${line(W.received, `${c.n} — ${categories}`)}`,
    `  ${line(W.onTime, `${c.closed === 0 ? '—' : percent(c.closedInTimeRate)} (${c.closedInTime}/${c.closed})`)}`,
    `  ${line(W.safety, String(c.safetySignals))}`,
    `  ${line(W.overdue, c.overdue.length === 0 ? say(W.none, locale) : c.overdue.map((o) => `${input.linkCases ? o.url : o.id} (${o.departmentName}, ${o.daysOverdue}d)`).join('; '))}`,
    `  ${line(W.noComplaint, c.withoutComplaintThisYear.map((d) => say({ zh: d.name, en: d.nameEn }, locale)).join(', ') || say(W.none, locale))}`,
    ...(report.callbacks === undefined ? [] : ['', `${say(W.callbacks, locale)}: ${say(W.coverage, locale)} ${percent(report.callbacks.coverage)} (${report.callbacks.reached}/${report.callbacks.discharged}), ${say(W.target, locale)} ${percent(report.callbacks.target)}`]),
    ...(report.comments.length === 0 ? [] : ['', say(W.comments, locale), ...report.comments.map((cm) => `  “${cm.text}” — ${say({ zh: cm.departmentName, en: cm.departmentNameEn }, locale)}, ${cm.day}`)]),
    '',
    `${say(W.open, locale)}: ${report.links.dashboard}`,
    `${say(W.unsubscribe, locale)}: ${input.unsubscribeUrl}`,
  ].join('\n');
  return { subject: digestSubject(report, locale), html, text };
}

/**
 * The digest as SES sends it: HTML and text, with the one-click unsubscribe headers (RFC 8058). The link
 * goes in on one line, as some clients' one-click detection expects; it is ASCII (the token is URL-encoded).
 */
export function digestMessage(input: DigestMailInput): Mail {
  const mail = renderDigest(input);
  return {
    from: input.from,
    to: [input.to],
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: [
      { name: 'List-Unsubscribe', value: `<${input.unsubscribeUrl}>` },
      { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
      { name: 'Auto-Submitted', value: 'auto-generated' },
    ],
  };
}
