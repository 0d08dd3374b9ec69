/**
 * Impact pre-aggregates per grid cell (issue 19 §5): what a site's impact needs of the parcels wholly inside it,
 * stored at load so a site's interior is read cell by cell instead of parcel by parcel (src/server/impactDb.ts).
 *
 * Each parcel that the engine would take whole at its stored area whenever the site covers it (not in an overlap
 * pair of its layer and no failed effective part — `in_overlap` —, more than contact, a finite box) belongs, by its
 * box centre, to one cell of a coarse grid (COARSE_DEG) and, when its box is no wider than a fine cell, to one cell
 * of the fine grid (FINE_DEG) inside it. A cell's extent is the union of its parcels' boxes (exact doubles, so a
 * "loose" cell: it may reach past its grid square). A cell row carries, for its parcels: how many, their ids (JSON
 * array elements), and one bytea of 24-byte little-endian records (图斑面积 f8, 地类面积 f8, position i4, group key
 * i4: the index of [地类 slot, grade slot, slope slot, GDDJ as read, county code] in the county's key list, the row
 * with id 0). Parcels wider than a coarse cell, or not taken whole, are rows of their own (lvl 2: always sent to the
 * engine path when they meet the site). A coarse row lists its fine cells (id and extent) so the server classifies
 * them without another query, and the positions of its parcels that are in no fine cell.
 *
 * The rows are computed by the engine at load (the same slots, areas and keys tallyOverlay uses) and replaced with
 * the county in its load transaction. Distribution column on Citus: `county` (colocated with fa_county).
 */
import { parcelNetFactor } from '../core/area/netArea';
import { gradeSlot, landSlot, slopeSlot } from '../core/analysis/impactTally';
import { regionCodeOf } from '../core/layers/fields';
import type { Layer } from '../core/layers/layer';
import { CONTACT_MIN_M2 } from '../core/overlay/siteOverlay';
import type { BBox } from '../core/types';
import { copyRow } from './copyText';
import { attrsOf } from '../core/layers/attrTable';

/** Coarse grid (degrees, ≈ 2 km) and fine grid (≈ 250 m; 8 × 8 fine cells per coarse cell). */
export const COARSE_DEG = 0.02;
export const FINE_PER_COARSE = 8;
export const FINE_DEG = COARSE_DEG / FINE_PER_COARSE;

/** Cell levels: the county's key list, coarse, fine, a parcel of its own. */
export const LVL = { keys: -1, coarse: 0, fine: 1, single: 2 } as const;

/** Bytes of one parcel record in a cell's `cols`. */
export const CELL_RECORD = 24;

