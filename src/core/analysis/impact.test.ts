import { describe, expect, it } from 'vitest';
import { geometryAreaEllipsoidal } from '../area/ellipsoid';
import { m2ToMu } from '../area/units';
import { buildLayer } from '../layers/layer';
import type { AreaGeometry } from '../types';
import { parseConfig } from './config';
import { computeImpact, prepareSite } from './impact';

/**
 * Every parcel is a lon/lat rectangle in one latitude band, so its area is exactly proportional to Δλ: with
 * U = the Δλ of a 1-亩 rectangle, a rectangle [x0, x1] of the band is (x1 − x0) 亩 — hand-computable expectations.
 */
const LON0 = 126.6;
const LAT0 = 45.7;
const DLAT = 0.0002;
const U = 2000 / 3 / geometryAreaEllipsoidal({ type: 'Polygon', coordinates: [[[0, LAT0], [1, LAT0], [1, LAT0 + DLAT], [0, LAT0 + DLAT], [0, LAT0]]] });
const X = (u: number) => LON0 + u * U;
const band = (u0: number, u1: number, y0 = LAT0, y1 = LAT0 + DLAT): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [[[X(u0), y0], [X(u1), y0], [X(u1), y1], [X(u0), y1], [X(u0), y0]]],
});
const feat = (props: Record<string, unknown>, g: AreaGeometry) => ({ type: 'Feature', properties: props, geometry: g });
const Z = '2301230010010000000';

const cultivated = buildLayer('cultivated', 'gd.geojson', [
  feat({ BSM: 'A', DLBM: '0101', GDDJ: 3, GDPDJB: 2, ZLDWDM: Z }, band(0, 1)),
  feat({ BSM: 'B', DLBM: '0103', GDDJ: 7, GDPDJB: 5, ZLDWDM: Z }, band(1, 2)),
  feat({ BSM: 'C', DLBM: '0102', GDDJ: 5, GDPDJB: 1, ZLDWDM: Z }, band(1.5, 2.5)), // overlaps B: only [2, 2.5] counts
  feat({ BSM: 'far', DLBM: '0101', GDDJ: 1 }, band(10, 11)),
]);
const pbf = buildLayer('permanent-basic', 'jbnt.geojson', [feat({ YJJBNTTBBH: 'J1', GDDJ: 3 }, band(0, 1))]);
const eco = buildLayer('eco-redline', 'hx.geojson', [feat({ HXBM: 'H1', HXMC: '湿地' }, band(2.2, 3, LAT0 - DLAT, LAT0 + 3 * DLAT))]);
const urban = buildLayer('urban-boundary', 'kfbj.geojson', [
  feat({ ID: 'U1' }, band(0, 1.5, LAT0 - 2 * DLAT, LAT0 + 3 * DLAT)),
  feat({ ID: 'U2' }, band(1.4, 2, LAT0 - 2 * DLAT, LAT0 + 3 * DLAT)), // overlaps U1: union is [0, 2]
]);
// two overlapping site polygons taller than the band: their union is [0.5, 2.25]
const site: AreaGeometry[] = [band(0.5, 1.25, LAT0 - DLAT, LAT0 + 2 * DLAT), band(1, 2.25, LAT0 - DLAT, LAT0 + 2 * DLAT)];
const { config } = parseConfig({ fee_rates: { default: 40000, '230123': 45000 } }, 'c.json');

