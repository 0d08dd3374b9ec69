import { describe, expect, it } from 'vitest';
import { band, layer, mu, TOWN_A, TOWN_B } from '../../../../test/helpers/indicatorLayers';
import { highStandardLoss } from './vintageChange';

describe('highStandardLoss (高标准农田 不减少 between vintages)', () => {
  const before = layer('high-standard', [band(0, 15, { BSM: 'A', XZQDM: TOWN_A }), band(0, 5, { BSM: 'B', XZQDM: TOWN_B }, 121)]);
  it('flags any loss with its area and parcels', () => {
    const after = layer('high-standard', [band(0, 10, { BSM: 'A', XZQDM: TOWN_A }), band(2, 1, { BSM: 'x' }, 121), band(3, 2, { BSM: 'y' }, 121)]);
    const d = highStandardLoss(before, after);
    expect(d.flag).toBe(true);
    expect(mu(d.areaM2)).toBeCloseTo(5 + 2, 8);
    expect(d.parcels.map((p) => [p.id, Number(p.areaMu.toFixed(8))])).toEqual([['A', 5], ['B', 2]]);
    expect(mu(d.byRegion.find((r) => r.code === '330102102')!.areaM2)).toBeCloseTo(2, 8);
    expect(mu(highStandardLoss(before, after, { region: '330102101' }).areaM2)).toBeCloseTo(5, 8);
  });
  it('no loss (the same land, cut into other projects) raises no flag', () => {
    const after = layer('high-standard', [band(0, 7, {}), band(7, 8, {}), band(0, 5, {}, 121)]);
    const d = highStandardLoss(before, after);
    expect(d.flag).toBe(false);
    expect(d.areaM2).toBeLessThan(0.01);
    expect(d.parcels).toEqual([]);
  });
});
