import { describe, expect, it } from 'vitest';
import { band, layer, mu, TOWN_A, TOWN_B, tall } from '../../../../test/helpers/indicatorLayers';
import { blackSoilIndicator } from './blackSoil';

// 耕地: G1 10 亩 (GDDJ 3, slope 1), G2 20 亩 (GDDJ 4, slope 4), G3 30 亩 (no GDDJ, slope 5, KCXS 0.2 → 24 亩) in town B.
// 黑土地: two overlapping polygons over [0, 20) 亩 of the band (G1 whole, G2's first 10 亩) and one over all of G3.
const GD = () =>
  layer('cultivated', [
    band(0, 10, { BSM: 'G1', DLBM: '0103', GDDJ: 3, GDPDJB: 1, ZLDWDM: TOWN_A }),
    band(10, 20, { BSM: 'G2', DLBM: '0103', GDDJ: 4, GDPDJB: 4, ZLDWDM: TOWN_A }),
    band(30, 30, { BSM: 'G3', DLBM: '0101', GDPDJB: 5, KCXS: 0.2, ZLDWDM: TOWN_B }),
  ]);

describe('blackSoilIndicator (hand-computed)', () => {
  const bs = layer('black-soil', [tall(0, 15, { TLMC: '黑土' }), tall(5, 15, { TLMC: '黑土' }), tall(30, 31, { TLMC: '黑钙土' })]);
  it('耕地 in the 黑土地 zone by grade and slope, with 侵蚀 risk on slope classes 3–5', () => {
    const r = blackSoilIndicator(GD(), bs);
    expect(r.basis).toBe('net');
    expect(mu(r.cultivatedM2)).toBeCloseTo(10 + 20 + 24, 8);
    expect(mu(r.insideM2)).toBeCloseTo(10 + 10 + 24, 8);
    expect(r.share!).toBeCloseTo(44 / 54, 10);
    expect(mu(r.erosionRiskM2)).toBeCloseTo(10 + 24, 8);
    expect(r.erosionRiskShare!).toBeCloseTo(34 / 44, 10);
    expect(mu(r.byGrade['3'])).toBeCloseTo(10, 8);
    expect(mu(r.byGrade['4'])).toBeCloseTo(10, 8);
    expect(mu(r.byGrade.unknown)).toBeCloseTo(24, 8);
    expect(r.byGrade['1']).toBe(0);
    expect(mu(r.bySlope['1'])).toBeCloseTo(10, 8);
    expect(mu(r.bySlope['4'])).toBeCloseTo(10, 8);
    expect(mu(r.bySlope['5'])).toBeCloseTo(24, 8);
    const a = r.byRegion.find((x) => x.code === '330102101')!;
    expect(mu(a.insideM2)).toBeCloseTo(20, 8);
    expect(mu(a.erosionRiskM2)).toBeCloseTo(10, 8);
    expect(mu(r.byRegion.find((x) => x.code === '330102102')!.erosionRiskM2)).toBeCloseTo(24, 8);
  });
  it('region filter', () => {
    const r = blackSoilIndicator(GD(), bs, { region: '330102101' });
    expect(mu(r.insideM2)).toBeCloseTo(20, 8);
    expect(r.share!).toBeCloseTo(20 / 30, 10);
  });
});
