/**
 * 撂荒 recovered / newly abandoned: the change report (report.ts, on the overlay pieces) and the indicator
 * (analysis/indicators/vintageChange.ts cultivatedAbandonedChange, on the parcels) are one rule and must agree.
 */
import { describe, expect, it } from 'vitest';
import { abandonedChange, cultivatedAbandonedChange } from '../analysis/indicators/vintageChange';
import { wgParcels } from '../analysis/indicators/abandoned';
import { overlayVintages } from './overlay';
import { changeReport } from './report';
import { AFTER, BEFORE, feature, R, rect } from './testData';
import { loadVintage } from './vintage';

const V = '3301021010010000000';
// B4 WG 旱地 (KCXS 0.05) → A5 cultivated: recovered 0.95·R(2,3,0,2). C1 WG 旱地 → 0702 built on: NOT recovered.
// C2 cultivated 水田 → WG 水田 on its west half: newly abandoned R(5,5.5,0,1).
const before = [
  ...BEFORE,
  feature(rect(4, 5, 0, 1), { BSM: 'C1', DLBM: '0103', ZZSXDM: 'WG', ZLDWDM: V }),
  feature(rect(5, 6, 0, 1), { BSM: 'C2', DLBM: '0101', ZZSXDM: 'LS', ZLDWDM: V }),
];
const after = [
  ...AFTER,
  feature(rect(4, 5, 0, 1), { BSM: 'D1', DLBM: '0702', ZLDWDM: V }),
  feature(rect(5, 5.5, 0, 1), { BSM: 'D2', DLBM: '0101', ZZSXDM: 'WG', ZLDWDM: V }),
  feature(rect(5.5, 6, 0, 1), { BSM: 'D3', DLBM: '0101', ZZSXDM: 'LS', ZLDWDM: V }),
];

describe('撂荒 between two vintages: change report = indicator', () => {
  const b = loadVintage('b.geojson', before, '前期 before').layer;
  const a = loadVintage('a.geojson', after, '后期 after').layer;
  const report = changeReport(overlayVintages(b, a), { level: 'village' });
  const ind = cultivatedAbandonedChange(b, a);
  it('known answers, on both sides', () => {
    expect(report.abandonedTotal.recoveredM2).toBeCloseTo(0.95 * R(2, 3, 0, 2), 6);
    expect(ind.recovered.areaM2).toBeCloseTo(0.95 * R(2, 3, 0, 2), 6);
    expect(report.abandonedTotal.abandonedM2).toBeCloseTo(R(5, 5.5, 0, 1), 6);
    expect(ind.newlyAbandoned.areaM2).toBeCloseTo(R(5, 5.5, 0, 1), 6);
    expect(ind.recovered.parcels.map((p) => p.id)).toEqual(['B4']);
    expect(ind.newlyAbandoned.parcels.map((p) => p.id)).toEqual(['C2']);
  });
  it('agree within 1e-9 relative, in total', () => {
    const rel = (x: number, y: number) => Math.abs(x - y) / Math.max(1, Math.abs(y));
    expect(rel(ind.recovered.areaM2, report.abandonedTotal.recoveredM2)).toBeLessThan(1e-9);
    expect(rel(ind.newlyAbandoned.areaM2, report.abandonedTotal.abandonedM2)).toBeLessThan(1e-9);
  });
  it('the 撂荒地-layer comparison is a different question: WG land built on leaves the layer too', () => {
    const layers = abandonedChange(wgParcels(b), wgParcels(a));
    expect(layers.recovered.areaM2).toBeCloseTo(0.95 * R(2, 3, 0, 2) + R(4, 5, 0, 1), 6);
  });
});
