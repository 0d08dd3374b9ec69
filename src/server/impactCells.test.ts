import { describe, expect, it } from 'vitest';
import { parcelNetFactor } from '../core/area/netArea';
import { gradeSlot, landSlot, slopeSlot } from '../core/analysis/impactTally';
import { loadLayerFromFeatures } from '../core/engine/loadLayer';
import type { AreaGeometry } from '../core/types';
import { CELL_RECORD, COARSE_DEG, FINE_DEG, impactCellRows, LVL } from './impactCells';
import { attrOf, attrsOf } from '../core/layers/attrTable';

const square = (x: number, y: number, d: number): AreaGeometry => ({ type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });
const feature = (id: string, g: AreaGeometry, gddj: number) => ({ type: 'Feature', id, properties: { BSM: id, DLBM: '0101', GDDJ: gddj, ZLDWDM: '231299100200', KCXS: 0.1 }, geometry: g });

/** A COPY text line back to its fields (\N → null; the fields here hold no escapes but the bytea's \\x). */
const fields = (line: string) => line.replace(/\n$/, '').split('\t').map((f) => (f === '\\N' ? null : f.replace(/\\\\/g, '\\')));
const ints = (f: string | null) => (f === null || f === '{}' ? [] : f.slice(1, -1).split(',').map(Number));

describe('impact cells (per-cell pre-aggregates of the parcels a site can take whole)', () => {
  // four small parcels in two fine cells of one coarse cell, one wider than a fine cell, one wider than a coarse
  // cell, one in an overlap pair (given below), one in another coarse cell
  const x = 126.0 + FINE_DEG * 0.1;
  const y = 45.0 + FINE_DEG * 0.1;
  const layer = loadLayerFromFeatures('cultivated', 'cultivated.geojson', [
    feature('a', square(x, y, FINE_DEG * 0.2), 2),
    feature('b', square(x + FINE_DEG * 0.4, y, FINE_DEG * 0.2), 3),
    feature('c', square(x + FINE_DEG, y, FINE_DEG * 0.2), 2),
    feature('d', square(x + FINE_DEG * 1.3, y + FINE_DEG * 0.5, FINE_DEG * 0.3), 5),
    feature('mid', square(x, y + FINE_DEG * 2, FINE_DEG * 1.5), 4),
    feature('big', square(x, y, COARSE_DEG * 1.2), 1),
    feature('ovl', square(x + FINE_DEG * 3, y, FINE_DEG * 0.2), 1),
    feature('far', square(x + COARSE_DEG * 2, y, FINE_DEG * 0.2), 2),
  ]).layer;
  const lines = [...impactCellRows('231299', [{ layer, ov: { overlaps: [{ a: 6, b: 6 }], failures: [] } }])];
  const rows = lines.map(fields).map(([county, id, kind, lvl, up, x0, y0, x1, y1, , n, pos, ids, cols, subs, keys]) => ({
    county, id: Number(id), kind, lvl: Number(lvl), up: up === null ? null : Number(up), box: [x0, y0, x1, y1].map(Number), n: Number(n), pos: ints(pos),
    ids: ids === null ? [] : (JSON.parse(`[${ids}]`) as string[]), cols: cols === null ? null : Buffer.from(cols.slice(2), 'hex'),
    subs: subs === null ? null : Buffer.from(subs.slice(2), 'hex'), keys: keys === null ? null : (JSON.parse(keys) as unknown[]),
  }));
  const byLvl = (l: number) => rows.filter((r) => r.lvl === l);

  it('puts each parcel in exactly one list the server classifies one by one, and every aggregatable one in a coarse cell', () => {
    expect(rows[0]).toMatchObject({ county: '231299', id: 0, lvl: LVL.keys });
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    // fine cells' parcels, coarse cells' parcels in no fine cell, parcels of their own: each parcel once
    const listed = [...byLvl(LVL.fine), ...byLvl(LVL.coarse), ...byLvl(LVL.single)].flatMap((r) => r.pos).sort((a, b) => a - b);
    expect(listed).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(byLvl(LVL.single).flatMap((r) => r.pos).sort()).toEqual([5, 6]);
    expect(byLvl(LVL.fine).map((r) => r.ids)).toEqual([['a', 'b'], ['c', 'd'], ['far']]);
    const coarse = byLvl(LVL.coarse);
    expect(coarse.map((r) => r.ids)).toEqual([['a', 'b', 'c', 'd', 'mid'], ['far']]);
    expect(coarse[0].pos).toEqual([4]);
    // a coarse cell's extent holds its parcels' boxes; its fine cells point up to it and are listed in it
    const fine = byLvl(LVL.fine);
    expect(fine.slice(0, 2).every((f) => f.up === coarse[0].id)).toBe(true);
    const subs = coarse[0].subs!;
    const listedFine = Array.from({ length: subs.length / 36 }, (_, j) => [subs.readInt32LE(j * 36), ...[0, 1, 2, 3].map((d) => subs.readDoubleLE(j * 36 + 4 + d * 8))]);
    expect(listedFine).toEqual(fine.slice(0, 2).map((f) => [f.id, ...f.box]));
    const d = layer.parcels[3].bbox;
    expect(fine[1].box).toEqual([layer.parcels[2].bbox[0], layer.parcels[2].bbox[1], d[2], d[3]]);
    for (const c of coarse) for (const i of c.ids) {
      const b = layer.parcels.find((p) => p.id === i)!.bbox;
      expect(b[0] >= c.box[0] && b[1] >= c.box[1] && b[2] <= c.box[2] && b[3] <= c.box[3]).toBe(true);
    }
  });

  it('records each parcel’s stored areas, position and group key as the engine tallies them', () => {
    const keys = rows[0].keys as [number, number, number, number | null, string | null][];
    const c = byLvl(LVL.coarse)[0];
    expect(c.cols!.length).toBe(c.n * CELL_RECORD);
    c.ids.forEach((id, j) => {
      const i = layer.parcels.findIndex((p) => p.id === id);
      const p = layer.parcels[i];
      const o = j * CELL_RECORD;
      expect([c.cols!.readDoubleLE(o), c.cols!.readDoubleLE(o + 8), c.cols!.readInt32LE(o + 16)]).toEqual([p.areaM2, p.areaM2 * parcelNetFactor(attrsOf(p)), i]);
      expect(keys[c.cols!.readInt32LE(o + 20)]).toEqual([landSlot(attrsOf(p)), gradeSlot(attrsOf(p)), slopeSlot(attrsOf(p)), attrOf(p, 'gddj'), '231299']);
    });
    expect(keys.length).toBe(4); // GDDJ 2, 3, 5, 4 among the aggregated parcels
  });
});
