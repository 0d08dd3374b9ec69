import { describe, expect, it } from 'vitest';
import { parcelNetFactor } from '../area/netArea';
import { regionCodeOf } from '../layers/fields';
import { buildLayer } from '../layers/layer';
import { overlayRegion, prepareRegion } from '../overlay/siteOverlay';
import type { AreaGeometry } from '../types';
import { computeImpact, impactFromTallies } from './impact';
import { addWholeGroup, gradeSlot, landSlot, mergeWholePieces, slopeSlot, tallyOverlay } from './impactTally';
import { attrOf, attrsOf } from '../layers/attrTable';

const rect = (x0: number, y0: number, x1: number, y1: number): AreaGeometry => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
const DL = ['0101', '0102', '0103', '0201', undefined];
// a 10 × 10 grid of ~100 m parcels with varied land class, grade (some not integers), slope, deductions and villages
const features = Array.from({ length: 100 }, (_, i) => ({
  type: 'Feature',
  properties: {
    BSM: `P${i}`, DLBM: DL[i % 5], GDDJ: i % 7 === 0 ? 2.5 : (i % 11) + 1, GDPDJB: (i % 6) + 1, KCXS: (i % 4) * 0.05,
    ZLDWDM: `23010${i % 2}1001001000000${String(i % 3).padStart(2, '0')}`,
  },
  geometry: rect(126 + (i % 10) * 0.001, 45 + Math.floor(i / 10) * 0.001, 126 + (i % 10) * 0.001 + 0.0009, 45 + Math.floor(i / 10) * 0.001 + 0.0009),
}));
const layer = buildLayer('cultivated', 'gd.geojson', features);
const site = [rect(126.0025, 45.0025, 126.0085, 45.0075)];

describe('impact tallies: parcels wholly inside added as pre-summed groups give the engine’s report', () => {
  it('engine on the edge parcels + groups and pieces of the inside ones = computeImpact on the whole layer', () => {
    const region = prepareRegion(site);
    const full = overlayRegion(region, layer);
    const whole = new Set(Array.from(full.index).filter((_, k) => full.whole[k] === 1));
    expect(whole.size).toBeGreaterThan(10);
    expect(full.count).toBeGreaterThan(whole.size);
    // the edge layer: every parcel not wholly inside (a layer of its own, as the server reads it back)
    const keep = layer.parcels.map((_, i) => i).filter((i) => !whole.has(i));
    const edge = buildLayer('cultivated', 'gd.geojson', keep.map((i) => features[i]));
    const ov = overlayRegion(region, edge);
    const t = tallyOverlay(edge, ov);
    t.pieceIndex = Int32Array.from(t.pieceIndex, (i) => keep[i]);
    // the inside parcels grouped by every key (as SQL does), then their pieces merged in layer order
    const groups = new Map<string, Parameters<typeof addWholeGroup>[1]>();
    for (const i of whole) {
      const p = layer.parcels[i];
      const key = [landSlot(attrsOf(p)), gradeSlot(attrsOf(p)), slopeSlot(attrsOf(p)), attrOf(p, 'gddj'), regionCodeOf(attrsOf(p), 'county')].join('|');
      const g = groups.get(key) ?? { land: landSlot(attrsOf(p)), grade: gradeSlot(attrsOf(p)), slope: slopeSlot(attrsOf(p)), dutyGrade: attrOf(p, 'gddj') ?? Number.NaN, county: regionCodeOf(attrsOf(p), 'county'), parcels: 0, areaM2: 0, netM2: 0 };
      g.parcels++;
      g.areaM2 += p.areaM2;
      g.netM2 += p.areaM2 * parcelNetFactor(attrsOf(p));
      groups.set(key, g);
    }
    expect(groups.size).toBeGreaterThan(3);
    for (const g of groups.values()) addWholeGroup(t, g);
    const w = [...whole].sort((a, b) => a - b);
    const before = w.map((i) => Array.from(t.pieceIndex).filter((j) => j < i).length);
    mergeWholePieces(t, { ids: w.map((i) => layer.parcels[i].id), index: w, areaM2: w.map((i) => layer.parcels[i].areaM2), netM2: w.map((i) => layer.parcels[i].areaM2 * parcelNetFactor(attrsOf(layer.parcels[i]))), before });
    for (const basis of ['net', 'polygon'] as const) {
      const got = impactFromTallies(region, [t], { stats: full.stats, failures: [] }, undefined, { basis });
      const want = computeImpact(site, [layer], undefined, { basis });
      const { layers: gl, ...grest } = got;
      const { layers: wl, ...wrest } = want;
      // the duty sums groups instead of parcels: equal within float summation order
      const { compensation: gc, ...gother } = grest;
      const { compensation: wc, ...wother } = wrest;
      expect(gother).toEqual(wother);
      for (const [k, v] of Object.entries(wc)) {
        const g = (gc as unknown as Record<string, unknown>)[k];
        if (typeof v === 'number') expect(Math.abs((g as number) - v), k).toBeLessThanOrEqual(1e-12 * Math.abs(v));
        else expect(g, k).toEqual(v);
      }
      // pieces and totals bit for bit (same order); breakdowns within float summation order
      expect([gl[0].parcelIds, gl[0].pieceIndex, gl[0].pieceAreaM2, gl[0].pieceNetM2, gl[0].pieceWhole, gl[0].areaM2, gl[0].netM2]).toEqual([
        wl[0].parcelIds, wl[0].pieceIndex, wl[0].pieceAreaM2, wl[0].pieceNetM2, wl[0].pieceWhole, wl[0].areaM2, wl[0].netM2,
      ]);
      for (const k of ['byLandClass', 'byGrade', 'bySlope'] as const) {
        expect(Object.keys(gl[0][k]).sort()).toEqual(Object.keys(wl[0][k]).sort());
        for (const [key, b] of Object.entries(wl[0][k])) {
          expect(gl[0][k][key].parcels).toBe(b.parcels);
          expect(gl[0][k][key].areaM2).toBeCloseTo(b.areaM2, 6);
          expect(gl[0][k][key].netM2).toBeCloseTo(b.netM2, 6);
        }
      }
    }
  });
});
