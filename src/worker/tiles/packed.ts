/**
 * Packed parcel geometry: every polygon of a layer in a handful of typed arrays, so a layer crosses postMessage by
 * transfer (O(1), no copy) instead of a structured clone of 500k object graphs (seconds on the main thread).
 *
 * Layout (all offsets are indices, not bytes):
 *   feature f → polygons featStart[f] .. featStart[f+1]-1
 *   polygon p → rings    polyStart[p] .. polyStart[p+1]-1   (first ring outer, then holes)
 *   ring r    → points   ringStart[r] .. ringStart[r+1]-1   (point i is coords[2i], coords[2i+1] = lon, lat)
 *
 * Pure TypeScript (no DOM, no Node): the engine worker packs, the main thread only forwards, the tile worker cuts.
 */
import type { FlatStore } from '../../core/io/flatGeojson';
import { flatOf } from '../../core/io/flatGeometry';
import type { AreaGeometry } from '../../core/types';

export interface PackedParcels {
  /** Number of features. */
  count: number;
  /** [lon, lat] pairs of every ring, concatenated (degrees). Empty when `xs` / `ys` hold the positions. */
  coords: Float64Array;
  /**
   * Or the positions as two arrays (lon, lat): the engine's own flat store when its memory is shared
   * (SharedArrayBuffer views, not copies: `packParcels`). Read either form through `positionsOf`.
   */
  xs?: Float64Array;
  ys?: Float64Array;
  /** Length rings + 1. */
  ringStart: Uint32Array;
  /** Length polygons + 1. */
  polyStart: Uint32Array;
  /** Length count + 1. */
  featStart: Uint32Array;
  /**
   * The MVT feature id of each feature in tiles (what `queryRenderedFeatures` / feature-state see): by default the
   * feature's position; the engine passes the parcel's index in its source file so a click maps back to the parcel.
   */
  ids: Uint32Array;
  /** Numeric attribute columns carried into tiles as properties (styling, filters). NaN = missing (not written). */
  columns: Record<string, Float64Array>;
  /**
   * Per feature [west, south, east, north] in degrees (NaN when it has no finite geometry). Optional: with it the
   * tile worker indexes 500k parcels without reading their 4.5M vertices (packParcels always writes it).
   */
  bbox?: Float64Array;
  /** Per feature area in m² (the engine's ellipsoidal area), for the aggregates' coverage share. Optional. */
  areaM2?: Float64Array;
}

const NO_BOX = [Infinity, Infinity, -Infinity, -Infinity];

/**
 * The per-feature bbox of a packed set (the layout of `PackedParcels.bbox`) read from its vertices: for a set
 * packed without one.
 *
 * @param p - the packed parcels
 * @returns per feature [west, south, east, north] in degrees, NaN × 4 when the feature has no vertex or a
 *   non-finite one
 * @example
 * const bbox = packed.bbox ?? packedBBoxes(packed);
 */
export function packedBBoxes(p: PackedParcels): Float64Array {
  const out = new Float64Array(p.count * 4);
  const { X, Y, stride: st, yOff: yo } = positionsOf(p);
  const box = new Float64Array(4);
  for (let f = 0; f < p.count; f++) {
    box.set(NO_BOX);
    let finite = true;
    for (let i = p.ringStart[p.polyStart[p.featStart[f]]]; i < p.ringStart[p.polyStart[p.featStart[f + 1]]]; i++) {
      const x = X[i * st];
      const y = Y[i * st + yo];
      if (!Number.isFinite(x) || !Number.isFinite(y)) finite = false;
      if (x < box[0]) box[0] = x;
      if (y < box[1]) box[1] = y;
      if (x > box[2]) box[2] = x;
      if (y > box[3]) box[3] = y;
    }
    const ok = finite && box[0] <= box[2] && box[1] <= box[3];
    for (let k = 0; k < 4; k++) out[f * 4 + k] = ok ? box[k] : Number.NaN;
  }
  return out;
}

/** Anything with a GeoJSON Polygon/MultiPolygon geometry (a core `Parcel`, a GeoJSON feature …). */
export interface HasGeometry {
  geometry: AreaGeometry | null | undefined;
}

export interface PackOptions<T> {
  /** Feature id written into tiles (must be a non-negative integer < 2³²). Default: position in `items`. */
  id?: (item: T, i: number) => number;
  /** Numeric columns: name → value getter (undefined / NaN = missing). */
  columns?: Record<string, (item: T, i: number) => number | undefined>;
  /** Area in m² (e.g. a core Parcel's areaM2); written to `areaM2` when given. */
  area?: (item: T, i: number) => number | undefined;
}

/** Where vertex i is: lon X[i·stride], lat Y[i·stride + yOff] (coords interleaved, or xs / ys). */
export interface Positions {
  X: Float64Array;
  Y: Float64Array;
  stride: number;
  yOff: number;
  /** Number of vertices. */
  n: number;
}

export function positionsOf(p: PackedParcels): Positions {
  if (p.xs && p.ys) return { X: p.xs, Y: p.ys, stride: 1, yOff: 0, n: p.xs.length };
  return { X: p.coords, Y: p.coords, stride: 2, yOff: 1, n: p.coords.length / 2 };
}

