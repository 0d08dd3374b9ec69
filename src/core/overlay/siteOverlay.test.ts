import { describe, expect, it } from 'vitest';
import { geometryAreaEllipsoidal, multiPolygonAreaEllipsoidal } from '../area/ellipsoid';
import { buildLayer } from '../layers/layer';
import type { AreaGeometry } from '../types';
import { unionGeometries } from './clip';
import { hitGeometry, hitsOf, isSimpleRing, overlayRegion, prepareRegion } from './siteOverlay';

const sq = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]];

describe('site preparation', () => {
  it('isSimpleRing: plain rings yes; bow-ties, touching vertices, fold-backs no', () => {
    expect(isSimpleRing(sq)).toBe(true);
    expect(isSimpleRing([...sq].reverse())).toBe(true);
    expect(isSimpleRing([[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]])).toBe(false); // bow-tie
    expect(isSimpleRing([[0, 0], [2, 0], [2, 2], [1, 0], [0, 2], [0, 0]])).toBe(false); // vertex on an edge
    expect(isSimpleRing([[0, 0], [2, 0], [1, 0], [1, 1], [0, 0]])).toBe(false); // folds back along itself
    expect(isSimpleRing([[0, 0], [1, 0], [2, 0], [2, 1], [0, 0]])).toBe(true); // collinear, not folding
    expect(isSimpleRing([[0, 0], [1, 0], [0, 0]])).toBe(false);
  });

  it('a simple drawn site skips the clipper; a bow-tie or overlapping polygons are unioned', () => {
    const simple: AreaGeometry = { type: 'Polygon', coordinates: [[[120, 40], [120.01, 40], [120.01, 40.01], [120, 40]]] };
    const r = prepareRegion([simple]);
    expect(r.coords[0][0]).toBe(simple.coordinates[0]);
    expect(r.areaM2 / geometryAreaEllipsoidal(simple)).toBeCloseTo(1, 12);
    const bow: AreaGeometry = { type: 'Polygon', coordinates: [[[120, 40], [120.01, 40.01], [120.01, 40], [120, 40.01], [120, 40]]] };
    const rb = prepareRegion([bow]);
    expect(rb.coords.length).toBe(2); // two triangles
    expect(rb.areaM2 / multiPolygonAreaEllipsoidal(unionGeometries([bow]))).toBeCloseTo(1, 12);
    const two = prepareRegion([simple, simple]);
    expect(two.areaM2 / geometryAreaEllipsoidal(simple)).toBeCloseTo(1, 12);
  });

  it('overlayRegion reports hits in file order with whole / partial parcels', () => {
    const f = (id: string, x0: number) => ({ type: 'Feature', properties: { BSM: id }, geometry: { type: 'Polygon', coordinates: [[[x0, 40], [x0 + 0.001, 40], [x0 + 0.001, 40.001], [x0, 40.001], [x0, 40]]] } });
    const layer = buildLayer('cultivated', 'l', [f('c', 120.004), f('a', 120.0005), f('b', 120.002), f('out', 120.02)]);
    const region = prepareRegion([{ type: 'Polygon', coordinates: [[[120.001, 39.99], [120.0045, 39.99], [120.0045, 40.01], [120.001, 40.01], [120.001, 39.99]]] }]);
    const ov = overlayRegion(region, layer);
    expect(hitsOf(ov, layer).map((h) => [h.parcel.id, h.whole])).toEqual([['c', false], ['a', false], ['b', true]]);
    expect(ov.stats).toMatchObject({ candidates: 3, whole: 1, green: 2, clipped: 0 });
    // the clipped geometry for display has the hit's area
    for (const h of hitsOf(ov, layer)) expect(multiPolygonAreaEllipsoidal(hitGeometry(h, region, layer)!) / h.areaM2).toBeCloseTo(1, 9);
  });
});
