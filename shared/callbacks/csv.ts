import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { type DischargesAccepted, MAX_DISCHARGES_PER_BATCH } from '../schemas/callback.ts';
import { derivedUuid } from './derived-id.ts';
import type { FieldError } from '../platform/domain-errors.ts';

// The HIS's CSV export of discharges (api.md: a header row, columns as the fields of POST /v1/discharges):
// dischargeId, departmentId, dischargedAt, name (or patient.name), phone (or patient.phone), language,
// serviceType, doNotCall, correction. Parsed with csv-parse (quotes, commas and line breaks inside
// fields, a UTF-8 BOM from Excel); each row becomes a discharge-shaped object for the same checks as the
// API, so a bad row is named by its row number in the file (the header is row 1) and its field.

const COLUMNS: Readonly<Record<string, string>> = {
  dischargeid: 'dischargeId',
  departmentid: 'departmentId',
  dischargedat: 'dischargedAt',
  name: 'name',
  'patient.name': 'name',
  phone: 'phone',
  'patient.phone': 'phone',
  language: 'language',
  'patient.language': 'language',
  servicetype: 'serviceType',
  donotcall: 'doNotCall',
  correction: 'correction',
};
export const REQUIRED_COLUMNS = ['dischargeId', 'departmentId', 'dischargedAt', 'name', 'phone'] as const;

const TRUE = new Set(['true', '1', 'yes', 'y', '是']);
const FALSE = new Set(['false', '0', 'no', 'n', '否', '']);

export interface CsvRow {
  /** The row's number in the file, the header being row 1. */
  readonly row: number;
  readonly discharge: Record<string, unknown>;
}

export type CsvParse = { readonly ok: true; readonly rows: readonly CsvRow[]; readonly refused: readonly { row: number; errors: FieldError[] }[] } | { readonly ok: false; readonly error: string };

function flag(value: string | undefined, field: string): { value?: boolean; error?: FieldError } {
  const text = (value ?? '').trim().toLowerCase();
  if (TRUE.has(text)) return { value: true };
  if (FALSE.has(text)) return {};
  return { error: { path: field, message: 'true or false' } };
}

/** A column header as the file has it → the field it fills; undefined for a column this import does not know. */
export const columnOf = (header: string): string | undefined => COLUMNS[header.trim().toLowerCase()];

/** One record (header → value) as a discharge-shaped object, or the fields that cannot be read. */
export function dischargeFromRecord(record: Readonly<Record<string, string>>): { discharge: Record<string, unknown>; errors: FieldError[] } {
  const get = (field: string) => {
    const value = record[field]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const errors: FieldError[] = [];
  const doNotCall = flag(record.doNotCall, 'doNotCall');
  const correction = flag(record.correction, 'correction');
  for (const f of [doNotCall, correction]) if (f.error !== undefined) errors.push(f.error);
  const language = get('language');
  const serviceType = get('serviceType');
  const discharge: Record<string, unknown> = {
    dischargeId: get('dischargeId') ?? '',
    departmentId: get('departmentId') ?? '',
    dischargedAt: get('dischargedAt') ?? '',
    patient: { name: get('name') ?? '', phone: get('phone') ?? '', ...(language === undefined ? {} : { language }) },
    ...(serviceType === undefined ? {} : { serviceType }),
    ...(doNotCall.value === true ? { doNotCall: true } : {}),
    ...(correction.value === true ? { correction: true } : {}),
  };
  return { discharge, errors };
}

/** A whole file, checked for its header; rows are read but not yet validated against the schema. */
export function parseDischargeCsv(text: string): CsvParse {
  let records: string[][];
  try {
    // Empty lines are kept (and skipped below) so that row numbers stay those of the file.
    records = parse(text, { bom: true, skip_empty_lines: false, relax_column_count: true });
  } catch (error) {
    return { ok: false, error: `不是有效的 CSV 文件 Not a valid CSV file: ${error instanceof Error ? error.message : String(error)}` };
  }
  const [header, ...body] = records;
  if (header === undefined) return { ok: false, error: '文件是空的。The file is empty.' };
  const fields = header.map(columnOf);
  const missing = REQUIRED_COLUMNS.filter((c) => !fields.includes(c));
  if (missing.length > 0) return { ok: false, error: `缺少列 Missing columns: ${missing.join(', ')} (表头为第 1 行 the header is row 1)` };
  const rows: CsvRow[] = [];
  const refused: { row: number; errors: FieldError[] }[] = [];
  body.forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((cell) => cell.trim() === '')) return;
    if (cells.length > header.length) {
      refused.push({ row, errors: [{ path: '(row)', message: `${cells.length} columns, the header has ${header.length}` }] });
      return;
    }
    const record: Record<string, string> = {};
    fields.forEach((field, column) => { if (field !== undefined) record[field] = cells[column] ?? ''; });
    const { discharge, errors } = dischargeFromRecord(record);
    if (errors.length > 0) refused.push({ row, errors });
    else rows.push({ row, discharge });
  });
  return { ok: true, rows, refused };
}

export interface CsvImport {
  readonly total: number;
  readonly accepted: number;
  readonly refused: readonly { row: number; errors: FieldError[] }[];
}

/**
 * Imports a parsed file in batches of at most 500 through the same intake as POST /v1/discharges. Each
 * batch's id is derived from the file's content, so importing the same file again is the same batches
 * (and every discharge is stored once anyway).
 */
export async function importDischargeRows(
  parsed: Extract<CsvParse, { ok: true }>,
  fileText: string,
  siteId: string,
  post: (body: { batchId: string; siteId: string; discharges: Record<string, unknown>[] }) => Promise<DischargesAccepted>,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<CsvImport> {
  const fileHash = createHash('sha256').update(fileText).digest('hex');
  const refused = [...parsed.refused];
  let accepted = 0;
  for (let start = 0; start < parsed.rows.length; start += MAX_DISCHARGES_PER_BATCH) {
    const chunk = parsed.rows.slice(start, start + MAX_DISCHARGES_PER_BATCH);
    const answer = await post({ batchId: derivedUuid(`${fileHash}:${start}`), siteId, discharges: chunk.map((r) => r.discharge) });
    accepted += answer.accepted;
    for (const r of answer.refused) refused.push({ row: chunk[r.index]?.row ?? 0, errors: r.errors.map((e) => ({ path: e.path.replace(/^patient\./, ''), message: e.message })) });
    onProgress(start + chunk.length, parsed.rows.length);
  }
  refused.sort((a, b) => a.row - b.row);
  return { total: parsed.rows.length + parsed.refused.length, accepted, refused };
}