export const IMPACT_CELL_SQL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS fa_impact_cell (
    county text NOT NULL,
    id integer NOT NULL,
    kind text NOT NULL,
    lvl smallint NOT NULL,
    up integer,
    x0 double precision, y0 double precision, x1 double precision, y1 double precision,
    ext geometry(Polygon, 4490),
    n integer NOT NULL,
    pos integer[],
    ids text,
    cols bytea,
    subs bytea,
    keys json,
    PRIMARY KEY (county, id)
  )`,
  // read whole, rarely compressible much: stored out of line uncompressed (no pglz on load, none to undo on read)
  'ALTER TABLE fa_impact_cell ALTER COLUMN cols SET STORAGE EXTERNAL, ALTER COLUMN ids SET STORAGE EXTERNAL',
  // the coarse cells and the parcels of their own, by extent (the fine cells come with their coarse cell's row)
  'CREATE INDEX IF NOT EXISTS fa_impact_cell_ext ON fa_impact_cell USING gist (ext) WHERE lvl IN (0, 2)',
];

export const IMPACT_CELL_COPY = 'COPY fa_impact_cell (county, id, kind, lvl, up, x0, y0, x1, y1, ext, n, pos, ids, cols, subs, keys) FROM STDIN';

/** What the load already knows of a layer: its overlap pairs and failures (layerOverlaps). */
export interface CellLayer {
  layer: Layer;
  ov: { overlaps: readonly { a: number; b: number }[]; failures: readonly { parcelId: string }[] };
}

interface Cell {
  kind: string;
  lvl: number;
  id: number;
  up: number | null;
  box: BBox;
  members: number[];
  /** coarse: the members in no fine cell; single: the parcel */
  own: number[];
  fine: Cell[];
  layer: number;
}

const grow = (b: BBox, p: BBox): void => {
  if (p[0] < b[0]) b[0] = p[0];
  if (p[1] < b[1]) b[1] = p[1];
  if (p[2] > b[2]) b[2] = p[2];
  if (p[3] > b[3]) b[3] = p[3];
};

/**
 * The county's impact cells as COPY lines (generated lazily: the text of a 600k-parcel county is ~100 MB). The
 * cells themselves are computed when called; the rows' text as they are read.
 */
export function impactCellRows(county: string, layers: readonly CellLayer[]): Iterable<string> {
  const keyIndex = new Map<string, number>();
  const keyList: unknown[] = [];
  const cells: Cell[] = [];
  const keyOf: Int32Array[] = [];
  let nextId = 1;
  layers.forEach(({ layer, ov }, li) => {
    const ps = layer.parcels;
    const takenWhole = new Uint8Array(ps.length).fill(1);
    for (const o of ov.overlaps) takenWhole[o.a] = takenWhole[o.b] = 0;
    const failed = new Set(ov.failures.map((f) => f.parcelId));
    const keys = new Int32Array(ps.length);
    keyOf.push(keys);
    const coarse = new Map<number, Cell>();
    const fine = new Map<number, Cell>();
    const cell = (map: Map<number, Cell>, k: number, lvl: number, up: Cell | null): Cell => {
      let c = map.get(k);
      if (!c) {
        c = { kind: layer.kind, lvl, id: 0, up: null, box: [Infinity, Infinity, -Infinity, -Infinity], members: [], own: [], fine: [], layer: li };
        map.set(k, c);
        if (up) up.fine.push(c);
      }
      return c;
    };
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i];
      const b = p.bbox;
      if (!(Number.isFinite(b[0]) && Number.isFinite(b[1]) && Number.isFinite(b[2]) && Number.isFinite(b[3]))) continue;
      const size = Math.max(b[2] - b[0], b[3] - b[1]);
      if (!takenWhole[i] || failed.has(p.id) || !(p.areaM2 > CONTACT_MIN_M2) || size > COARSE_DEG) {
        cells.push({ kind: layer.kind, lvl: LVL.single, id: 0, up: null, box: [b[0], b[1], b[2], b[3]], members: [], own: [i], fine: [], layer: li });
        continue;
      }
      const a = attrsOf(p);
      const land = landSlot(a);
      const grade = gradeSlot(a);
      const slope = slopeSlot(a);
      const code = regionCodeOf(a, 'county') ?? null;
      const ks = `${land}|${grade}|${slope}|${a.gddj}|${code}`;
      let k = keyIndex.get(ks);
      if (k === undefined) {
        k = keyList.length;
        keyIndex.set(ks, k);
        keyList.push([land, grade, slope, a.gddj ?? null, code]);
      }
      keys[i] = k;
      const gx = Math.floor((b[0] + b[2]) / 2 / FINE_DEG);
      const gy = Math.floor((b[1] + b[3]) / 2 / FINE_DEG);
      // (numeric keys: grid indices are far below 2^26 in degrees / FINE_DEG)
      const C = cell(coarse, Math.floor(gx / FINE_PER_COARSE) * 2 ** 26 + Math.floor(gy / FINE_PER_COARSE), LVL.coarse, null);
      C.members.push(i);
      grow(C.box, b);
      if (size <= FINE_DEG) {
        const f = cell(fine, gx * 2 ** 26 + gy, LVL.fine, C);
        f.members.push(i);
        grow(f.box, b);
      } else C.own.push(i);
    }
    for (const C of coarse.values()) {
      C.id = nextId++;
      for (const f of C.fine) {
        f.id = nextId++;
        f.up = C.id;
        cells.push(f);
      }
      // after its fine cells: its records are theirs, then its own
      cells.push(C);
    }
  });
  for (const c of cells) if (c.lvl === LVL.single) c.id = nextId++;

  /** A list of parcels' ids (JSON array elements) and records (hex). */
  const part = (c: Cell, list: readonly number[]): { ids: string; hex: string } => {
    const ps = layers[c.layer].layer.parcels;
    const keys = keyOf[c.layer];
    const buf = Buffer.allocUnsafe(list.length * CELL_RECORD);
    let ids = '';
    list.forEach((i, j) => {
      const p = ps[i];
      buf.writeDoubleLE(p.areaM2, j * CELL_RECORD);
      buf.writeDoubleLE(p.areaM2 * parcelNetFactor(attrsOf(p)), j * CELL_RECORD + 8);
      buf.writeInt32LE(i, j * CELL_RECORD + 16);
      buf.writeInt32LE(keys[i], j * CELL_RECORD + 20);
      ids += j === 0 ? JSON.stringify(p.id) : `,${JSON.stringify(p.id)}`;
    });
    return { ids, hex: buf.toString('hex') };
  };

  function* rows(): Generator<string> {
    yield copyRow([county, 0, '', LVL.keys, null, null, null, null, null, null, keyList.length, null, null, null, null, keyList]);
    const fineParts = new Map<Cell, { ids: string; hex: string }>();
    for (const c of cells) {
      const [x0, y0, x1, y1] = c.box;
      const ext = `SRID=4490;POLYGON((${x0} ${y0},${x1} ${y0},${x1} ${y1},${x0} ${y1},${x0} ${y0}))`;
      let ids: string | null = null;
      let cols: string | null = null;
      let subs: string | null = null;
      if (c.lvl === LVL.fine) {
        const p = part(c, c.members);
        fineParts.set(c, p);
        [ids, cols] = [p.ids, `\\\\x${p.hex}`];
      } else if (c.lvl === LVL.coarse) {
        const ps = [...c.fine.map((f) => fineParts.get(f)!), part(c, c.own)].filter((p) => p.ids !== '');
        for (const f of c.fine) fineParts.delete(f);
        // (its fine cells' texts joined: nothing encoded twice)
        [ids, cols] = [ps.map((p) => p.ids).join(','), `\\\\x${ps.map((p) => p.hex).join('')}`];
        const buf = Buffer.allocUnsafe(c.fine.length * 36);
        c.fine.forEach((f, j) => {
          buf.writeInt32LE(f.id, j * 36);
          for (let d = 0; d < 4; d++) buf.writeDoubleLE(f.box[d], j * 36 + 4 + d * 8);
        });
        if (c.fine.length > 0) subs = `\\\\x${buf.toString('hex')}`;
      }
      const pos = c.lvl === LVL.fine ? c.members : c.own;
      // the byteas' hex (escaped for COPY text: \\x) written as they are, not scanned for characters to escape
      const line = copyRow([county, c.id, c.kind, c.lvl, c.up, x0, y0, x1, y1, ext, c.members.length, `{${pos.join(',')}}`, ids]);
      yield `${line.slice(0, -1)}\t${cols ?? '\\N'}\t${subs ?? '\\N'}\t\\N\n`;
    }
  }
  return { [Symbol.iterator]: rows };
}
