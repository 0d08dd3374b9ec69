import { describe, expect, it } from 'vitest';
import { overlayVintages } from '../change/overlay';
import { changeReport } from '../change/report';
import { AFTER, BEFORE } from '../change/testData';
import { loadVintage } from '../change/vintage';
import { buildMetadata } from '../report/metadata';
import { changeDocument, changeFile } from './changeExport';

function report() {
  const b = loadVintage('b.geojson', BEFORE, '前期 before');
  const a = loadVintage('a.geojson', AFTER, '后期 after');
  return changeReport(overlayVintages(b.layer, a.layer));
}
const meta = buildMetadata({ inputs: [{ file: 'b.geojson', role: 'before vintage' }], now: new Date('2026-01-01T00:00:00Z'), notes: [] });

describe('changeDocument / changeFile', () => {
  it('JSON: the report, the ledger year, the findings count and the metadata first', async () => {
    const r = report();
    const doc = JSON.parse(await changeDocument('json', r, { year: 2024, findings: 3 }, meta));
    expect(Object.keys(doc)[0]).toBe('metadata');
    expect(doc.findings).toBe(3);
    expect(doc.high_standard_loss).toBeNull();
    expect(doc.stable.ledger.year).toBe(2024);
    const sum = doc.matrix.reduce((s: number, c: { area_m2: number }) => s + c.area_m2, 0);
    expect(Math.abs(sum - r.reconciliation!.rowsM2) / sum).toBeLessThan(1e-12);
  });

  it('CSV: metadata rows, then one row per transition; XLSX: a zip workbook', async () => {
    const r = report();
    const csv = await changeDocument('csv', r, { findings: 0 }, meta);
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\n');
    const header = lines.findIndex((l) => l.startsWith('前期地类'));
    expect(header).toBeGreaterThan(0);
    expect(lines.length - header - 1).toBe(r.matrix.length);
    const xlsx = await changeDocument('xlsx', r, { findings: 0 }, meta);
    expect(String.fromCharCode(xlsx[0], xlsx[1])).toBe('PK');
  });

  it('names the file by the region', () => {
    expect(changeFile('xlsx', '330102').file).toBe('farmland-change-330102.xlsx');
    expect(changeFile('csv', undefined)).toEqual({ file: 'farmland-change.csv', mime: 'text/csv;charset=utf-8' });
  });
});
