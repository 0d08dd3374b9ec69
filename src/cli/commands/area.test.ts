import { describe, expect, it } from 'vitest';
import { polygonAreaEllipsoidal } from '../../core/area/ellipsoid';
import { geometryAreaSpherical } from '../../core/area/spherical';
import { runCli } from '../main';
import { fakeIO as makeFakeIO } from '../../../test/helpers/fakeIO';

const fakeIO = (files: Record<string, string>) => makeFakeIO(files);

const ring = [[126, 46], [126.003, 46], [126.0035, 46.002], [126, 46.0021], [126, 46]];
const fc = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { BSM: 'a' }, geometry: { type: 'Polygon', coordinates: [ring] } },
    { type: 'Feature', properties: { BSM: 'line' }, geometry: { type: 'LineString', coordinates: [[126, 46], [127, 47]] } },
    { type: 'Feature', id: 9, properties: {}, geometry: { type: 'MultiPolygon', coordinates: [[ring.map(([x, y]) => [x + 0.01, y])]] } },
  ],
});

describe('farmland area', () => {
  it('--json lists each polygon with ellipsoidal m² and 亩 and the total', async () => {
    const f = fakeIO({ 'p.geojson': fc });
    expect(await runCli(['area', 'p.geojson', '--json'], f.io)).toBe(0);
    const j = JSON.parse(f.out());
    const a0 = polygonAreaEllipsoidal([ring]);
    const a2 = polygonAreaEllipsoidal([ring.map(([x, y]) => [x + 0.01, y])]);
    expect(j.method).toBe('ellipsoidal');
    expect(j.features.map((r: { index: number; id: string }) => [r.index, r.id])).toEqual([[0, 'a'], [2, '9']]);
    expect(j.features[0].area_m2).toBeCloseTo(a0, 6);
    expect(j.features[0].area_mu).toBeCloseTo((a0 * 3) / 2000, 9);
    expect(j.total_m2).toBeCloseTo(a0 + a2, 6);
    expect(f.err()).toBe('');
  });

  it('--method spherical gives Turf’s sphere, which is smaller at 46° N', async () => {
    const f = fakeIO({ 'p.geojson': fc });
    expect(await runCli(['area', 'p.geojson', '--json', '--method', 'spherical'], f.io)).toBe(0);
    const j = JSON.parse(f.out());
    expect(j.features[0].area_m2).toBeCloseTo(geometryAreaSpherical({ type: 'Polygon', coordinates: [ring] }), 6);
    expect(j.features[0].area_m2 / polygonAreaEllipsoidal([ring]) - 1).toBeCloseTo(-0.00244, 4);
  });

  it('--csv prints a header and one row per polygon', async () => {
    const f = fakeIO({ 'p.geojson': fc });
    expect(await runCli(['area', 'p.geojson', '--csv'], f.io)).toBe(0);
    const lines = f.out().trim().split('\r\n');
    expect(lines[0]).toBe('index,id,area_m2,area_mu,net_m2,net_mu');
    expect(lines).toHaveLength(3);
  });

  it('exits 2 with a one-line message on usage errors and unreadable input, never a stack trace', async () => {
    for (const [argv, files, pattern] of [
      [['area'], {}, /needs a FILE/],
      [['area', 'x.geojson', '--method', 'flat'], { 'x.geojson': fc }, /ellipsoidal, survey or spherical/],
      [['area', 'missing.geojson'], {}, /missing\.geojson/],
      [['area', 'bad.geojson'], { 'bad.geojson': '{"type": "FeatureCollection", "features": [' }, /bad\.geojson/],
    ] as const) {
      const f = fakeIO(files as Record<string, string>);
      expect(await runCli(argv as unknown as string[], f.io)).toBe(2);
      expect(f.err()).toMatch(pattern);
      expect(f.err()).not.toMatch(/\n\s+at /);
    }
  });
});

describe('farmland area: 地类面积 and the survey method', () => {
  it('--json carries net_m2 beside area_m2 (× TBDLMJ/TBMJ, else 1 − KCXS), and --method survey', async () => {
    const sq = (x: number) => ({ type: 'Polygon', coordinates: [[[x, 30], [x + 0.001, 30], [x + 0.001, 30.001], [x, 30.001], [x, 30]]] });
    const files = {
      '/d/n.geojson': JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { BSM: 'a', KCXS: 0.1 }, geometry: sq(120) },
          { type: 'Feature', properties: { BSM: 'b', TBMJ: 100, TBDLMJ: 80, KCXS: 0.5 }, geometry: sq(120.002) },
        ],
      }),
    };
    const f = fakeIO(files);
    expect(await runCli(['area', '/d/n.geojson', '--json'], f.io)).toBe(0);
    const j = JSON.parse(f.out());
    expect(j.basis).toBe('net');
    expect(j.features[0].net_m2).toBeCloseTo(j.features[0].area_m2 * 0.9, 6);
    expect(j.features[1].net_m2).toBeCloseTo(j.features[1].area_m2 * 0.8, 6);
    const s = fakeIO(files);
    expect(await runCli(['area', '/d/n.geojson', '--json', '--method', 'survey'], s.io)).toBe(0);
    expect(JSON.parse(s.out()).features[0].area_m2).toBeCloseTo(j.features[0].area_m2, 6); // edges along meridians/parallels: identical
  });
});