describe('computeImpact', () => {
  const r = computeImpact(site, [cultivated, pbf, eco, urban], config);
  const layerOf = (kind: string) => r.layers.find((l) => l.kind === kind)!;

  it('site polygons are unioned: overlapping site area counts once', () => {
    expect(r.siteAreaM2 / geometryAreaEllipsoidal(band(0.5, 2.25, LAT0 - DLAT, LAT0 + 2 * DLAT))).toBeCloseTo(1, 10);
  });

  it('occupied 耕地 = 0.5 (A) + 1 (B, whole) + 0.25 (C beyond B) 亩, overlaps counted once', () => {
    const c = layerOf('cultivated');
    expect(c.areaMu).toBeCloseTo(1.75, 9);
    expect(c.parcels).toBe(3);
    expect(c.parcelIds).toEqual(['A', 'B', 'C']);
    expect(c.parcelIds.map((id, k) => [id, Number(m2ToMu(c.pieceAreaM2[k]).toFixed(9)), c.pieceWhole[k] === 1])).toEqual([['A', 0.5, false], ['B', 1, true], ['C', 0.25, false]]);
    expect(c.byLandClass.paddy.areaMu).toBeCloseTo(0.5, 9);
    expect(c.byLandClass.dry.areaMu).toBeCloseTo(1, 9);
    expect(c.byLandClass.irrigated.areaMu).toBeCloseTo(0.25, 9);
    expect(Object.fromEntries(Object.entries(c.byGrade).map(([k, v]) => [k, Number(v.areaMu.toFixed(9))]))).toEqual({ '3': 0.5, '7': 1, '5': 0.25 });
    expect(Object.fromEntries(Object.entries(c.bySlope).map(([k, v]) => [k, Number(v.areaMu.toFixed(9))]))).toEqual({ '2': 0.5, '5': 1, '1': 0.25 });
    expect(r.stats.whole).toBeGreaterThanOrEqual(1);
  });

  it('flags: 永久基本农田 occupied, 生态保护红线 crossed, 0.25 亩 outside the 城镇开发边界', () => {
    expect(layerOf('permanent-basic').areaMu).toBeCloseTo(0.5, 9);
    const tall = (u0: number, u1: number) => geometryAreaEllipsoidal(band(u0, u1, LAT0 - DLAT, LAT0 + 2 * DLAT));
    expect(layerOf('eco-redline').areaM2 / tall(2.2, 2.25)).toBeCloseTo(1, 9); // [2.2, 2.25] over the site's height
    expect(r.flags.permanentBasicOccupied).toBe(true);
    expect(r.flags.ecoRedlineCrossed).toBe(true);
    expect(r.flags.outsideUrbanBoundary).toBe(true);
    expect(r.flags.outsideUrbanAreaM2! / tall(2, 2.25)).toBeCloseTo(1, 9);
    expect(layerOf('urban-boundary').areaM2 / tall(0.5, 2)).toBeCloseTo(1, 9);
    expect(m2ToMu(r.flags.outsideUrbanAreaM2!)).toBeCloseTo(0.75, 6); // ≈ 3 bands × 0.25 亩
    expect(r.flags.notChecked).toEqual([]);
  });

  it('compensation duty: quantity, area-weighted grade, capacity and fee (×2 on 永久基本农田)', () => {
    const c = r.compensation;
    expect(c.basis).toBe('cultivated');
    expect(c.quantityMu).toBeCloseTo(1.75, 9);
    expect(c.qualityGrade!).toBeCloseTo((3 * 0.5 + 7 * 1 + 5 * 0.25) / 1.75, 9);
    // default table: grade 3 → 844, 7 → 533, 5 → 689 kg/亩
    expect(c.capacityKg!).toBeCloseTo(0.5 * 844 + 1 * 533 + 0.25 * 689, 6);
    expect(c.permanentBasicMu).toBeCloseTo(0.5, 9);
    expect(c.regionCode).toBe('230123');
    expect(c.feeRate).toBe(45000);
    expect(c.feeYuan).toBeCloseTo((1.75 - 0.5 + 0.5 * 2) * 45000, 4);
    expect(r.failures).toEqual([]);
  });

  it('a prepared site gives the same report; an explicit region code picks its rate', () => {
    const prepared = prepareSite(site);
    const again = computeImpact(prepared, [cultivated, pbf, eco, urban], config, { regionCode: '999999' });
    expect(again.layers.map((l) => l.areaM2)).toEqual(r.layers.map((l) => l.areaM2));
    expect(again.compensation.feeRate).toBe(40000);
  });

  it('without flag layers the flags say not checked; a site on nothing owes nothing', () => {
    const r2 = computeImpact([band(20, 21)], [cultivated]);
    expect(r2.layers[0].areaM2).toBe(0);
    expect(r2.flags.notChecked).toEqual(['permanent-basic', 'eco-redline', 'urban-boundary']);
    expect(r2.flags.outsideUrbanAreaM2).toBeNull();
    expect(r2.compensation.quantityMu).toBe(0);
    expect(r2.compensation.qualityGrade).toBeNull();
    expect(r2.compensation.feeYuan).toBe(0);
  });

  it('a site snapped onto parcel edges (shared and T-junction vertices) still gives exact areas', () => {
    // site [0, 1.5] exactly on the band: shares A's edges, T-junctions on B's bottom/top edges → polyclip fallback
    const r3 = computeImpact([band(0, 1.5)], [cultivated]);
    expect(r3.layers[0].areaMu).toBeCloseTo(1.5, 9);
    expect(r3.layers[0].pieceWhole[r3.layers[0].parcelIds.indexOf('A')]).toBe(0);
    expect(r3.stats.clipped).toBeGreaterThanOrEqual(1);
  });
});

