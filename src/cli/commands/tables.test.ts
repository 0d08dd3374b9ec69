import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fakeIO } from '../../../test/helpers/fakeIO';
import { runCli } from '../main';

const rect = (x0: number, y0: number, x1: number, y1: number) => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const f = (properties: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties, geometry });
const FILES = {
  '/d/units.geojson': fc([f({ XZQDM: '330102', XZQMC: '上城区' }, rect(120, 30, 120.02, 30.004)), f({ XZQDM: '330102101', XZQMC: '甲镇' }, rect(120, 30, 120.02, 30.004))]),
  '/d/dltb.geojson': fc([
    f({ BSM: 'A0', DLBM: '0103', ZLDWDM: '3301021010010000000', ZLDWMC: '东村', KCXS: 0.08, GDPDJB: 3, GDLX: 'TT', GDDJ: 4, GDDB: 8 }, rect(120, 30, 120.004, 30.004)),
    f({ BSM: 'A1', DLBM: '0301', ZLDWDM: '3301021010010000000' }, rect(120.004, 30, 120.02, 30.004)),
  ]),
};

describe('farmland tables', () => {
  it('--xlsx: eight sheets and 元数据; the county row adds up; 田坎 1203 its own column', async () => {
    const io = fakeIO(FILES);
    expect(await runCli(['tables', '--layer', '/d/dltb.geojson', '--units', '/d/units.geojson', '--xlsx', '/o/t.xlsx', '--csv-out', '/o/t'], io.io)).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(io.written.get('/o/t.xlsx') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      '土地利用现状(公顷)', '耕地坡度分级(公顷)', '耕地质量等级(公顷)', '耕地等别(公顷)', '土地利用现状(亩)', '耕地坡度分级(亩)', '耕地质量等级(亩)', '耕地等别(亩)', '元数据',
    ]);
    const rows = (wb.getWorksheet('土地利用现状(公顷)')!.getSheetValues() as unknown[][]).slice(1).map((r) => r.slice(1));
    const head = rows[0] as string[];
    expect(head).toContain('1203 田坎');
    const county = rows.find((r) => r[0] === '330102')!;
    expect(county[1]).toBe('上城区');
    const groups = head.map((h, j) => (/^\d\d /.test(h) ? j : -1)).filter((j) => j >= 0);
    expect(Math.round(groups.reduce((s, j) => s + (county[j] as number), 0) * 100)).toBe(Math.round((county[3] as number) * 100));
    expect([...io.written.keys()]).toContain('/o/t-耕地坡度分级(亩).csv');
  });
});
