
import { describe, expect, it } from 'vitest';
import { cellAreaM2, cellFeature, dLonForArea, MU_M2 } from '../../../test/helpers/lonlatCells';
import { runCli } from '../main';
import { fakeIO as makeFakeIO } from '../../../test/helpers/fakeIO';

// Closed-form cells (test/helpers/lonlatCells, independent of the engine): a cell of w(n) degrees in the band
// [30°, 30.001°] is exactly n 亩.
const LAT = 30;
const H = 0.001;
const w = (mu: number) => dLonForArea(mu * MU_M2, LAT, H);
const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const Z = '3301021010010000000';
/** A "tall" cell: the site and boundaries extend beyond the parcels' band. */
const tall = (lon: number, dLon: number, props: Record<string, unknown> = {}) => cellFeature(lon, LAT - H, dLon, 3 * H, props);

const CLI_FILES: Record<string, string> = {
  '/d/gd.geojson': fc([
    cellFeature(120, LAT, w(10), H, { BSM: 'P1', DLBM: '0101', GDDJ: 2, GDPDJB: 1, ZLDWDM: Z }),
    cellFeature(120 + w(10), LAT, w(20), H, { BSM: 'P2', DLBM: '0103', GDDJ: 6, GDPDJB: 3, ZLDWDM: Z }),
  ]),
  '/d/jbnt.geojson': fc([cellFeature(120, LAT, w(10), H, { YJJBNTTBBH: 'J1', GDDJ: 2 })]),
  '/d/kfbj.geojson': fc([tall(120, w(25), { GHFQMC: '城镇开发边界' })]),
  '/d/hx.geojson': fc([tall(125, 0.01, { HXMC: '远处红线' })]),
  '/d/site.geojson': fc([tall(120 + w(5), w(15), { name: '某项目' })]),
  '/d/site-out.geojson': fc([tall(120 + w(20), w(10))]), // half beyond the urban boundary (w(25))
  '/d/points.geojson': fc([{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [120, 30] } }]),
  '/d/c.json': JSON.stringify({ fee_rates: { '330102': 50000 } }),
  '/d/cbad.json': JSON.stringify({ fee_rates: { default: 'much' } }),
  '/d/m.json': JSON.stringify({ name: '某县', layers: [{ kind: 'cultivated', file: 'gd.geojson' }, { kind: 'permanent-basic', file: 'jbnt.geojson' }], config: 'c.json' }),
  '/d/broken.geojson': '{"type": "FeatureCollection", "features": [',
  '/d/sup-ok.geojson': fc([cellFeature(121, LAT, w(16), H, { BSM: 'S1', GDDJ: 3, GDPDJB: 2 })]),
  '/d/sup-bad.geojson': fc([cellFeature(121, LAT, w(6), H, { BSM: 'S1', GDDJ: 7 }), cellFeature(121.01, LAT, w(1), H, { BSM: 'S2', GDDJ: 7 })]),
};

const fakeIO = (files: Record<string, string> = CLI_FILES) => makeFakeIO(files);

const LAYERS = ['--layer', 'cultivated=/d/gd.geojson', '--layer', 'permanent-basic=/d/jbnt.geojson', '--layer', 'urban-boundary=/d/kfbj.geojson', '--layer', 'eco-redline=/d/hx.geojson'];