describe('clipped parcels keep their deduction (地类面积 of a piece = piece area × the parcel net/gross ratio)', () => {
  // three parcels of different KCXS / declared areas; the site [0.5, 2.25] cuts A in half, takes B whole and C's
  // first 0.75 亩 (no overlaps here)
  const layer = buildLayer('cultivated', 'gd.geojson', [
    feat({ BSM: 'A', DLBM: '0103', GDDJ: 4, KCXS: 0.15, ZLDWDM: Z }, band(0, 1)), // net ratio 0.85
    feat({ BSM: 'B', DLBM: '0103', GDDJ: 4, KCXS: 0.02, ZLDWDM: Z }, band(1, 2)), // 0.98
    feat({ BSM: 'C', DLBM: '0101', GDDJ: 2, TBMJ: 666.67, TBDLMJ: 600, KCXS: 0.5, ZLDWDM: Z }, band(2, 3)), // 600/666.67 (TBDLMJ wins)
  ]);
  const site1 = [band(0.5, 2.25, LAT0 - DLAT, LAT0 + 2 * DLAT)];
  const net = 0.5 * 0.85 + 1 * 0.98 + 0.25 * (600 / 666.67);
  const rNet = computeImpact(site1, [layer], config);
  const rPoly = computeImpact(site1, [layer], config, { basis: 'polygon' });

  it('each piece and the layer carry both areas', () => {
    const l = rNet.layers[0];
    expect(l.areaMu).toBeCloseTo(1.75, 9);
    expect(l.netMu).toBeCloseTo(net, 9);
    const byId = Object.fromEntries(l.parcelIds.map((id, k) => [id, { a: m2ToMu(l.pieceAreaM2[k]), n: m2ToMu(l.pieceNetM2[k]) }]));
    expect(byId.A.a).toBeCloseTo(0.5, 9);
    expect(byId.A.n).toBeCloseTo(0.5 * 0.85, 9);
    expect(byId.B.n).toBeCloseTo(0.98, 9);
    expect(byId.C.n).toBeCloseTo(0.25 * (600 / 666.67), 9);
    expect(l.byLandClass.dry.netMu).toBeCloseTo(0.5 * 0.85 + 0.98, 9);
    expect(l.byLandClass.paddy.areaMu).toBeCloseTo(0.25, 9);
  });

  it('the duty (数量), capacity and the fee use 地类面积 by default, 图斑面积 when asked', () => {
    expect(rNet.compensation.areaBasis).toBe('net');
    expect(rNet.compensation.quantityMu).toBeCloseTo(net, 9);
    expect(rNet.compensation.quantityNetMu).toBeCloseTo(net, 9);
    expect(rNet.compensation.quantityPolygonMu).toBeCloseTo(1.75, 9);
    expect(rNet.compensation.feeYuan).toBeCloseTo(net * 45000, 4);
    expect(rPoly.compensation.quantityMu).toBeCloseTo(1.75, 9);
    expect(rPoly.compensation.feeYuan).toBeCloseTo(1.75 * 45000, 4);
    // area-weighted grade on the net basis: (0.5·0.85 + 0.98)·4 + (0.25·0.9)·2 over the net total
    const c = 0.25 * (600 / 666.67);
    expect(rNet.compensation.qualityGrade!).toBeCloseTo(((0.5 * 0.85 + 0.98) * 4 + c * 2) / net, 9);
  });
});