const isShared = (a: ArrayBufferView): boolean => typeof SharedArrayBuffer !== 'undefined' && a.buffer instanceof SharedArrayBuffer;
const u32 = (a: Int32Array): Uint32Array => new Uint32Array(a.buffer, a.byteOffset, a.length);

/**
 * The store whose arrays the packed layer can take as they are: every item's geometry is feature i of one flat
 * store held in shared memory (flatGeojson.ts `shared`), item i being feature i, and every feature's box finite.
 * Then the tile worker reads the engine's positions (one copy in memory, not two) and the offsets are the store's.
 */
function sharedStore(items: readonly HasGeometry[]): FlatStore | undefined {
  const st = items.length ? flatOf(items[0].geometry)?.store : undefined;
  if (!st || st.featurePart.length !== items.length + 1) return undefined;
  // all or nothing: a plain buffer among them would be transferred away from the engine (packedTransferables)
  if (![st.xs, st.ys, st.ringStart, st.partStart, st.featurePart, st.bbox].every(isShared)) return undefined;
  for (let i = 0; i < items.length; i++) {
    const fg = flatOf(items[i].geometry);
    if (!fg || fg.store !== st || fg.feature !== i) return undefined;
    if (!boxOk(st.bbox, i * 4)) return undefined;
  }
  return st;
}

/** A finite, ordered [w, s, e, n] (what packParcels writes for a feature with finite positions; else NaN). */
function boxOk(b: Float64Array, o: number): boolean {
  return Number.isFinite(b[o]) && Number.isFinite(b[o + 1]) && Number.isFinite(b[o + 2]) && Number.isFinite(b[o + 3]) && b[o] <= b[o + 2] && b[o + 1] <= b[o + 3];
}

/** Ids, numeric columns and areas of the items (always copies: small, and transferred). */
function packAttributes<T>(items: readonly T[], opts: PackOptions<T>): Pick<PackedParcels, 'ids' | 'columns' | 'areaM2'> {
  const ids = new Uint32Array(items.length);
  const columns: Record<string, Float64Array> = {};
  for (const [name, get] of Object.entries(opts.columns ?? {})) {
    const col = new Float64Array(items.length);
    for (let f = 0; f < items.length; f++) {
      const v = get(items[f], f);
      col[f] = typeof v === 'number' ? v : Number.NaN;
    }
    columns[name] = col;
  }
  const areaM2 = opts.area ? new Float64Array(items.length) : undefined;
  for (let f = 0; f < items.length; f++) {
    ids[f] = opts.id ? opts.id(items[f], f) : f;
    if (areaM2) {
      const a = opts.area?.(items[f], f);
      areaM2[f] = typeof a === 'number' ? a : Number.NaN;
    }
  }
  return { ids, columns, ...(areaM2 ? { areaM2 } : {}) };
}

function polygonsOf(g: AreaGeometry | null | undefined): readonly (readonly (readonly number[])[])[][] {
  if (!g) return [];
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  return [];
}

/**
 * Pack geometries (two passes: count, then fill). Items without a polygon geometry become features with no
 * polygons (they keep their position, so ids stay aligned with the input) and never appear in tiles.
 */
