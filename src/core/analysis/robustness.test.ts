import { describe, expect, it } from 'vitest';
import { buildLayer } from '../layers/layer';
import type { AreaGeometry } from '../types';
import { computeBalance } from './balance';
import { redlineConflicts } from './conflicts';
import { computeImpact, prepareSite } from './impact';

const sq = (x: number, y: number, d: number) => [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]];
const layer = buildLayer('cultivated', 'gd', [
  { type: 'Feature', properties: { BSM: 'A', GDDJ: 3 }, geometry: { type: 'Polygon', coordinates: [sq(120, 40, 0.001)] } },
  { type: 'Feature', properties: { BSM: 'B', GDDJ: 5 }, geometry: { type: 'Polygon', coordinates: [sq(120.001, 40, 0.001)] } },
]);
const eco = buildLayer('eco-redline', 'hx', [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [sq(120.0005, 39.999, 0.003)] } }]);

const BAD: unknown[] = [
  { type: 'Polygon', coordinates: [] },
  { type: 'Polygon', coordinates: [[]] },
  { type: 'Polygon', coordinates: [[[120, 40], [120.001, 40]]] },
  { type: 'Polygon', coordinates: [[[120, 40], [Number.NaN, 40], [120.001, 40.001], [120, 40]]] },
  { type: 'Polygon', coordinates: [[[120, 40], [1e308, 40], [1e308, 1e308], [120, 40]]] },
  { type: 'Polygon', coordinates: [[[120, 40], [120, 40], [120, 40], [120, 40]]] },
  { type: 'Polygon', coordinates: [[[120, 40], [120.002, 40.002], [120.002, 40], [120, 40.002], [120, 40]]] },
  { type: 'Polygon', coordinates: [[[120, 40], [120.001, 40], [120.002, 40], [120, 40]]] },
  { type: 'Polygon', coordinates: [[['a', 'b'], [1, 2], [3, 4], ['a', 'b']]] },
  { type: 'MultiPolygon', coordinates: [[sq(120, 40, 0.0015)], [sq(120.0005, 40.0005, 0.001)]] },
  { type: 'MultiPolygon', coordinates: [[], [[]], [sq(120, 40, 0.001)]] },
  { type: 'Polygon', coordinates: [sq(120, 40, 0.002), sq(120.0005, 40.0005, 0.0005), sq(120.0005, 40.0005, 0.0005)] },
  { type: 'Polygon', coordinates: [sq(120, 40, 0.002), sq(119, 39, 5)] },
];

describe('bad input never throws out of impact / balance / conflicts', () => {
  it('every bad site gives a report with finite or null figures', () => {
    for (const g of BAD) {
      const r = computeImpact([g as AreaGeometry], [layer, eco]);
      expect(r.layers.length).toBe(2);
      for (const l of r.layers) expect(Number.isNaN(l.areaM2)).toBe(false);
      const p = prepareSite([g as AreaGeometry, { type: 'Polygon', coordinates: [sq(120, 40, 0.0005)] }]);
      expect(() => computeImpact(p, [layer])).not.toThrow();
      expect(() => computeBalance(r, [{ id: 'x', geometry: g as AreaGeometry, attrs: {} }], [layer, eco])).not.toThrow();
    }
  });

  it('bad parcels in layers and empty layers', () => {
    const weird = buildLayer('eco-redline', 'w', BAD.map((g) => ({ type: 'Feature', properties: {}, geometry: g })));
    const empty = buildLayer('urban-boundary', 'e', []);
    expect(() => redlineConflicts([layer, weird, empty])).not.toThrow();
    const r = computeImpact([{ type: 'Polygon', coordinates: [sq(119.999, 39.999, 0.004)] }], [layer, weird, empty]);
    expect(r.layers[0].areaM2).toBeGreaterThan(0);
    expect(r.flags.outsideUrbanBoundary).toBe(true);
  });
});
