import type { ShippedFile } from '../platform/shipped-files.ts';

// The State Council's holidays and make-up working days, as the `chinese-days` package ships them: its
// JSON data file, read by the working-day calendar (shared/sites/working-calendar.ts). A file, not code
// (shared/platform/shipped-files.ts): inlined, it was 43 KB of JavaScript in every bundle that counts
// working days. Here alone, so infra/bundling.ts can name it without loading the calendar.
export const NATIONAL_SCHEDULE: ShippedFile = { file: 'chinese-days.json', source: 'chinese-days/dist/chinese-days.json' };
