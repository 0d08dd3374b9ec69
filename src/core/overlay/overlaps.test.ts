import { describe, expect, it } from 'vitest';
import { polygonAreaEllipsoidal } from '../area/ellipsoid';
import { buildLayer } from '../layers/layer';
import { layerOverlaps } from './overlaps';

const rect = (x0: number, y0: number, x1: number, y1: number) => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];
const feat = (id: string, coords: number[][][]) => ({ type: 'Feature', properties: { BSM: id }, geometry: { type: 'Polygon', coordinates: coords } });
const A = (x0: number, y0: number, x1: number, y1: number) => polygonAreaEllipsoidal(rect(x0, y0, x1, y1));

describe('layerOverlaps', () => {
  const d = 0.001; // ≈ 100 m at 45° N
  const layer = buildLayer('cultivated', 't.geojson', [
    feat('a', rect(120, 45, 120 + d, 45 + d)),
    feat('b', rect(120 + d / 2, 45, 120 + 1.5 * d, 45 + d)), // half over a
    feat('c', rect(120 + 1.5 * d, 45, 120 + 2.5 * d, 45 + d)), // edge-adjacent to b: no overlap
    feat('dup', rect(120, 45, 120 + d, 45 + d)), // duplicate of a: contributes nothing
    feat('tri', rect(120 + 0.25 * d, 45 + 0.25 * d, 120 + 0.75 * d, 45 + 1.25 * d)), // over a, b and dup
    feat('far', rect(121, 46, 121 + d, 46 + d)),
  ]);
  const r = layerOverlaps(layer);

  it('counts overlapping ground once; sum of effective areas is the union area', () => {
    const eff = Array.from(r.effectiveAreaM2);
    expect(eff[0]).toBeCloseTo(A(120, 45, 120 + d, 45 + d), 6);
    expect(eff[1] / A(120 + d, 45, 120 + 1.5 * d, 45 + d)).toBeCloseTo(1, 9);
    expect(eff[2]).toBe(layer.parcels[2].areaM2);
    expect(eff[3]).toBeLessThan(1e-6);
    // tri minus a: only its top strip 45+d..45+1.25d over x 0.25..0.75 remains
    expect(eff[4] / A(120 + 0.25 * d, 45 + d, 120 + 0.75 * d, 45 + 1.25 * d)).toBeCloseTo(1, 9);
    expect(eff[5]).toBe(layer.parcels[5].areaM2);
    const union = A(120, 45, 120 + 2.5 * d, 45 + d) + A(120 + 0.25 * d, 45 + d, 120 + 0.75 * d, 45 + 1.25 * d) + A(121, 46, 121 + d, 46 + d);
    expect(r.unionAreaM2 / union).toBeCloseTo(1, 9);
    expect(eff.reduce((x, y) => x + y, 0)).toBeCloseTo(r.unionAreaM2, 6);
  });

  it('lists overlapping pairs with their areas, not edge-adjacent ones', () => {
    const pairs = r.overlaps.map((o) => `${o.a}-${o.b}`).sort();
    expect(pairs).toEqual(['0-1', '0-3', '0-4', '1-3', '1-4', '3-4']);
    const ab = r.overlaps.find((o) => o.a === 0 && o.b === 1)!;
    expect(ab.areaM2 / A(120 + d / 2, 45, 120 + d, 45 + d)).toBeCloseTo(1, 9);
    expect(r.failures).toEqual([]);
  });

  it('is cached per layer object', () => {
    expect(layerOverlaps(layer)).toBe(r);
  });
});
