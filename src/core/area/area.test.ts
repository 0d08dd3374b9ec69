import { area as turfArea } from '@turf/area';
import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { areaMethodLabel, areaMethodMeta, DEFAULT_AREA_METHOD, geometryArea } from './area';
import { geometryAreaEllipsoidal } from './ellipsoid';
import { geometryAreaSpherical } from './spherical';

const poly: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [126.5, 45.7],
      [126.503, 45.7],
      [126.5032, 45.7021],
      [126.4999, 45.7018],
      [126.5, 45.7],
    ],
  ],
};
const multi: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [poly.coordinates, [[[126.51, 45.7], [126.512, 45.7], [126.512, 45.701], [126.51, 45.7]]]],
};

describe('geometryArea', () => {
  it('defaults to the ellipsoid', () => {
    expect(DEFAULT_AREA_METHOD).toBe('ellipsoidal');
    expect(geometryArea(poly)).toBe(geometryAreaEllipsoidal(poly));
    expect(geometryArea(multi)).toBe(geometryAreaEllipsoidal(multi));
    expect(geometryArea(poly, 'ellipsoidal')).toBe(geometryAreaEllipsoidal(poly));
  });

  it("'spherical' is Turf's area exactly", () => {
    expect(geometryArea(poly, 'spherical')).toBe(turfArea(poly));
    expect(geometryArea(multi, 'spherical')).toBe(turfArea(multi));
    expect(geometryAreaSpherical(poly)).toBe(turfArea(poly));
  });

  it('the two methods differ at 45.7° N by Turf’s sphere bias (≈ −0.23 %)', () => {
    const r = geometryArea(poly, 'spherical') / geometryArea(poly, 'ellipsoidal') - 1;
    expect(r).toBeLessThan(-0.002);
    expect(r).toBeGreaterThan(-0.0026);
  });

  it('null, undefined and non-area geometries are 0 in both methods', () => {
    for (const m of ['ellipsoidal', 'spherical'] as const) {
      expect(geometryArea(null, m)).toBe(0);
      expect(geometryArea(undefined, m)).toBe(0);
      expect(geometryArea({ type: 'Point', coordinates: [1, 2] } as unknown as Polygon, m)).toBe(0);
    }
  });
});

describe('method labels and export metadata', () => {
  it('names the ellipsoid and its parameters', () => {
    expect(areaMethodLabel('ellipsoidal')).toContain('CGCS2000');
    expect(areaMethodLabel('ellipsoidal')).toContain('椭球面积');
    expect(areaMethodLabel('ellipsoidal', 'en')).toContain('6378137');
    expect(areaMethodLabel('spherical')).toContain('6371008.8');
    expect(areaMethodLabel('spherical', 'en')).toContain('spherical');
    const meta = areaMethodMeta('ellipsoidal');
    expect(meta).toMatchObject({ method: 'ellipsoidal', ellipsoid: 'CGCS2000', epsg: 4490, a: 6378137, inverse_flattening: 298.257222101 });
    expect(areaMethodMeta('spherical')).toEqual({ method: 'spherical', model: 'sphere', radius_m: 6371008.8 });
  });
});