export function packParcels<T extends HasGeometry>(items: readonly T[], opts: PackOptions<T> = {}): PackedParcels {
  const st = sharedStore(items);
  if (st) {
    const shared = { coords: new Float64Array(0), xs: st.xs, ys: st.ys, ringStart: u32(st.ringStart), polyStart: u32(st.partStart), featStart: u32(st.featurePart) };
    return { count: items.length, ...shared, bbox: st.bbox, ...packAttributes(items, opts) };
  }
  let nPoly = 0;
  let nRing = 0;
  let nPt = 0;
  for (const it of items) {
    const fg = flatOf(it.geometry);
    if (fg) {
      const { ringStart, partStart, featurePart } = fg.store;
      const p0 = featurePart[fg.feature];
      const p1 = featurePart[fg.feature + 1];
      nPoly += p1 - p0;
      nRing += partStart[p1] - partStart[p0];
      nPt += ringStart[partStart[p1]] - ringStart[partStart[p0]];
      continue;
    }
    for (const poly of polygonsOf(it.geometry)) {
      nPoly++;
      for (const ring of poly) {
        nRing++;
        nPt += ring.length;
      }
    }
  }
  const coords = new Float64Array(nPt * 2);
  const ringStart = new Uint32Array(nRing + 1);
  const polyStart = new Uint32Array(nPoly + 1);
  const featStart = new Uint32Array(items.length + 1);
  const bbox = new Float64Array(items.length * 4);
  let p = 0;
  let r = 0;
  let pt = 0;
  for (let f = 0; f < items.length; f++) {
    const it = items[f];
    featStart[f] = p;
    let w = Infinity;
    let sth = Infinity;
    let e = -Infinity;
    let n = -Infinity;
    let finite = true;
    const fg = flatOf(it.geometry);
    if (fg) {
      // a flat geometry's rings are copied from its store (the same positions, valid and in range: flatGeojson.ts)
      const st = fg.store;
      for (let sp = st.featurePart[fg.feature]; sp < st.featurePart[fg.feature + 1]; sp++) {
        polyStart[p++] = r;
        for (let sr = st.partStart[sp]; sr < st.partStart[sp + 1]; sr++) {
          ringStart[r++] = pt;
          for (let k = st.ringStart[sr]; k < st.ringStart[sr + 1]; k++) {
            coords[pt * 2] = st.xs[k];
            coords[pt * 2 + 1] = st.ys[k];
            pt++;
          }
        }
      }
      const o = fg.feature * 4;
      w = st.bbox[o];
      sth = st.bbox[o + 1];
      e = st.bbox[o + 2];
      n = st.bbox[o + 3];
    } else
    for (const poly of polygonsOf(it.geometry)) {
      polyStart[p++] = r;
      for (const ring of poly) {
        ringStart[r++] = pt;
        for (const pos of ring) {
          const x = Number(pos[0]);
          const y = Number(pos[1]);
          coords[pt * 2] = x;
          coords[pt * 2 + 1] = y;
          pt++;
          if (!Number.isFinite(x) || !Number.isFinite(y)) finite = false;
          if (x < w) w = x;
          if (x > e) e = x;
          if (y < sth) sth = y;
          if (y > n) n = y;
        }
      }
    }
    const ok = finite && w <= e && sth <= n;
    bbox[f * 4] = ok ? w : Number.NaN;
    bbox[f * 4 + 1] = ok ? sth : Number.NaN;
    bbox[f * 4 + 2] = ok ? e : Number.NaN;
    bbox[f * 4 + 3] = ok ? n : Number.NaN;
  }
  featStart[items.length] = p;
  polyStart[nPoly] = r;
  ringStart[nRing] = pt;
  return { count: items.length, coords, ringStart, polyStart, featStart, bbox, ...packAttributes(items, opts) };
}

/** The buffers to list as transferables: `postMessage(packed, packedTransferables(packed))`. */
export function packedTransferables(p: PackedParcels): ArrayBuffer[] {
  const bufs = new Set<ArrayBuffer>();
  const extra = [p.bbox, p.areaM2, p.xs, p.ys].filter((a): a is Float64Array => a !== undefined);
  for (const a of [p.coords, p.ringStart, p.polyStart, p.featStart, p.ids, ...Object.values(p.columns), ...extra]) {
    // shared memory is lent, not transferred (a SharedArrayBuffer in a transfer list is an error)
    if (!isShared(a)) bufs.add(a.buffer as ArrayBuffer);
  }
  return [...bufs];
}

/** Bytes held by a packed layer. */
export function packedByteLength(p: PackedParcels): number {
  let n = p.coords.byteLength + (p.xs?.byteLength ?? 0) + (p.ys?.byteLength ?? 0) + p.ringStart.byteLength + p.polyStart.byteLength + p.featStart.byteLength + p.ids.byteLength;
  for (const c of Object.values(p.columns)) n += c.byteLength;
  return n + (p.bbox?.byteLength ?? 0) + (p.areaM2?.byteLength ?? 0);
}

/**
 * Check the structure of a packed layer (offsets monotone and in range). Returns problems as text; empty = valid.
 * The tile worker checks before indexing so a malformed message is reported, not cut into garbage.
 */
export function checkPacked(p: PackedParcels): string[] {
  const out: string[] = [];
  const nPt = positionsOf(p).n;
  if (!Number.isInteger(nPt)) out.push('coords length is odd');
  if ((p.xs || p.ys) && (p.xs?.length !== p.ys?.length || p.coords.length)) out.push('xs / ys: both, of one length, and no coords');
  if (p.featStart.length !== p.count + 1) out.push('featStart length ≠ count + 1');
  if (p.ids.length !== p.count) out.push('ids length ≠ count');
  for (const [name, col] of Object.entries(p.columns)) if (col.length !== p.count) out.push(`column ${name} length ≠ count`);
  if (p.bbox && p.bbox.length !== p.count * 4) out.push('bbox length ≠ 4 × count');
  if (p.areaM2 && p.areaM2.length !== p.count) out.push('areaM2 length ≠ count');
  const mono = (a: Uint32Array, max: number, label: string) => {
    if (a.length === 0) {
      out.push(`${label} is empty`);
      return;
    }
    if (a[0] !== 0) out.push(`${label}[0] ≠ 0`);
    for (let i = 1; i < a.length; i++) {
      if (a[i] < a[i - 1]) {
        out.push(`${label} decreases at ${i}`);
        return;
      }
    }
    if (a[a.length - 1] !== max) out.push(`${label} ends at ${a[a.length - 1]}, expected ${max}`);
  };
  mono(p.featStart, p.polyStart.length - 1, 'featStart');
  mono(p.polyStart, p.ringStart.length - 1, 'polyStart');
  mono(p.ringStart, nPt, 'ringStart');
  return out;
}