describe('farmland impact', () => {
  it('--json: site area, layers, flags and compensation with hand-computed figures', async () => {
    const f = fakeIO();
    expect(await runCli(['impact', '--site', '/d/site.geojson', ...LAYERS, '--json'], f.io)).toBe(0);
    const j = JSON.parse(f.out());
    expect(j.metadata.generated_at).toBe('2026-11-28T09:00:00.000Z');
    expect(j.site_area_m2 / cellAreaM2(LAT - H, w(15), 3 * H)).toBeCloseTo(1, 9);
    const [gd, jb, kf, hx] = j.layers;
    expect([gd.kind, gd.parcels, gd.parcel_ids]).toEqual(['cultivated', 2, ['P1', 'P2']]);
    expect(gd.area_mu).toBeCloseTo(15, 8); // 5 of P1 + 10 of P2
    expect(gd.area_m2).toBeCloseTo(15 * MU_M2, 4);
    expect(gd.by_land_class.paddy.area_mu).toBeCloseTo(5, 8);
    expect(gd.by_land_class.dry.area_mu).toBeCloseTo(10, 8);
    expect(gd.by_grade['2'].area_mu).toBeCloseTo(5, 8);
    expect(gd.by_slope['3'].area_mu).toBeCloseTo(10, 8);
    expect(jb.area_mu).toBeCloseTo(5, 8);
    expect(kf.area_m2 / j.site_area_m2).toBeCloseTo(1, 9);
    expect(hx.area_m2).toBe(0);
    expect(j.flags).toEqual({ permanent_basic_occupied: true, eco_redline_crossed: false, outside_urban_boundary: false, outside_urban_area_m2: expect.any(Number), outside_urban_area_mu: expect.any(Number), not_checked: [], high_standard_occupied: false, high_standard: null });
    expect(j.flags.outside_urban_area_m2).toBeLessThan(1e-6);
    const c = j.compensation;
    expect(c.quantity_mu).toBeCloseTo(15, 8);
    expect(c.quality_grade).toBeCloseTo((2 * 5 + 6 * 10) / 15, 9);
    expect(c.capacity_kg).toBeCloseTo(5 * 922 + 10 * 611, 5);
    expect(c.permanent_basic_mu).toBeCloseTo(5, 8);
    expect(c.fee_rate_yuan_per_mu).toBe(40000);
    expect(c.fee_yuan).toBeCloseTo((15 - 5 + 5 * 2) * 40000, 2);
    expect(c.region_code).toBe('330102');
  });

  it('--manifest with its config (fee rate by region); outside the urban boundary is flagged with its area', async () => {
    const f = fakeIO();
    expect(await runCli(['impact', '--site', '/d/site.geojson', '--manifest', '/d/m.json', '--json'], f.io)).toBe(0);
    const j = JSON.parse(f.out());
    expect(j.layers.map((l: { kind: string }) => l.kind)).toEqual(['cultivated', 'permanent-basic']);
    expect(j.compensation.fee_rate_yuan_per_mu).toBe(50000);
    expect(j.compensation.fee_yuan).toBeCloseTo(20 * 50000, 2);
    expect(j.flags.not_checked).toEqual(['eco-redline', 'urban-boundary']);
    expect(j.metadata.inputs.map((i: { role: string }) => i.role)).toEqual(['site', 'manifest', 'cultivated', 'permanent-basic', 'config']);
    const g = fakeIO();
    expect(await runCli(['impact', '--site', '/d/site-out.geojson', ...LAYERS, '--json'], g.io)).toBe(0);
    const k = JSON.parse(g.out());
    expect(k.flags.outside_urban_boundary).toBe(true);
    expect(k.flags.outside_urban_area_m2 / cellAreaM2(LAT - H, w(5), 3 * H)).toBeCloseTo(1, 9);
    expect(k.flags.permanent_basic_occupied).toBe(false);
  });

  it('prints a Chinese report without --json', async () => {
    const f = fakeIO();
    expect(await runCli(['impact', '--site', '/d/site.geojson', ...LAYERS], f.io)).toBe(0);
    expect(f.out()).toContain('耕地（gd.geojson）：图斑面积 15.00 亩，地类面积 15.00 亩，涉及图斑 2 个');
    expect(f.out()).toContain('占用永久基本农田：是');
    expect(f.out()).toContain('耕地开垦费估算：800,000.00 元');
  });

  it('exit codes: 2 for usage and unreadable input, 1 for data errors', async () => {
    const cases: [string[], number, RegExp][] = [
      [['impact', ...LAYERS], 2, /needs --site/],
      [['impact', '--site', '/d/site.geojson'], 2, /at least one --layer/],
      [['impact', '--site', '/d/none.geojson', ...LAYERS], 2, /no such file/],
      [['impact', '--site', '/d/broken.geojson', ...LAYERS], 2, /broken\.geojson/],
      [['impact', '--site', '/d/site.geojson', '--layer', 'forest=/d/gd.geojson'], 2, /unknown layer kind "forest"/],
      [['impact', '--site', '/d/site.geojson', ...LAYERS, '--config', '/d/none.json'], 2, /none\.json: 文件不存在/],
      [['impact', '--site', '/d/points.geojson', ...LAYERS], 1, /points\.geojson: 没有面要素/],
      [['impact', '--site', '/d/site.geojson', ...LAYERS, '--config', '/d/cbad.json'], 1, /cbad\.json: fee_rates\.default/],
    ];
    for (const [argv, code, msg] of cases) {
      const f = fakeIO();
      expect(await runCli(argv, f.io), argv.join(' ')).toBe(code);
      expect(f.err(), argv.join(' ')).toMatch(msg);
      expect(f.err()).not.toMatch(/\n\s+at /); // no stack traces
    }
  });
});

