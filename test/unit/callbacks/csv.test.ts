import { describe, expect, it } from 'vitest';
import { importDischargeRows, parseDischargeCsv } from '../../../shared/callbacks/csv.ts';
import type { DischargesAccepted } from '../../../shared/schemas/callback.ts';

// The HIS's CSV export: csv-parse reads quotes, commas and a BOM; every row is named by its number in the
// file (the header is row 1) when it is refused, and the good rows are still taken.

const HEADER = 'dischargeId,departmentId,dischargedAt,name,phone,serviceType,doNotCall';

describe('parsing a discharge CSV', () => {
  it('reads a BOM, quoted fields and the patient.* header names into discharges', () => {
    const text = `\uFEFFdischargeId,departmentId,dischargedAt,patient.name,patient.phone,patient.language,serviceType,doNotCall\nZY1,cardiology-ward,2026-11-27T09:00:00+08:00,"王, 秀英",139 0000 1234,zh-CN,inpatient,否\nZY2,maternity-ward,2026-11-27T10:00:00+08:00,李华,13900005678,,,是\n`;
    const parsed = parseDischargeCsv(text);
    expect(parsed).toEqual({
      ok: true,
      refused: [],
      rows: [
        { row: 2, discharge: { dischargeId: 'ZY1', departmentId: 'cardiology-ward', dischargedAt: '2026-11-27T09:00:00+08:00', patient: { name: '王, 秀英', phone: '139 0000 1234', language: 'zh-CN' }, serviceType: 'inpatient' } },
        { row: 3, discharge: { dischargeId: 'ZY2', departmentId: 'maternity-ward', dischargedAt: '2026-11-27T10:00:00+08:00', patient: { name: '李华', phone: '13900005678' }, doNotCall: true } },
      ],
    });
  });

  it('names a bad row by its number in the file and keeps the good rows, blank lines counted', () => {
    const text = `${HEADER}\nZY1,cardiology-ward,2026-11-27T09:00:00+08:00,王秀英,13900001234,inpatient,\n\nZY2,cardiology-ward,2026-11-27T09:00:00+08:00,李华,13900005678,inpatient,maybe\nZY3,cardiology-ward,2026-11-27T09:00:00+08:00,张伟,13900009999,inpatient,,extra\n`;
    const parsed = parseDischargeCsv(text);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.rows.map((r) => r.row)).toEqual([2]);
    expect(parsed.refused).toEqual([{ row: 4, errors: [{ path: 'doNotCall', message: 'true or false' }] }, { row: 5, errors: [{ path: '(row)', message: '8 columns, the header has 7' }] }]);
  });

  it('refuses a file without the columns it needs, or that is not CSV, as a whole', () => {
    const errorOf = (text: string) => { const parsed = parseDischargeCsv(text); return parsed.ok ? undefined : parsed.error; };
    expect(errorOf('dischargeId,name\nZY1,王秀英\n')).toContain('departmentId, dischargedAt, phone');
    expect(errorOf(`${HEADER}\n"ZY1,cardiology-ward\n`)).toContain('Not a valid CSV file');
    expect(parseDischargeCsv('')).toMatchObject({ ok: false });
  });
});

describe('importing a parsed file', () => {
  it('posts batches of 500 with ids fixed by the file, and reports the rows the intake refused by file row and field', async () => {
    const lines = Array.from({ length: 1_001 }, (_, i) => `ZY${i},cardiology-ward,2026-11-27T09:00:00+08:00,患者${i},139${String(i).padStart(8, '0')},,`);
    const text = `${HEADER}\n${lines.join('\n')}\n`;
    const parsed = parseDischargeCsv(text);
    if (!parsed.ok) throw new Error(parsed.error);
    const posted: { batchId: string; size: number }[] = [];
    const post = (body: { batchId: string; discharges: unknown[] }): Promise<DischargesAccepted> => {
      posted.push({ batchId: body.batchId, size: body.discharges.length });
      // The intake refuses the second row of each batch, as it would an unknown department.
      const refused = body.discharges.length > 1 ? [{ index: 1, errors: [{ path: 'patient.phone', message: 'must be a phone number' }] }] : [];
      return Promise.resolve({ batchId: body.batchId, accepted: body.discharges.length - refused.length, refused });
    };
    const progress: number[] = [];
    const result = await importDischargeRows(parsed, text, 'demo', post, (done) => progress.push(done));
    expect(posted.map((p) => p.size)).toEqual([500, 500, 1]);
    expect(progress).toEqual([500, 1000, 1001]);
    // The second row of a batch is the file's row 3 (header, then the first row), of the next batch row 503.
    expect(result).toEqual({ total: 1001, accepted: 999, refused: [3, 503].map((row) => ({ row, errors: [{ path: 'phone', message: 'must be a phone number' }] })) });
    // The same file again: the same batch ids.
    const again: string[] = [];
    await importDischargeRows(parsed, text, 'demo', (body) => { again.push(body.batchId); return post(body); });
    expect(again).toEqual(posted.slice(0, 3).map((p) => p.batchId));
  });
});
