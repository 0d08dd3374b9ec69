/**
 * The overlay share against a brute-force reference: polyclip-ts (Turf 7's clipper) unions each layer whole and
 * intersects the unions; the ellipsoidal areas of those polygons must equal the engine's figures within 1e-9.
 */
import { describe, expect, it } from 'vitest';
import { mulberry, starRing } from '../../../../test/overlayRandom';
import { multiPolygonAreaEllipsoidal } from '../../area/ellipsoid';
import { loadLayerFromFeatures } from '../../engine/loadLayer';
import { intersectGeometries, unionGeometries } from '../../overlay/clip';
import type { AreaGeometry } from '../../types';
import { coveredArea, coveredAreaInSlices } from './coverPieces';
import { highStandardCoverage } from './highStandardCoverage';

function randomLayer(seed: number, n: number, kind: 'permanent-basic' | 'high-standard') {
  const rnd = mulberry(seed);
  const features = Array.from({ length: n }, (_, i) => ({
    type: 'Feature' as const,
    properties: { BSM: `${kind}-${i}`, ZLDWDM: i % 2 ? '3301021010010000000' : '3301021020010000000' },
    geometry: { type: 'Polygon' as const, coordinates: [starRing(rnd, 120 + rnd() * 0.02, 30 + rnd() * 0.02, 0.002 + rnd() * 0.004, 6 + Math.floor(rnd() * 10))] },
  }));
  return { features, layer: loadLayerFromFeatures(kind, `${kind}.geojson`, features).layer };
}

describe('coveredArea against a brute-force union ∩ union', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`random overlapping layers, seed ${seed}`, () => {
      const pb = randomLayer(seed, 25, 'permanent-basic');
      const hs = randomLayer(seed + 100, 15, 'high-standard');
      // both layers overlap themselves (overlaps must count once)
      const pbUnion = unionGeometries(pb.features.map((f) => f.geometry as AreaGeometry));
      const hsUnion = unionGeometries(hs.features.map((f) => f.geometry as AreaGeometry));
      const refPb = multiPolygonAreaEllipsoidal(pbUnion);
      const refIn = multiPolygonAreaEllipsoidal(intersectGeometries(pbUnion, hsUnion));
      const grossPb = pb.layer.parcels.reduce((s, p) => s + p.areaM2, 0);
      expect(grossPb).toBeGreaterThan(refPb * 1.01); // the test data really overlaps
      expect(refIn).toBeGreaterThan(0);
      const c = highStandardCoverage(pb.layer, hs.layer);
      expect(c.failures).toEqual([]);
      expect(Math.abs(c.permanentBasicM2 - refPb) / refPb).toBeLessThan(1e-9);
      expect(Math.abs(c.inHighStandardM2 - refIn) / refPb).toBeLessThan(1e-9);
      expect(Math.abs(c.share! - refIn / refPb)).toBeLessThan(1e-9);
      const cov = coveredArea(pb.layer, hs.layer);
      for (let i = 0; i < cov.insideM2.length; i++) expect(cov.insideM2[i]).toBeLessThanOrEqual(cov.effectiveM2[i]);
    });
  }

  it('in slices (for the worker) gives the same figures bit for bit, pausing between slices', async () => {
    const pb = randomLayer(7, 25, 'permanent-basic');
    const hs = randomLayer(107, 15, 'high-standard');
    let pauses = 0;
    const sliced = await coveredAreaInSlices(pb.layer, hs.layer, async () => void pauses++, 4);
    const whole = coveredArea(pb.layer, hs.layer);
    expect(pauses).toBe(4); // 15 cover parcels in slices of 4
    expect(Array.from(sliced.insideM2)).toEqual(Array.from(whole.insideM2));
    expect(Array.from(sliced.effectiveM2)).toEqual(Array.from(whole.effectiveM2));
  });
});
