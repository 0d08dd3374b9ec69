import { describe, expect, it } from 'vitest';
import { geometryAreaEllipsoidal } from '../area/ellipsoid';
import { buildLayer } from '../layers/layer';
import { clipIntersectionArea } from '../overlay/clip';
import { mulberry, starRing } from '../../../test/overlayRandom';
import type { AreaGeometry } from '../types';
import { layerConflict, redlineConflicts } from './conflicts';

const rect = (x0: number, y0: number, x1: number, y1: number): AreaGeometry => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
const feat = (id: string, g: AreaGeometry) => ({ type: 'Feature', properties: { BSM: id }, geometry: g });
const A = (x0: number, y0: number, x1: number, y1: number) => geometryAreaEllipsoidal(rect(x0, y0, x1, y1));

describe('redlineConflicts', () => {
  const d = 0.001;
  const pbf = buildLayer('permanent-basic', 'jbnt', [
    feat('J1', rect(110, 30, 110 + d, 30 + d)),
    feat('J2', rect(110 + d, 30, 110 + 2 * d, 30 + d)),
    feat('J3', rect(110 + 5 * d, 30, 110 + 6 * d, 30 + d)), // touches nothing
  ]);
  const cultivated = buildLayer('cultivated', 'gd', [feat('G1', rect(110, 30, 110 + 2 * d, 30 + d))]);
  const eco = buildLayer('eco-redline', 'hx', [
    feat('H1', rect(110 + 0.5 * d, 29.99, 110 + 1.5 * d, 30.01)), // over the east half of J1 and the west half of J2
    feat('H2', rect(110 + 0.5 * d, 29.99, 110 + 0.75 * d, 30.01)), // inside H1: counted once
  ]);
  const urban = buildLayer('urban-boundary', 'kfbj', [feat('U1', rect(110 + 1.75 * d, 29.99, 110 + 3 * d, 30.01))]);
  const res = redlineConflicts([pbf, cultivated, eco, urban]);

  it('checks the four pairs, with areas counted once', () => {
    expect(res.map((c) => `${c.a}|${c.b}`)).toEqual(['permanent-basic|eco-redline', 'permanent-basic|urban-boundary', 'cultivated|eco-redline', 'eco-redline|urban-boundary']);
    const [pe, pu, ce, eu] = res;
    expect(pe.areaM2 / A(110 + 0.5 * d, 30, 110 + 1.5 * d, 30 + d)).toBeCloseTo(1, 9);
    expect(pe.pairs.map((p) => `${p.aId}-${p.bId}`).sort()).toEqual(['J1-H1', 'J2-H1']);
    expect(pe.pairs[0].areaM2 / A(110 + 0.5 * d, 30, 110 + d, 30 + d)).toBeCloseTo(1, 9);
    const j1 = pe.pairs.find((p) => p.aId === 'J1')!;
    expect(j1.bbox).toEqual([110 + 0.5 * d, 30, 110 + d, 30 + d]);
    expect(pu.areaM2 / A(110 + 1.75 * d, 30, 110 + 2 * d, 30 + d)).toBeCloseTo(1, 9);
    expect(ce.areaM2 / pe.areaM2).toBeCloseTo(1, 9);
    expect(eu.areaM2).toBe(0); // H1 ends at 1.5d, U1 starts at 1.75d
    expect(eu.pairs).toEqual([]);
    for (const c of res) expect(c.failures).toEqual([]);
  });

  it('skips pairs whose layers are not loaded', () => {
    expect(redlineConflicts([pbf, eco]).map((c) => c.b)).toEqual(['eco-redline']);
    expect(redlineConflicts([])).toEqual([]);
  });

  it('large red-line polygons (indexed on both sides) match polyclip', () => {
    const rnd = mulberry(77);
    const big1: AreaGeometry = { type: 'Polygon', coordinates: [starRing(rnd, 100, 40, 0.05, 600)] };
    const big2: AreaGeometry = { type: 'Polygon', coordinates: [starRing(rnd, 100.03, 40.01, 0.05, 500)] };
    const c = layerConflict(buildLayer('eco-redline', 'a', [feat('a', big1)]), buildLayer('urban-boundary', 'b', [feat('b', big2)]));
    const clip = clipIntersectionArea(big1, big2);
    expect(clip.ok).toBe(true);
    if (clip.ok) expect(Math.abs(c.areaM2 - clip.areaM2) / geometryAreaEllipsoidal(big1)).toBeLessThan(1e-9);
    expect(c.areaM2).toBeGreaterThan(0);
  });
});
