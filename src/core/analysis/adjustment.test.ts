import { describe, expect, it } from 'vitest';
import { geometryAreaEllipsoidal } from '../area/ellipsoid';
import { buildLayer } from '../layers/layer';
import type { AreaGeometry } from '../types';
import { adjustLayer, largestRemainder } from './adjustment';
import { computeImpact } from './impact';
import { summarizeLayer } from './summary';
import { attrOf } from '../layers/attrTable';

const rect = (x0: number, y0: number, x1: number, y1: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
});
const feat = (props: Record<string, unknown>, g: AreaGeometry) => ({ type: 'Feature', properties: props, geometry: g });

// township 甲 (330102101): [120, 120.01] × [30, 30.004], tiled by 4 parcels of unequal width;
// township 乙 (330102102): [120.01, 120.02] × [30, 30.004], whose parcels leave the last 10 % of it uncovered (a gap)
const A = '330102101';
const B = '330102102';
const units = [
  { code: A, name: '甲镇', geometry: rect(120, 30, 120.01, 30.004) },
  { code: B, name: '乙镇', geometry: rect(120.01, 30, 120.02, 30.004) },
];
const xs = [120, 120.0013, 120.0041, 120.0077, 120.01];
const layer = buildLayer('cultivated', 'dltb.geojson', [
  ...xs.slice(0, -1).map((x, i) => feat({ BSM: `A${i}`, ZLDWDM: `${A}0010000000`, KCXS: 0.05 * i }, rect(x, 30, xs[i + 1], 30.004))),
  feat({ BSM: 'B0', ZLDWDM: `${B}0010000000` }, rect(120.01, 30, 120.015, 30.004)),
  feat({ BSM: 'B1' }, rect(120.015, 30, 120.019, 30.004)), // no code: assigned by boundary
]);

describe('largestRemainder', () => {
  it('floors, then gives the missing units to the largest remainders (ties to the earlier)', () => {
    expect([...largestRemainder([1.5, 1.5, 1], 4)]).toEqual([2, 1, 1]);
    expect([...largestRemainder([0.2, 0.7, 0.1], 1)]).toEqual([0, 1, 0]);
  });
  it('adds up to the total exactly on random inputs, each value moved by less than 1', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let t = 0; t < 200; t++) {
      const n = 1 + Math.floor(rnd() * 50);
      const v = Array.from({ length: n }, () => rnd() * 1e6);
      const total = Math.round(v.reduce((a, b) => a + b, 0));
      const r = largestRemainder(v, total);
      expect(r.reduce((a, b) => a + b, 0)).toBe(total);
      r.forEach((x, i) => {
        expect(Math.abs(x - v[i])).toBeLessThan(1);
      });
    }
  });
});

describe('adjustLayer (控制面积平差)', () => {
  const res = adjustLayer(layer, units, { tolerance: 1e-4 });
  const [ua, ub] = res.units;
  const controlA = Math.round(geometryAreaEllipsoidal(units[0].geometry) * 100) / 100;
  const controlB = Math.round(geometryAreaEllipsoidal(units[1].geometry) * 100) / 100;

  it('a unit tiled by its parcels: Σ before equals the control area (to float noise), not flagged; Σ after exact to the cent', () => {
    expect(ua.controlM2).toBe(controlA);
    expect(ua.parcels).toBe(4);
    expect(Math.abs(ua.diffM2)).toBeLessThan(0.01);
    expect(ua.flagged).toBe(false);
    const cents = res.layer.parcels.filter((p) => p.id.startsWith('A')).reduce((s, p) => s + Math.round(p.areaM2 * 100), 0);
    expect(cents).toBe(Math.round(controlA * 100));
    for (const p of res.layer.parcels.filter((x) => x.id.startsWith('A'))) expect(Math.round(p.areaM2 * 100) / 100).toBe(p.areaM2);
  });

  it('a unit whose parcels leave a gap: the difference is the gap, flagged, and not adjusted (unless asked)', () => {
    const gap = geometryAreaEllipsoidal(rect(120.019, 30, 120.02, 30.004));
    expect(ub.parcels).toBe(2);
    expect(ub.parcelsByBoundary).toBe(1);
    expect(ub.diffM2).toBeCloseTo(gap, 1);
    expect(ub.relDiff).toBeCloseTo(0.1, 6);
    expect(ub.flagged).toBe(true);
    expect(ub.adjusted).toBe(false);
    expect(ub.sumAfterM2).toBe(ub.sumBeforeM2);
    expect(res.layer.parcels.find((p) => p.id === 'B0')!.adjustedFromM2).toBeUndefined();
    const forced = adjustLayer(layer, units, { tolerance: 1e-4, adjustFlagged: true });
    expect(forced.units[1].adjusted).toBe(true);
    expect(forced.units[1].sumAfterM2).toBeCloseTo(controlB, 6);
    const b0 = forced.layer.parcels.find((p) => p.id === 'B0')!;
    expect(b0.adjustedFromM2).toBe(layer.parcels.find((p) => p.id === 'B0')!.areaM2);
    expect(b0.areaM2 / b0.adjustedFromM2!).toBeCloseTo(controlB / (controlB - gap), 6);
    expect(res.unassigned).toEqual([]);
    // the original layer is untouched
    expect(layer.parcels[4].adjustedFromM2).toBeUndefined();
  });

  const forced = adjustLayer(layer, units, { adjustFlagged: true });
  it('adjusted areas feed the summary: polygon total = Σ control areas; net keeps each parcel’s deduction', () => {
    const s = summarizeLayer(forced.layer);
    expect(s.area.m2).toBeCloseTo(controlA + controlB, 2);
    const net = forced.layer.parcels.reduce((t, p) => t + p.areaM2 * (1 - (attrOf(p, 'kcxs') ?? 0)), 0);
    expect(s.net.m2).toBeCloseTo(net, 2);
  });

  it('adjusted areas feed the occupation impact: a clipped piece takes its parcel’s adjustment ratio', () => {
    const site = [rect(120.01, 29.999, 120.0125, 30.005)]; // half of B0
    const before = computeImpact(site, [layer], undefined, { basis: 'polygon' }).layers[0].areaM2;
    const after = computeImpact(site, [forced.layer], undefined, { basis: 'polygon' }).layers[0].areaM2;
    const b0 = forced.layer.parcels.find((p) => p.id === 'B0')!;
    expect(after / before).toBeCloseTo(b0.areaM2 / b0.adjustedFromM2!, 9);
  });

  it('parcels outside every unit are listed, not adjusted', () => {
    const r = adjustLayer(layer, [units[0]]);
    expect(r.unassigned.sort()).toEqual(['B0', 'B1']);
    expect(r.layer.parcels.find((p) => p.id === 'B0')!.adjustedFromM2).toBeUndefined();
  });
});
