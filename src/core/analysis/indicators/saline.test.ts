import { describe, expect, it } from 'vitest';
import { band, layer, mu, TOWN_A, TOWN_B, tall } from '../../../../test/helpers/indicatorLayers';
import { salineIndicator, salinityOf } from './saline';

const GD = () =>
  layer('cultivated', [
    band(0, 10, { BSM: 'G1', DLBM: '0103', ZLDWDM: TOWN_A }),
    band(10, 20, { BSM: 'G2', DLBM: '0103', ZLDWDM: TOWN_A }),
    band(30, 30, { BSM: 'G3', DLBM: '0101', KCXS: 0.2, ZLDWDM: TOWN_B }),
  ]);
// zones: 轻度 over G1's first 5 亩; "中度盐碱" over 4 亩 of G2; 重度 over all of G3 (24 亩 net); one without a degree
const SA = () =>
  layer('saline-alkali', [tall(0, 5, { YJCD: '轻度' }), tall(12, 4, { YJCD: '中度盐碱' }), tall(30, 31, { YJCD: '重度' }), tall(20, 1, {})]);

describe('salineIndicator (hand-computed)', () => {
  it('盐碱耕地 by degree from the overlay of 耕地 and the 盐碱地 zones, per region', () => {
    const r = salineIndicator(SA(), GD());
    expect(r.source).toBe('overlay');
    expect(mu(r.byDegree.轻度)).toBeCloseTo(5, 8);
    expect(mu(r.byDegree.中度)).toBeCloseTo(4, 8);
    expect(mu(r.byDegree.重度)).toBeCloseTo(24, 8);
    expect(mu(r.byDegree.unknown)).toBeCloseTo(1, 8);
    expect(r.byDegree.盐土).toBe(0);
    expect(mu(r.totalM2)).toBeCloseTo(34, 8);
    expect(r.share!).toBeCloseTo(34 / 54, 10);
    const a = r.byRegion.find((x) => x.code === '330102101')!;
    expect(mu(a.totalM2)).toBeCloseTo(10, 8);
    expect(mu(r.byRegion.find((x) => x.code === '330102102')!.byDegree.重度)).toBeCloseTo(24, 8);
  });
  it('without 耕地: the 盐碱地 parcels themselves', () => {
    const sa = layer('saline-alkali', [band(0, 7, { YJCD: '轻度', ZLDWDM: TOWN_A }), band(7, 3, { YJCD: '重度', ZLDWDM: TOWN_B })]);
    const r = salineIndicator(sa, undefined, { region: '330102101' });
    expect(r.source).toBe('layer');
    expect(mu(r.totalM2)).toBeCloseTo(7, 8);
    expect(r.share).toBeNull();
  });
  it('reads degrees from the field text', () => {
    expect(['轻度', '轻度盐碱化', '中', '重度', '盐土', '', undefined, 'x'].map((v) => salinityOf(v))).toEqual(['轻度', '轻度', '中度', '重度', '盐土', 'unknown', 'unknown', 'unknown']);
  });
});
