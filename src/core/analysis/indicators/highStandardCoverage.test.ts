import { describe, expect, it } from 'vitest';
import { band, H, LAT, layer, mu, TOWN_A, TOWN_B, tall, w } from '../../../../test/helpers/indicatorLayers';
import { cellAreaM2, cellFeature } from '../../../../test/helpers/lonlatCells';
import { highStandardCoverage } from './highStandardCoverage';

// 永久基本农田: J1 10 亩 (KCXS 0.1 → 9 亩 net), J2 20 亩 (no KCXS), J3 30 亩 (KCXS 0) far east in another township.
// 高标准农田: H1 covers [0, 15) 亩 of the band, H2 [12, 18) overlaps H1 (counted once): J1 whole, J2's first 8 亩.
const PB = () =>
  layer('permanent-basic', [
    band(0, 10, { YJJBNTTBBH: 'J1', KCXS: 0.1, GDDJ: 2, GDPDJB: 1, ZLDWDM: TOWN_A }),
    band(10, 20, { YJJBNTTBBH: 'J2', GDDJ: 5, GDPDJB: 3, ZLDWDM: TOWN_A }),
    band(0, 30, { YJJBNTTBBH: 'J3', KCXS: 0, GDDJ: 8, GDPDJB: 2, ZLDWDM: TOWN_B }, 121),
  ]);
const HS = () => layer('high-standard', [tall(0, 15, { XMBH: 'H1' }), tall(12, 6, { XMBH: 'H2' })]);

describe('highStandardCoverage (hand-computed)', () => {
  it('永久基本农田 in 高标准农田: 地类面积 basis, overlaps of 高标准农田 counted once, share and remainder', () => {
    const c = highStandardCoverage(PB(), HS());
    expect(c.basis).toBe('net');
    expect(mu(c.permanentBasicM2)).toBeCloseTo(9 + 20 + 30, 8);
    expect(mu(c.inHighStandardM2)).toBeCloseTo(9 + 8, 8);
    expect(mu(c.remainderM2)).toBeCloseTo(12 + 30, 8);
    expect(c.share!).toBeCloseTo(17 / 59, 10);
    expect([c.parcels, c.remainderParcels]).toEqual([3, 2]);
    const town = (code: string) => c.byRegion.find((r) => r.code === code)!;
    expect(mu(town('330102101').permanentBasicM2)).toBeCloseTo(29, 8);
    expect(town('330102101').share!).toBeCloseTo(17 / 29, 10);
    expect(town('330102102').share).toBe(0);
    expect(mu(town('330102').inHighStandardM2)).toBeCloseTo(17, 8);
    expect(town('330102').level).toBe('county');
  });

  it('a region filter restricts every figure', () => {
    const c = highStandardCoverage(PB(), HS(), { region: '330102102' });
    expect(mu(c.permanentBasicM2)).toBeCloseTo(30, 8);
    expect(c.share).toBe(0);
    expect(c.candidates.map((x) => x.id)).toEqual(['J3']);
  });

  it('ranks the remainder by the documented score with its inputs', () => {
    const c = highStandardCoverage(PB(), HS());
    expect(c.candidates.map((x) => x.id)).toEqual(['J2', 'J3']);
    const [j2, j3] = c.candidates;
    // J2: grade (10−5)/9, slope (5−3)/4, contiguity 12/500 (alone), distance 0 (partly inside H2) → 1
    expect(j2.distanceM).toBe(0);
    expect(j2.clusterMu).toBeCloseTo(12, 8);
    expect(j2.score).toBeCloseTo(100 * (0.3 * (5 / 9) + 0.2 * 0.5 + 0.25 * (12 / 500) + 0.25 * 1), 8);
    // J3: grade 2/9, slope 3/4, contiguity 30/500, no 高标准农田 within 2 km → 0
    expect(j3.distanceM).toBeNull();
    expect(j3.score).toBeCloseTo(100 * (0.3 * (2 / 9) + 0.2 * 0.75 + 0.25 * (30 / 500)), 8);
    expect([j2.rank, j3.rank]).toEqual([1, 2]);
    expect(j2.remainderMu).toBeCloseTo(12, 8);
  });

  it('distance to 高标准农田 and contiguity of the remainder', () => {
    // K1 and K2 100 亩 each, 2 m apart (one cluster, 200 亩); K3 0.002° of latitude (≈ 221.7 m) north of H
    const gap2m = 2 / 96486.2; // degrees of longitude for 2 m at 30° (GRS80: N cos φ · π/180 ≈ 96,486 m)
    const pb = layer('permanent-basic', [
      band(0, 100, { YJJBNTTBBH: 'K1', GDDJ: 1, GDPDJB: 1 }, 122),
      cellFeature(122 + w(100) + gap2m, LAT, w(100), H, { YJJBNTTBBH: 'K2', GDDJ: 1, GDPDJB: 1 }),
      cellFeature(123, LAT + 3 * H, w(10), H, { YJJBNTTBBH: 'K3', GDDJ: 1, GDPDJB: 1 }),
    ]);
    const hs = layer('high-standard', [cellFeature(123, LAT, w(10), H, { XMBH: 'H' })]);
    const c = highStandardCoverage(pb, hs);
    const by = new Map(c.candidates.map((x) => [x.id, x]));
    expect(by.get('K1')!.cluster).toBe(by.get('K2')!.cluster);
    expect(by.get('K1')!.clusterMu).toBeCloseTo(200, 6);
    expect(by.get('K3')!.clusterMu).toBeCloseTo(mu(cellAreaM2(LAT + 3 * H, w(10), H)), 6);
    // 0.002° of latitude at 30° on GRS80: M · 0.002 · π/180 with M = 6,351,377 m → 221.71 m
    expect(by.get('K3')!.distanceM!).toBeCloseTo(221.71, 1);
    expect(by.get('K1')!.distanceM).toBeNull();
  });

  it('without a 高标准农田 layer everything is remainder; an empty layer gives zeros and a null share', () => {
    const c = highStandardCoverage(PB(), undefined);
    expect(c.highStandardLoaded).toBe(false);
    expect(c.inHighStandardM2).toBe(0);
    expect(c.remainderParcels).toBe(3);
    const e = highStandardCoverage(layer('permanent-basic', []), HS());
    expect([e.permanentBasicM2, e.share, e.candidates.length]).toEqual([0, null, 0]);
  });

  it('slivers where the two layers were digitised apart are area, not candidates', () => {
    const pb = layer('permanent-basic', [band(0, 100, { YJJBNTTBBH: 'S' }, 124)]);
    const hs = layer('high-standard', [cellFeature(124, LAT, w(99.99), H + 1e-9)]); // 0.01 亩 (6.7 m², 0.01 %) left
    const c = highStandardCoverage(pb, hs);
    expect(mu(c.remainderM2)).toBeCloseTo(0.01, 6);
    expect(c.remainderParcels).toBe(0);
    expect(c.candidates).toEqual([]);
  });
});
