import { escapeMarkup } from '../web/markup.ts';
import type { TrendPoint, UnitRow } from './manager-report.ts';
import { percent } from './report-words.ts';

// The dashboard's charts as inline SVG, drawn here by hand: two simple charts (columns of a rate with a
// target line, and horizontal bars) need a scale and a few rectangles, which is less code than wiring a
// chart library, and no library can add script to a page whose CSP allows none. Attributes only (no
// style attributes: the CSP allows the page's one stylesheet). Every mark has a <title> with its count.

const BLUE = '#0b5cad';
const GREY = '#b8c2cc';
const RED = '#b3261e';
const FONT = 'system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif';

const shortLabel = (label: string): string => (label.length === 10 ? label.slice(5) : label.length === 7 ? label.slice(2).replace('-', '/') : label);

/** Columns of the share satisfied per week or month, a dashed target line; points below the minimum in grey at the foot. */
export function trendChart(points: readonly TrendPoint[], target: number, caption: string): string {
  const width = 640;
  const height = 220;
  const left = 40;
  const bottom = 28;
  const top = 10;
  const plot = height - bottom - top;
  const slot = (width - left - 8) / Math.max(points.length, 1);
  const y = (rate: number) => top + plot * (1 - rate);
  const grid = [0, 0.5, 1].map((r) => `<line x1="${left}" x2="${width - 8}" y1="${y(r)}" y2="${y(r)}" stroke="#e3e8ec"/><text x="${left - 6}" y="${y(r) + 4}" text-anchor="end" font-size="11" fill="#4b5966">${r * 100}%</text>`).join('');
  const bars = points.map((p, i) => {
    const x = left + i * slot + slot * 0.15;
    const w = slot * 0.7;
    const label = `<text x="${x + w / 2}" y="${height - 10}" text-anchor="middle" font-size="11" fill="#4b5966">${escapeMarkup(shortLabel(p.label))}</text>`;
    if (p.positiveRate === null) {
      return `<g><title>${escapeMarkup(`${p.from}…${p.to}: n=${p.n}, too few 样本不足`)}</title><rect x="${x}" y="${y(0) - 3}" width="${w}" height="3" fill="${GREY}"/>${label}</g>`;
    }
    const fill = p.positiveRate >= target ? BLUE : RED;
    return `<g><title>${escapeMarkup(`${p.from}…${p.to}: ${percent(p.positiveRate)}, n=${p.n}`)}</title><rect x="${x}" y="${y(p.positiveRate)}" width="${w}" height="${plot * p.positiveRate}" fill="${fill}"/>${label}</g>`;
  }).join('');
  const targetLine = `<line x1="${left}" x2="${width - 8}" y1="${y(target)}" y2="${y(target)}" stroke="#1d2733" stroke-dasharray="5 4"/>`;
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeMarkup(caption)}" font-family='${FONT}'><title>${escapeMarkup(caption)}</title>${grid}${bars}${targetLine}</svg>`;
}

/** One horizontal bar per department with enough responses, best first, against the target. */
export function departmentChart(rows: readonly UnitRow[], target: number, caption: string): string {
  const scored = rows.filter((r) => r.surveys.positiveRate !== null);
  const row = 22;
  const labelWidth = 190;
  const width = 640;
  const barWidth = width - labelWidth - 60;
  const height = Math.max(scored.length, 1) * row + 8;
  const x = (rate: number) => labelWidth + barWidth * rate;
  const bars = scored.map((r, i) => {
    const rate = r.surveys.positiveRate ?? 0;
    const yTop = 4 + i * row;
    return `<g><title>${escapeMarkup(`${r.name} ${r.nameEn}: ${percent(rate)}, n=${r.surveys.n}`)}</title><text x="${labelWidth - 6}" y="${yTop + 14}" text-anchor="end" font-size="12" fill="#1d2733">${escapeMarkup(r.name)}</text><rect x="${labelWidth}" y="${yTop + 3}" width="${barWidth * rate}" height="${row - 8}" fill="${rate >= target ? BLUE : RED}"/><text x="${x(rate) + 4}" y="${yTop + 14}" font-size="11" fill="#4b5966">${percent(rate)}</text></g>`;
  }).join('');
  const targetLine = `<line x1="${x(target)}" x2="${x(target)}" y1="0" y2="${height}" stroke="#1d2733" stroke-dasharray="5 4"/>`;
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeMarkup(caption)}" font-family='${FONT}'><title>${escapeMarkup(caption)}</title>${bars}${targetLine}</svg>`;
}
