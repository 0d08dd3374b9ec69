import { describe, expect, it } from 'vitest';
import type { ParcelKeys } from './engine';
import { grainFor, rollup } from './rollup';

const keys = (code: string | undefined, eff: number, land = 'paddy', tbmj?: number): ParcelKeys => ({
  code, county: [code?.slice(0, 6) ?? 'unknown', ''], township: [code?.slice(0, 9) ?? 'unknown', ''], village: [code?.slice(0, 12) ?? 'unknown', 'V'],
  land: [land, land], grade: '3', slope: '1', effM2: eff, effNetM2: eff, grossM2: eff, tbmj, tbdlmj: undefined, tbdlmjDeclared: false, yjjbnttbmj: undefined,
});

describe('rollup', () => {
  it('keeps every grain’s totals equal to the parcels’ and each dimension adding up to the total', () => {
    const parcels = [
      keys('2312991002000000000', 100.5, 'paddy', 99), keys('2312991002010000000', 50.25, 'dry'), keys('2312991010000000000', 7), keys(undefined, 3), keys('2312', 1),
    ].map((k, pos) => ({ pos, keys: k, areaM2: k.effM2 }));
    const rows = rollup(parcels);
    for (const grain of [6, 9, 12]) {
      const at = rows.filter((r) => r.grain === grain);
      const total = at.filter((r) => r.dim === 'total').reduce((s, r) => s + r.effM2, 0);
      expect(total).toBe(161.75);
      for (const dim of ['land', 'grade', 'slope', 'county', 'township', 'village'])
        expect(at.filter((r) => r.dim === dim).reduce((s, r) => s + r.effM2, 0)).toBe(total);
      expect(at.filter((r) => r.dim === 'total').reduce((s, r) => s + r.tbmjN, 0)).toBe(1);
    }
    // a short code stays whole at every grain; no code → null
    expect(rows.some((r) => r.grain === 12 && r.g === '2312')).toBe(true);
    expect(rows.some((r) => r.g === null)).toBe(true);
    expect(rows.find((r) => r.grain === 9 && r.g === '231299100' && r.dim === 'total')?.features).toBe(2);
    expect(rows.find((r) => r.grain === 9 && r.g === '231299100' && r.dim === 'total')?.firstPos).toBe(0);
  });

  it('reads the finest grain that still holds the region prefix', () => {
    expect(grainFor(undefined)).toBe(6);
    expect(grainFor('23')).toBe(6);
    expect(grainFor('2312991')).toBe(9);
    expect(grainFor('231299100200')).toBe(12);
    expect(grainFor('2312991002000')).toBeNull();
  });
});
