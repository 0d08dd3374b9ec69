/**
 * `farmland summary` carries the indicators: `--json` member `indicators` (selection and by_region), the six XLSX
 * sheets, the text lines, and the 经济奖惩 rates from --config / the manifest's config. Hand-computed cells
 * (test/helpers/indicatorLayers: w(n) degrees in the band is n 亩).
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { band, TOWN_A, TOWN_B, tall } from '../../../test/helpers/indicatorLayers';
import { fakeIO } from '../../../test/helpers/fakeIO';
import { runCli } from '../main';

const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const MU = 2000 / 3;
const FILES: Record<string, string> = {
  // 耕地 G1 10 亩 (WG), G2 20 亩; 永久基本农田 = the same parcels; 高标准农田 over [0, 15) 亩; 盐碱 重度 over G2's last 5 亩
  '/d/gd.geojson': fc([band(0, 10, { BSM: 'G1', DLBM: '0103', ZLDWDM: TOWN_A, ZZSXDM: 'WG', GDDJ: 3, GDPDJB: 1 }), band(10, 20, { BSM: 'G2', DLBM: '0103', ZLDWDM: TOWN_B, GDDJ: 5, GDPDJB: 3 })]),
  '/d/jb.geojson': fc([band(0, 10, { YJJBNTTBBH: 'J1', ZLDWDM: TOWN_A, GDDJ: 3, GDPDJB: 1 }), band(10, 20, { YJJBNTTBBH: 'J2', ZLDWDM: TOWN_B, GDDJ: 5, GDPDJB: 3 })]),
  '/d/hs.geojson': fc([tall(0, 15, { BSM: 'H1' })]),
  '/d/yj.geojson': fc([tall(25, 5, { BSM: 'S1', YJCD: '重度' })]),
  '/d/t.json': JSON.stringify({ regions: [{ code: '330102101', name: '甲镇', level: 'township', cultivated_mu: 8 }, { code: '330102102', name: '乙乡', level: 'township', cultivated_mu: 25 }] }),
  '/d/c.json': JSON.stringify({ fee_rates: { default: 40000 }, reward_penalty: { cultivated: { gap_yuan_per_mu: 2000, surplus_yuan_per_mu: 500 } } }),
  '/d/m.json': JSON.stringify({ layers: [{ kind: 'cultivated', file: 'gd.geojson' }, { kind: 'permanent-basic', file: 'jb.geojson' }, { kind: 'high-standard', file: 'hs.geojson' }, { kind: 'saline-alkali', file: 'yj.geojson' }], targets: 't.json', config: 'c.json' }),
};

describe('farmland summary: indicators', () => {
  it('--json: indicators for the selection and per region, hand-computed', async () => {
    const f = fakeIO(FILES);
    expect(await runCli(['summary', '--manifest', '/d/m.json', '--json'], f.io)).toBe(0);
    const ind = JSON.parse(f.out()).indicators;
    expect(ind.permanent_basic_m2 / MU).toBeCloseTo(30, 8);
    expect(ind.permanent_basic_in_high_standard_m2 / MU).toBeCloseTo(15, 8);
    expect(ind.permanent_basic_in_high_standard_share).toBeCloseTo(0.5, 10);
    expect(ind.permanent_basic_remainder_parcels).toBe(1);
    const town = (code: string) => ind.by_region.find((r: { code: string }) => r.code === code);
    expect(town('330102101').permanent_basic_in_high_standard_share).toBeCloseTo(1, 10);
    expect(town('330102102').permanent_basic_in_high_standard_share).toBeCloseTo(5 / 20, 10);
    expect(ind.saline_by_degree_m2.重度 / MU).toBeCloseTo(5, 8);
    expect(ind.abandoned_m2 / MU).toBeCloseTo(10, 8);
    expect(ind.abandoned_share).toBeCloseTo(1 / 3, 10);
    expect(town('330102101').abandoned_share).toBeCloseTo(1, 10);
    expect(ind.high_standard.candidates.map((c: { id: string }) => c.id)).toEqual(['J2']);
    expect(ind.high_standard.candidates[0].remainder_mu).toBeCloseTo(15, 8);
    // 甲镇 10 亩 against 8: +2 × 500 元; 乙乡 20 against 25: −5 × 2000 元 (rates from the manifest's config)
    const lines = ind.reward_penalty.lines;
    expect(ind.reward_penalty.rates.source).toBe('c.json');
    expect(lines.find((l: { code: string }) => l.code === '330102101').net_yuan).toBeCloseTo(1000, 2); // achieved areas are on the summary's 2⁻¹⁰ m² grid
    expect(lines.find((l: { code: string }) => l.code === '330102102').net_yuan).toBeCloseTo(-10000, 2);
  });

  it('--xlsx: the indicator sheets with the same figures; text output names them', async () => {
    const f = fakeIO(FILES);
    expect(await runCli(['summary', '--manifest', '/d/m.json', '--xlsx', '/o/s.xlsx'], f.io)).toBe(0);
    expect(f.out()).toContain('已建高标准农田 15.00 亩（50.00%）');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(f.written.get('/o/s.xlsx') as unknown as ArrayBuffer);
    const rows = (name: string) => (wb.getWorksheet(name)!.getSheetValues() as unknown[][]).filter(Array.isArray).map((r) => r.slice(1));
    const cov = rows('高标准覆盖');
    const sel = cov.find((r) => r[0] === '所选')!;
    expect(sel[4] as number).toBeCloseTo(30, 8);
    expect(sel[5] as number).toBeCloseTo(15, 8);
    expect(sel[6] as number).toBeCloseTo(0.5, 10);
    expect(rows('建设候选').find((r) => r[0] === 1)![1]).toBe('J2');
    expect(rows('盐碱耕地').find((r) => r[0] === '所选')![6] as number).toBeCloseTo(5, 8);
    expect(rows('经济奖惩').find((r) => r[0] === '330102102')![12] as number).toBeCloseTo(-10000, 2);
  });

  it('a bad rate is a finding naming the config file and field (exit 1), the default rate stays', async () => {
    const f = fakeIO({ ...FILES, '/d/c.json': JSON.stringify({ reward_penalty: { cultivated: { gap_yuan_per_mu: 'lots' } } }) });
    expect(await runCli(['summary', '--manifest', '/d/m.json', '--json'], f.io)).toBe(1);
    expect(f.err()).toContain('c.json: reward_penalty.cultivated.gap_yuan_per_mu');
    const ind = JSON.parse(f.out()).indicators;
    expect(ind.reward_penalty.rates.cultivated.gap_yuan_per_mu).toBe(3000);
  });
});
