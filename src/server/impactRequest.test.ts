import { describe, expect, it } from 'vitest';
import { MAX_SITE_POLYGONS, MAX_SITE_POSITIONS, parseBalanceRequest, parseImpactRequest, siteGeometries } from './impactRequest';

const ring = [[125, 46], [125.01, 46], [125.01, 46.01], [125, 46.01], [125, 46]];
const poly = { type: 'Polygon', coordinates: [ring] };
const error = (body: unknown) => {
  const r = parseImpactRequest(body);
  return 'error' in r ? r.error : 'accepted';
};

describe('POST /api/impact body', () => {
  it('takes a geometry, a Feature, a FeatureCollection or an array; keeps only type and coordinates', () => {
    for (const site of [poly, { type: 'Feature', properties: {}, geometry: poly }, { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: poly }] }, [poly]])
      expect(siteGeometries(site)).toEqual([poly]);
    expect(siteGeometries({ ...poly, bbox: [0, 0, 1, 1], extra: { deep: 1 } })).toEqual([poly]);
    expect(parseImpactRequest({ site: poly, form: 'full', limit: 50, regionCode: '231299' })).toEqual({ site: [poly], form: 'full', limit: 50, regionCode: '231299' });
    expect(parseImpactRequest({ site: poly })).toEqual({ site: [poly], form: 'summary' });
  });

  it('refuses hostile or malformed input with a message in both languages', () => {
    const cases: [unknown, RegExp][] = [
      [null, /JSON 对象 .* \/ the body must be a JSON object/],
      ['site', /the body must be a JSON object/],
      [[poly], /the body must be a JSON object/],
      [{}, /site: a Polygon/],
      [{ site: 'POLYGON((0 0,1 0,1 1,0 0))' }, /site: a Polygon/],
      [{ site: { type: 'Point', coordinates: [125, 46] } }, /site: a Polygon/],
      [{ site: { type: 'FeatureCollection', features: [] } }, /site: a Polygon/],
      [{ site: { type: 'FeatureCollection', features: 'x' } }, /site: a Polygon/],
      [{ site: { type: 'Feature', geometry: null } }, /site: a Polygon/],
      [{ site: { type: 'MultiPolygon', coordinates: [] } }, /site: a Polygon/],
      [{ site: { type: 'Polygon', coordinates: [] } }, /array of rings/],
      [{ site: { type: 'Polygon', coordinates: [ring.slice(0, 3)] } }, /at least 4 positions/],
      [{ site: { type: 'Polygon', coordinates: [[...ring.slice(0, 4), [125, 46.5]]] } }, /not closed/],
      [{ site: { type: 'Polygon', coordinates: [[[125, '46'], ...ring.slice(1)]] } }, /\[lon, lat\] numbers/],
      [{ site: { type: 'Polygon', coordinates: [[[125, 46, 0, 0], ...ring.slice(1)]] } }, /\[lon, lat\] numbers/],
      [{ site: { type: 'Polygon', coordinates: [ring.map(([x, y]) => [x * 1e5, y * 1e5])] } }, /outside lon\/lat range/],
      [{ site: { type: 'Polygon', coordinates: [[[[125, 46]], [[125, 46]], [[125, 46]], [[125, 46]]]] } }, /\[lon, lat\] numbers/],
      [{ site: poly, form: 'everything' }, /form must be live, full or summary/],
      [{ site: poly, limit: -1 }, /limit must be an integer/],
      [{ site: poly, limit: 1e9 }, /limit must be an integer/],
      [{ site: poly, limit: '10' }, /limit must be an integer/],
      [{ site: poly, regionCode: "231299'; DROP TABLE fa_parcel; --" }, /regionCode must be a region code/],
    ];
    for (const [body, want] of cases) {
      const e = error(body);
      expect(e, JSON.stringify(body).slice(0, 80)).toMatch(want);
      expect(e).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    }
  });

  it('limits the site’s size: polygons and positions', () => {
    expect(error({ site: Array.from({ length: MAX_SITE_POLYGONS + 1 }, () => poly) })).toMatch(new RegExp(`more than ${MAX_SITE_POLYGONS} polygons`));
    expect(error({ site: Array.from({ length: MAX_SITE_POLYGONS }, () => poly) })).toBe('accepted');
    const n = MAX_SITE_POSITIONS + 1;
    const big = Array.from({ length: n }, (_x, i) => [125 + 0.01 * Math.cos((2 * Math.PI * i) / (n - 1)), 46 + 0.01 * Math.sin((2 * Math.PI * i) / (n - 1))]);
    big[n - 1] = big[0];
    expect(error({ site: { type: 'Polygon', coordinates: [big] } })).toMatch(new RegExp(`more than ${MAX_SITE_POSITIONS} positions`));
  });
});

describe('POST /api/balance body', () => {
  const sup = (id: unknown, geometry: unknown = poly, properties?: unknown) => ({ id, geometry, ...(properties !== undefined ? { properties } : {}) });
  it('takes the site and supplements { id, geometry, properties? }', () => {
    expect(parseBalanceRequest({ site: poly, supplements: [sup('a', poly, { GDDJ: 3 }), sup('b')], regionCode: '2312' })).toEqual({
      site: [poly],
      supplements: [{ id: 'a', geometry: poly, properties: { GDDJ: 3 } }, { id: 'b', geometry: poly, properties: {} }],
      regionCode: '2312',
    });
  });
  it('refuses malformed supplements, and counts their polygons with the site’s', () => {
    const err = (body: unknown) => {
      const r = parseBalanceRequest(body);
      return 'error' in r ? r.error : 'accepted';
    };
    expect(err({ site: poly })).toMatch(/supplements must be an array/);
    expect(err({ site: poly, supplements: [sup(7)] })).toMatch(/a supplement must be \{ id/);
    expect(err({ site: poly, supplements: [sup('x'.repeat(201))] })).toMatch(/a supplement must be/);
    expect(err({ site: poly, supplements: [sup('a', { type: 'FeatureCollection', features: [poly] })] })).toMatch(/a supplement must be/);
    expect(err({ site: poly, supplements: [sup('a', poly, 'GDDJ=1')] })).toMatch(/a supplement must be/);
    expect(err({ site: poly, supplements: [sup('a', { type: 'Polygon', coordinates: [ring.slice(0, 4)] })] })).toMatch(/not closed/);
    expect(err({ site: poly, supplements: [sup('a')], regionCode: 12 })).toMatch(/regionCode/);
    expect(err({ site: Array.from({ length: MAX_SITE_POLYGONS }, () => poly), supplements: [sup('a')] })).toMatch(/more than 1000 polygons/);
  });
});

