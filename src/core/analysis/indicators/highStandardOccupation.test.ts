import { describe, expect, it } from 'vitest';
import { band, layer, mu, tall } from '../../../../test/helpers/indicatorLayers';
import { computeImpact } from '../impact';

describe('occupation impact: 高标准农田 严禁擅自占用 as its own flag', () => {
  const hs = layer('high-standard', [band(0, 10, { BSM: 'P1' }), band(10, 10, { BSM: 'P2' })]);
  it('names the area and the projects occupied', () => {
    const site = tall(7, 5).geometry; // 3 亩 of P1, 2 亩 of P2
    const r = computeImpact([site], [hs]);
    expect(r.flags.highStandardOccupied).toBe(true);
    expect(mu(r.flags.highStandard!.areaM2)).toBeCloseTo(5, 8);
    expect(r.flags.highStandard!.parcelIds).toEqual(['P1', 'P2']);
    expect(r.flags.highStandard!.parcelAreaM2.map((a) => Number(mu(a).toFixed(8)))).toEqual([3, 2]);
  });
  it('a site beside it raises no flag; without the layer it is not checked (null)', () => {
    const beside = computeImpact([tall(20, 5).geometry], [hs]);
    expect(beside.flags.highStandardOccupied).toBe(false);
    expect(beside.flags.highStandard!.areaM2).toBe(0);
    expect(computeImpact([tall(0, 5).geometry], []).flags.highStandard).toBeNull();
  });
});
