import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellFeature, dLonForArea, MU_M2 } from '../../../test/helpers/lonlatCells';
import { summarize } from '../analysis/summary';
import { breakdownTable, targetsTable, totalsTable } from '../report/summaryTables';
import { buildLayer } from '../layers/layer';
import { buildMetadata } from './metadata';
import { sheetName, writeXlsx } from './xlsx';

const w = (mu: number) => dLonForArea(mu * MU_M2, 40, 0.001);
const layer = buildLayer(
  'cultivated',
  'gd.geojson',
  [
    cellFeature(116, 40, w(12), 0.001, { DLBM: '0101', GDDJ: 3, ZLDWDM: '110108001001', ZLDWMC: '=cmd|x' }),
    cellFeature(116.01, 40, w(8), 0.001, { DLBM: '0103', GDDJ: 4, ZLDWDM: '110108002001' }),
  ],
  { name: '耕地' },
);
const meta = buildMetadata({ inputs: [{ file: 'gd.geojson', role: 'cultivated', features: 2 }], now: new Date(Date.UTC(2026, 10, 28, 12, 0, 0)) });

describe('writeXlsx', () => {
  it('writes sheets with Chinese headers and numbers as numbers; reads back with the same totals', async () => {
    const s = summarize([layer]);
    const bytes = await writeXlsx([totalsTable(s), breakdownTable(s), targetsTable(s)], meta);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]); // zip
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((x) => x.name)).toEqual(['汇总', '分类', '目标', '元数据']);
    const total = wb.getWorksheet('汇总')!;
    const header = (total.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 7)).toEqual(['图层类型', '图层代码 kind', '名称', '文件', '图斑数', '面积(平方米)', '面积(亩)']);
    const row = total.getRow(2);
    expect(row.getCell(1).value).toBe('耕地');
    expect(row.getCell(5).value).toBe(2);
    expect(typeof row.getCell(6).value).toBe('number');
    expect(row.getCell(6).value as number).toBeCloseTo(20 * MU_M2, 2);
    expect(row.getCell(7).value as number).toBeCloseTo(20, 5);
    expect(row.getCell(6).numFmt).toBe('#,##0.00');
    // 分类: the 地类 rows add up to the 合计 row
    const br = wb.getWorksheet('分类')!;
    const rows = (br.getSheetValues() as unknown[][]).slice(2).map((r) => r.slice(1));
    const totalRow = rows.find((r) => r[2] === '合计')!;
    const land = rows.filter((r) => r[2] === '地类');
    expect(land.reduce((t, r) => t + (r[6] as number), 0)).toBe(totalRow[6]);
    expect(land.find((r) => r[3] === 'paddy')![7] as number).toBeCloseTo(12, 5);
    // text that looks like a formula stays text in XLSX (no formula cell)
    const village = rows.find((r) => r[3] === '110108001001')!;
    expect(village[4]).toBe('=cmd|x');
    const cell = br.getRow(rows.indexOf(village) + 2).getCell(5);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    const md = (wb.getWorksheet('元数据')!.getSheetValues() as unknown[][]).slice(2).map((r) => r.slice(1));
    expect(md.find((r) => String(r[0]).startsWith('生成时间'))![1]).toBe('2026-11-28T12:00:00.000Z');
    expect(String(md.find((r) => String(r[0]).startsWith('面积方法'))![1])).toContain('CGCS2000');
    expect(md.find((r) => String(r[0]).startsWith('版本'))![1]).toMatch(/^\d+\.\d+\.\d+/);
    expect(String(md.find((r) => String(r[0]).startsWith('输入文件 1'))![1])).toContain('gd.geojson');
  });

  it('sheet names are legal and unique', async () => {
    expect(sheetName('a/b:c?d*e[f]')).toBe('a_b_c_d_e_f_');
    expect(sheetName('x'.repeat(40)).length).toBe(31);
    const bytes = await writeXlsx([{ name: 'T', columns: [{ header: 'n' }], rows: [[Number.NaN], [1]] }, { name: 'T', columns: [{ header: 'n' }], rows: [] }], meta);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((x) => x.name)).toEqual(['T', 'T 2', '元数据']);
    expect(wb.getWorksheet('T')!.getRow(2).getCell(1).value).toBeNull();
  });
});
