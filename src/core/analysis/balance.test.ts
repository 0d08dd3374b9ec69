import { describe, expect, it } from 'vitest';
import { geometryAreaEllipsoidal } from '../area/ellipsoid';
import { readAttrs } from '../layers/fields';
import { buildLayer } from '../layers/layer';
import type { AreaGeometry } from '../types';
import { computeBalance } from './balance';
import { computeImpact } from './impact';

// lon/lat rectangles in one latitude band: [u0, u1] is exactly (u1 − u0) 亩 (see impact.test.ts)
const LON0 = 113.2;
const LAT0 = 34.7;
const DLAT = 0.0002;
const U = 2000 / 3 / geometryAreaEllipsoidal({ type: 'Polygon', coordinates: [[[0, LAT0], [1, LAT0], [1, LAT0 + DLAT], [0, LAT0 + DLAT], [0, LAT0]]] });
const X = (u: number) => LON0 + u * U;
const band = (u0: number, u1: number, y0 = LAT0, y1 = LAT0 + DLAT): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [[[X(u0), y0], [X(u1), y0], [X(u1), y1], [X(u0), y1], [X(u0), y0]]],
});
const tall = (u0: number, u1: number) => band(u0, u1, LAT0 - DLAT, LAT0 + 2 * DLAT);
const feat = (props: Record<string, unknown>, g: AreaGeometry) => ({ type: 'Feature', properties: props, geometry: g });
const sup = (id: string, g: AreaGeometry, props: Record<string, unknown> = {}) => ({ id, geometry: g, attrs: readAttrs(props) });

const cultivated = buildLayer('cultivated', 'gd', [
  feat({ BSM: 'A', DLBM: '0101', GDDJ: 3 }, band(0, 1)),
  feat({ BSM: 'B', DLBM: '0101', GDDJ: 5 }, band(1, 2)),
  feat({ BSM: 'K', DLBM: '0103', GDDJ: 8, GDPDJB: 5 }, band(12, 13)), // steep land beneath a supplement
]);
const eco = buildLayer('eco-redline', 'hx', [feat({ HXBM: 'H1', HXMC: '某湿地' }, tall(14.25, 15))]);
const noSup = buildLayer('no-supplement', 'jz', [feat({ ID: 'N1', JZYY: '河湖管理范围' }, tall(10.75, 11))]);
const layers = [cultivated, eco, noSup];
// occupation: a site over A and B → 2 亩, grade (3 + 5)/2 = 4, capacity 844 + 689 = 1533 kg
const occupation = computeImpact([tall(0, 2)], layers);

describe('computeBalance', () => {
  it('the occupation it balances against', () => {
    expect(occupation.compensation.quantityMu).toBeCloseTo(2, 9);
    expect(occupation.compensation.qualityGrade!).toBeCloseTo(4, 9);
    expect(occupation.compensation.capacityKg!).toBeCloseTo(1533, 6);
    expect(occupation.site.pieces).toBe(1);
  });

  it('passes with enough, better, contiguous land; overlapping supplements count once', () => {
    const r = computeBalance(occupation, [sup('S1', band(20, 22.5), { GDDJ: 3, GDPDJB: 2 }), sup('S1b', band(22, 23), { GDDJ: 2 })], layers);
    expect(r.pieces.map((p) => [p.id, Number(p.areaMu.toFixed(9)), Number(p.eligibleMu.toFixed(9)), p.eligible])).toEqual([['S1', 2.5, 2.5, true], ['S1b', 0.5, 0.5, true]]);
    expect(r.quantity.provided!).toBeCloseTo(3, 9);
    expect(r.quantity.margin!).toBeCloseTo(1, 9);
    expect(r.quality.provided!).toBeCloseTo((3 * 2.5 + 2 * 0.5) / 3, 9);
    expect(r.quality.margin!).toBeCloseTo(4 - 8.5 / 3, 9);
    expect(r.capacity.provided!).toBeCloseTo(2.5 * 844 + 0.5 * 922, 6);
    expect(r.capacity.margin!).toBeCloseTo(2571 - 1533, 6);
    expect(r.contiguity.pieces).toBe(1);
    expect(r.contiguity.smallestPieceMu).toBeCloseTo(3, 9);
    expect(r.contiguity.scattered).toBe(false);
    expect(r.verdicts).toEqual([]);
    expect(r.pass).toBe(true);
  });

  it('names 占多补少, 占优补劣, 占整补散 (and capacity, ineligible land) with margins and zone reasons', () => {
    const r = computeBalance(
      occupation,
      [sup('S1', band(10, 11), { GDDJ: 6 }), sup('S2', band(12, 12.5)), sup('S3', band(14, 14.5))],
      layers,
    );
    const [s1, s2, s3] = r.pieces;
    // S1: its east quarter lies in a 河湖管理范围 no-supplement zone
    expect(s1.zones.map((z) => [z.kind, z.zoneId, z.reason, Number(z.areaMu.toFixed(9))])).toEqual([['no-supplement', 'N1', '河湖管理范围', 0.25]]);
    expect(s1.eligibleMu).toBeCloseTo(0.75, 9);
    expect(s1.eligible).toBe(false);
    // S2: no own attributes; the cultivated parcel beneath is slope class 5 and grade 8
    expect([s2.slopeClass, s2.slopeSource, s2.grade, s2.gradeSource]).toEqual([5, 'cultivated-beneath', 8, 'cultivated-beneath']);
    expect(s2.eligibleMu).toBe(0);
    // S3: half inside the eco red line
    expect(s3.zones.map((z) => [z.kind, z.reason, Number(z.areaMu.toFixed(9))])).toEqual([['eco-redline', '某湿地', 0.25]]);
    expect(s3.eligibleMu).toBeCloseTo(0.25, 9);
    expect(r.quantity.provided!).toBeCloseTo(1, 9);
    expect(r.quantity.margin!).toBeCloseTo(-1, 9);
    expect(r.quality.provided).toBe(6); // only S1's eligible part is graded
    expect(r.quality.margin!).toBeCloseTo(-2, 9);
    // grade 6 → 611 kg/亩; the ungraded 0.25 亩 valued at the graded mean
    expect(r.capacity.provided!).toBeCloseTo(611, 6);
    expect(r.contiguity.pieces).toBe(2);
    expect(r.contiguity.smallestPieceMu).toBeCloseTo(0.25, 9);
    expect(r.contiguity.scattered).toBe(true);
    expect(r.verdicts).toEqual(['占多补少', '占优补劣', '占整补散', '产能不足', '含不合规地块']);
    expect(r.eligibility.ineligiblePieces).toEqual(['S1', 'S2', 'S3']);
    expect(r.eligibility.ineligibleMu).toBeCloseTo(0.25 + 0.5 + 0.25, 9);
    expect(r.pass).toBe(false);
  });

  it('own slope class 5 makes the whole piece ineligible; a thin strip is not compact', () => {
    const r = computeBalance(occupation, [sup('S', band(30, 40), { GDDJ: 1, GDPDJB: 5 })], layers);
    expect(r.pieces[0].eligibleMu).toBe(0);
    expect(r.verdicts).toContain('占多补少');
    // a 100 亩 strip only 22 m wide: compactness ≈ 4π·A/P² far below 0.3
    const strip = computeBalance(occupation, [sup('T', band(30, 130), { GDDJ: 1 })], layers);
    expect(strip.contiguity.compactness).toBeLessThan(0.05);
    expect(strip.verdicts).toEqual(['占整补散']);
  });
});