describe('farmland balance', () => {
  it('passes with enough, better, contiguous land', async () => {
    const f = fakeIO();
    expect(await runCli(['balance', '--site', '/d/site.geojson', '--supplement', '/d/sup-ok.geojson', ...LAYERS, '--json'], f.io)).toBe(0);
    const j = JSON.parse(f.out());
    expect(j.pass).toBe(true);
    expect(j.verdicts).toEqual([]);
    expect(j.quantity.required).toBeCloseTo(15, 8);
    expect(j.quantity.provided).toBeCloseTo(16, 8);
    expect(j.quantity.margin).toBeCloseTo(1, 8);
    expect(j.quality.provided).toBe(3);
    expect(j.capacity.provided).toBeCloseTo(16 * 844, 5);
    expect(j.contiguity.pieces).toBe(1);
    expect(j.pieces[0]).toMatchObject({ id: 'S1', eligible: true, grade: 3, grade_source: 'own', slope_class: 2 });
  });

  it('names 占多补少, 占优补劣, 占整补散 with margins', async () => {
    const f = fakeIO();
    expect(await runCli(['balance', '--site', '/d/site.geojson', '--supplement', '/d/sup-bad.geojson', ...LAYERS, '--json'], f.io)).toBe(0);
    const j = JSON.parse(f.out());
    expect(j.pass).toBe(false);
    expect(j.verdicts).toEqual(['占多补少', '占优补劣', '占整补散', '产能不足']);
    expect(j.quantity.margin).toBeCloseTo(7 - 15, 8);
    expect(j.quality.margin).toBeCloseTo(70 / 15 - 7, 9);
    expect(j.capacity.margin).toBeCloseTo(7 * 533 - (5 * 922 + 10 * 611), 5);
    expect(j.contiguity).toMatchObject({ pieces: 2, scattered: true, thresholds: { min_piece_mu: 2, min_compactness: 0.3 } });
    expect(j.contiguity.smallest_piece_mu).toBeCloseTo(1, 8);
    const t = fakeIO();
    await runCli(['balance', '--site', '/d/site.geojson', '--supplement', '/d/sup-bad.geojson', ...LAYERS], t.io);
    expect(t.out()).toContain('不通过 / fail — 占多补少、占优补劣、占整补散、产能不足');
  });

  it('needs --site and --supplement', async () => {
    const f = fakeIO();
    expect(await runCli(['balance', '--site', '/d/site.geojson', ...LAYERS], f.io)).toBe(2);
    expect(f.err()).toMatch(/--supplement/);
  });
});
