import { describe, expect, it } from 'vitest';
import { fakeIO } from '../../../test/helpers/fakeIO';
import { runCli } from '../main';

const rect = (x0: number, y0: number, x1: number, y1: number) => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const f = (properties: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties, geometry });
const FILES = {
  '/d/units.geojson': fc([
    f({ XZQDM: '330102', XZQMC: '县' }, rect(120, 30, 120.02, 30.004)),
    f({ XZQDM: '330102101', XZQMC: '甲镇' }, rect(120, 30, 120.01, 30.004)),
    f({ XZQDM: '330102102', XZQMC: '乙镇' }, rect(120.01, 30, 120.02, 30.004)),
  ]),
  '/d/dltb.geojson': fc([
    f({ BSM: 'A0', DLBM: '0103', ZLDWDM: '3301021010010000000' }, rect(120, 30, 120.004, 30.004)),
    f({ BSM: 'A1', DLBM: '0301', ZLDWDM: '3301021010010000000' }, rect(120.004, 30, 120.01, 30.004)),
    f({ BSM: 'B0', DLBM: '0103', ZLDWDM: '3301021020010000000' }, rect(120.01, 30, 120.018, 30.004)), // 20 % gap
  ]),
};

describe('farmland adjust', () => {
  it('--json: per unit control area, Σ before, difference; the gap unit flagged (exit 1)', async () => {
    const io = fakeIO(FILES);
    const code = await runCli(['adjust', '--layer', '/d/dltb.geojson', '--units', '/d/units.geojson', '--level', 'township', '--json'], io.io);
    expect(code).toBe(1);
    const j = JSON.parse(io.out());
    expect(j.units.map((u: { code: string }) => u.code)).toEqual(['330102101', '330102102']);
    const [a, b] = j.units;
    expect(a.flagged).toBe(false);
    expect(Math.round(a.sum_after_m2 * 100)).toBe(Math.round(a.control_m2 * 100));
    expect(b.flagged).toBe(true);
    expect(b.rel_diff).toBeCloseTo(0.2, 6);
    expect(io.err()).toContain('330102102');
  });
  it('a bad --tolerance is a usage error', async () => {
    const io = fakeIO(FILES);
    expect(await runCli(['adjust', '--layer', '/d/dltb.geojson', '--units', '/d/units.geojson', '--tolerance', 'x'], io.io)).toBe(2);
  });
});

describe('farmland summary --control-units', () => {
  it('adjusts the farmland layers first: unit 甲 sums to its control area, the gap unit is left as computed', async () => {
    const plain = fakeIO(FILES);
    await runCli(['summary', '--layer', 'cultivated=/d/dltb.geojson', '--json', '--area-basis', 'polygon'], plain.io);
    const io = fakeIO(FILES);
    await runCli(['summary', '--layer', 'cultivated=/d/dltb.geojson', '--control-units', '/d/units.geojson', '--control-level', 'township', '--json', '--area-basis', 'polygon'], io.io);
    const j = JSON.parse(io.out());
    const p = JSON.parse(plain.out());
    const [a, b] = j.adjustment[0].units;
    expect(a.adjusted).toBe(true);
    expect(b.adjusted).toBe(false);
    const town = (x: { layers: { by_township: { key: string; area_m2: number }[] }[] }, code: string) => x.layers[0].by_township.find((t) => t.key === code)!.area_m2;
    expect(town(j, '330102101')).toBeCloseTo(a.control_m2, 2);
    expect(town(j, '330102102')).toBe(town(p, '330102102'));
    expect(j.metadata.notes.some((n: string) => n.includes('控制面积平差'))).toBe(true);
    expect(io.err()).toContain('330102102');
  });
});
