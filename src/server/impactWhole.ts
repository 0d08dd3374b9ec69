/**
 * The parcels a site takes whole without the engine (impactDb.ts): the rows the province's impact statements return,
 * and the wholly-inside parcels — those the statement classified and those of the grid cells the site covers
 * (impactCells.ts) — put in load order with the cells' parcels summed per group key.
 */
import type { WholeGroup } from '../core/analysis/impactTally';
import type { LayerKind, ParcelAttrs } from '../core/types';
import { CELL_RECORD } from './impactCells';

export type Row =
  | { t: 'e'; kind: LayerKind; ord: number; pos: number; pid: string; attrs: ParcelAttrs; area_m2: number; wkb: Buffer; j: null; ids: null; cols: null }
  /** a group of wholly-inside parcels: [land, grade, slope, GDDJ as read or null, county key, parcels, Σ area, Σ net] */
  | { t: 'g'; kind: LayerKind; j: [string, string, string, number | null, string, number, number, number]; ids: null; cols: null }
  /**
   * the wholly-inside parcels of a kind that the statement classified: their ids (JSON text) and, as one bytea,
   * the columns county order, position (int4 each) then 图斑面积 and 地类面积 (float8 each), big-endian as
   * int4send / float8send write them — no number printed or parsed one by one
   */
  | { t: 'w'; kind: LayerKind; j: null; ids: string; cols: Buffer }
  /** the parcels of a county's cells the site covers (impactCells.ts): ids (JSON array elements) and records (base64) */
  | { t: 'c'; kind: LayerKind; ord: number; j: null; ids: string | null; cols: string }
  /** a county's group keys of its cells' records: [地类 slot, grade slot, slope slot, GDDJ as read, county code] */
  | { t: 'd'; kind: null; ord: number; j: CellKey[]; ids: null; cols: null };

export type CellKey = [number, number, number, number | null, string | null];

/**
 * A kind's parcels taken whole without the engine — those the statement classified ('w') and those of the covered
 * cells ('c') — in load order (county order, then position), and the cells' parcels summed per group key.
 */
export function wholeParcels(w: Extract<Row, { t: 'w' }> | undefined, parts: readonly Extract<Row, { t: 'c' }>[], keysOf: ReadonlyMap<number, CellKey[]>) {
  const wIds: string[] = w ? (JSON.parse(w.ids) as string[]) : [];
  // (a part without ids: read without them, its parcels counted from its records)
  const cIds: (string[] | null)[] = parts.map((p) => (p.ids === null ? null : (JSON.parse(`[${p.ids}]`) as string[])));
  const cCols = parts.map((p) => Buffer.from(p.cols, 'base64'));
  const cN = parts.map((_, pi) => cIds[pi]?.length ?? Math.floor(cCols[pi].length / CELL_RECORD));
  const m = wIds.length + cN.reduce((s, x) => s + x, 0);
  const ords = new Int32Array(m);
  const pos = new Int32Array(m);
  const area = new Float64Array(m);
  const net = new Float64Array(m);
  const ids: string[] = new Array(m);
  const [wo, wp, wa, wn] = columns(w?.cols, wIds.length);
  let j = 0;
  for (let i = 0; i < wIds.length; i++, j++) {
    ords[j] = wo[i];
    pos[j] = wp[i];
    area[j] = wa[i];
    net[j] = wn[i];
    ids[j] = wIds[i];
  }
  const groups: WholeGroup[] = [];
  parts.forEach((p, pi) => {
    const keys = keysOf.get(p.ord);
    if (!keys) throw new Error(`impact: no cell keys for county #${p.ord}`);
    const n = cN[pi];
    const pIds = cIds[pi];
    const cols = cCols[pi];
    if (cols.length !== n * CELL_RECORD) throw new Error(`impact: ${cols.length} bytes of cell records for ${n} parcels`);
    const v = new DataView(cols.buffer, cols.byteOffset, cols.length);
    const sums = new Map<number, WholeGroup>();
    for (let i = 0; i < n; i++, j++) {
      const o = i * CELL_RECORD;
      const a = v.getFloat64(o, true);
      const nt = v.getFloat64(o + 8, true);
      const k = v.getInt32(o + 20, true);
      ords[j] = p.ord;
      pos[j] = v.getInt32(o + 16, true);
      area[j] = a;
      net[j] = nt;
      ids[j] = pIds === null ? '' : pIds[i];
      let g = sums.get(k);
      if (!g) {
        const [land, grade, slope, dutyGrade, county] = keys[k];
        g = { land, grade, slope, dutyGrade: dutyGrade ?? Number.NaN, county: county ?? undefined, parcels: 0, areaM2: 0, netM2: 0 };
        sums.set(k, g);
      }
      g.parcels++;
      g.areaM2 += a;
      g.netM2 += nt;
    }
    groups.push(...sums.values());
  });
  const perm = loadOrder(ords, pos);
  // (plain loops: Array.from(typed array, fn) goes through the iterator protocol, ~20× slower here)
  const out = { ids: new Array<string>(m), ords: new Int32Array(m), pos: new Int32Array(m), areaM2: new Float64Array(m), netM2: new Float64Array(m), groups };
  for (let k = 0; k < m; k++) {
    const i = perm[k];
    out.ids[k] = ids[i];
    out.ords[k] = ords[i];
    out.pos[k] = pos[i];
    out.areaM2[k] = area[i];
    out.netM2[k] = net[i];
  }
  return out;
}

/** The permutation that sorts (county order, position) pairs — unique per kind — by counting, not comparing. */
export function loadOrder(ords: Int32Array, pos: Int32Array): Int32Array {
  const out = new Int32Array(ords.length);
  const distinct = [...new Set(ords)].sort((a, b) => a - b);
  let k = 0;
  for (const o of distinct) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < ords.length; i++) if (ords[i] === o) {
      if (pos[i] < lo) lo = pos[i];
      if (pos[i] > hi) hi = pos[i];
    }
    const at = new Int32Array(hi - lo + 1).fill(-1);
    for (let i = 0; i < ords.length; i++) if (ords[i] === o) {
      if (at[pos[i] - lo] !== -1) throw new Error(`impact: parcel ${pos[i]} of county #${o} taken whole twice`);
      at[pos[i] - lo] = i;
    }
    for (const i of at) if (i !== -1) out[k++] = i;
  }
  return out;
}

/** The four columns of a 'w' row's bytea (n values each, big-endian): county orders, positions, areas, 地类面积. */
function columns(b: Buffer | undefined, n: number): [Int32Array, Int32Array, Float64Array, Float64Array] {
  const out: [Int32Array, Int32Array, Float64Array, Float64Array] = [new Int32Array(n), new Int32Array(n), new Float64Array(n), new Float64Array(n)];
  if (!b || n === 0) return out;
  if (b.length !== n * 24) throw new Error(`impact: ${b.length} bytes of whole-parcel columns for ${n} parcels`);
  const v = new DataView(b.buffer, b.byteOffset, b.length);
  const [ords, pos, area, net] = out;
  for (let i = 0; i < n; i++) {
    ords[i] = v.getInt32(i * 4);
    pos[i] = v.getInt32(4 * n + i * 4);
    area[i] = v.getFloat64(8 * n + i * 8);
    net[i] = v.getFloat64(16 * n + i * 8);
  }
  return out;
}
