import { describe, expect, it } from 'vitest';
import { band, layer, mu, TOWN_A, TOWN_B } from '../../../../test/helpers/indicatorLayers';
import { abandonedIndicator, wgParcels } from './abandoned';
import { abandonedChange } from './vintageChange';

const GD = (wg: string[]) =>
  layer('cultivated', [
    band(0, 10, { BSM: 'G1', DLBM: '0103', ZLDWDM: TOWN_A, ZZSXDM: wg.includes('G1') ? 'WG' : 'LS' }),
    band(10, 20, { BSM: 'G2', DLBM: '0103', ZLDWDM: TOWN_A, ZZSXDM: wg.includes('G2') ? 'WG' : 'LS' }),
    band(30, 30, { BSM: 'G3', DLBM: '0101', KCXS: 0.2, ZLDWDM: TOWN_B, ZZSXDM: wg.includes('G3') ? 'wg ' : 'LS' }),
  ]);

describe('abandonedIndicator (hand-computed)', () => {
  it('ZZSXDM = WG: area and share of 耕地, per township', () => {
    const r = abandonedIndicator(GD(['G2', 'G3']), undefined);
    expect(r.source).toBe('zzsxdm');
    expect(mu(r.abandonedM2)).toBeCloseTo(20 + 24, 8);
    expect(r.share!).toBeCloseTo(44 / 54, 10);
    expect(r.parcels).toBe(2);
    const a = r.byRegion.find((x) => x.code === '330102101')!;
    expect([mu(a.abandonedM2), a.share, a.parcels]).toEqual([expect.closeTo(20, 8), expect.closeTo(20 / 30, 10), 1]);
  });
  it('a 撂荒地 layer: its overlay with 耕地 (a part of a parcel counts as that part)', () => {
    // the east half of G1 and the first 5 亩 of G2; A2 only touches G3 along an edge (contact, not land)
    const ab = layer('abandoned', [band(5, 10, { BSM: 'A1', ZZSXDM: 'WG' }), band(60, 3, { BSM: 'A2', ZZSXDM: 'WG' })]);
    const r = abandonedIndicator(GD([]), ab);
    expect(r.source).toBe('layer');
    expect(mu(r.abandonedM2)).toBeCloseTo(10, 8);
    expect(r.parcels).toBe(2);
  });
  it('two vintages: recovered and newly abandoned, per parcel and region', () => {
    const before = wgParcels(GD(['G1', 'G2']));
    const after = wgParcels(GD(['G2', 'G3']));
    const c = abandonedChange(before, after);
    expect(mu(c.recovered.areaM2)).toBeCloseTo(10, 8);
    expect(c.recovered.parcels.map((p) => p.id)).toEqual(['G1']);
    expect(mu(c.newlyAbandoned.areaM2)).toBeCloseTo(24, 8); // G3, net of its 田坎
    expect(c.newlyAbandoned.byRegion.find((x) => x.code === '330102102')!.parcels).toBe(1);
    const none = abandonedChange(before, before);
    expect([none.recovered.areaM2, none.newlyAbandoned.areaM2]).toEqual([0, 0]);
  });
});
