/**
 * A ring set prepared for exact area overlay (greenArea.ts): rings oriented so the region lies on their left,
 * duplicate and closing vertices dropped, authalic q values per vertex on first use, the region's ellipsoidal area,
 * and for large rings a strip index of edges for point-in-polygon tests and edge queries without scanning.
 */
import { authalicDq, authalicQ, EDGE_AREA_SCALE, edgeAreaTerm } from '../area/ellipsoid';
import type { BBox } from '../types';
import { type AreaLike, toMultiCoords } from './clip';

/** Degrees to radians. */
export const RAD = Math.PI / 180;
/** EDGE_AREA_SCALE · Σ terms is negative for counter-clockwise loops; our loops run counter-clockwise. */
export const AREA_SCALE = -EDGE_AREA_SCALE;

/** Ring set prepared for area overlay: oriented rings, vertex q values, optional strip index of edges. */
export interface PreparedArea {
  xs: Float64Array;
  ys: Float64Array;
  /** Absolute authalic q and q' at each vertex — filled on first use (ensureQ): a pair that bounds nothing needs none. */
  qs: Float64Array;
  ds: Float64Array;
  qReady: boolean;
  /** next[v] = the vertex after v on its ring (edges are v → next[v]). */
  next: Int32Array;
  n: number;
  bbox: BBox;
  /** Ellipsoidal area (m²) of the prepared region (outer − holes, as oriented); NaN until preparedAreaM2() computes it. */
  areaM2: number;
  /** Horizontal strips of edges, for large rings (point-in-polygon and edge queries without scanning). */
  strips?: { y0: number; h: number; k: number; start: Int32Array; edges: Int32Array };
  /** Scratch stamps for de-duplicating edges found in several strips. */
  stamp?: Int32Array;
  stampGen: number;
  /** False when the input had non-finite coordinates. */
  ok: boolean;
}

const EMPTY_F64 = new Float64Array(0);

/** Prepare a Polygon/MultiPolygon (or coordinates). Rings are re-oriented; duplicate and closing vertices dropped. */
export function prepareArea(geom: AreaLike, opts: { index?: boolean } = {}): PreparedArea {
  const polys = toMultiCoords(geom);
  // capacity: every position (an upper bound after dropping duplicates and closing vertices)
  let cap = 0;
  for (const poly of polys) if (Array.isArray(poly)) for (const ring of poly) if (Array.isArray(ring)) cap += ring.length;
  const xs = new Float64Array(cap);
  const ys = new Float64Array(cap);
  const next = new Int32Array(cap);
  let n = 0;
  let ok = true;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const poly of polys) {
    if (!Array.isArray(poly)) continue;
    for (let r = 0; r < poly.length; r++) {
      const ring = poly[r];
      if (!Array.isArray(ring)) continue;
      const base = n;
      let m = 0;
      for (const p of ring) {
        const x = p?.[0];
        const y = p?.[1];
        if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
          ok = false;
          continue;
        }
        if (m > 0 && xs[base + m - 1] === x && ys[base + m - 1] === y) continue;
        xs[base + m] = x;
        ys[base + m] = y;
        m++;
      }
      while (m > 1 && xs[base] === xs[base + m - 1] && ys[base] === ys[base + m - 1]) m--;
      if (m < 3) continue;
      // planar orientation in lon/lat (same sign as the ellipsoidal one: q is increasing in φ)
      const x0 = xs[base];
      const y0 = ys[base];
      let sgn = 0;
      for (let i = 0; i < m; i++) {
        const j = i + 1 === m ? 0 : i + 1;
        sgn += (xs[base + i] - x0) * (ys[base + j] - y0) - (xs[base + j] - x0) * (ys[base + i] - y0);
      }
      if (sgn === 0) continue;
      if (sgn > 0 !== (r === 0)) {
        for (let i = 0, j = m - 1; i < j; i++, j--) {
          const tx = xs[base + i];
          xs[base + i] = xs[base + j];
          xs[base + j] = tx;
          const ty = ys[base + i];
          ys[base + i] = ys[base + j];
          ys[base + j] = ty;
        }
      }
      for (let i = 0; i < m; i++) {
        const v = base + i;
        next[v] = i + 1 === m ? base : v + 1;
        const x = xs[v];
        const y = ys[v];
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
      n += m;
    }
  }
  // every field present from the start: one hidden class for all prepared areas (monomorphic hot loops)
  const P: PreparedArea = { xs, ys, qs: EMPTY_F64, ds: EMPTY_F64, qReady: false, next, n, bbox: n ? [minX, minY, maxX, maxY] : [0, 0, 0, 0], areaM2: Number.NaN, strips: undefined, stamp: undefined, stampGen: 0, ok };
  if (opts.index || n > 64) {
    buildStrips(P);
    preparedAreaM2(P);
  }
  return P;
}

/** Fill the vertices' q and q' (once). */
export function ensureQ(P: PreparedArea): void {
  if (P.qReady) return;
  P.qs = new Float64Array(P.n);
  P.ds = new Float64Array(P.n);
  for (let v = 0; v < P.n; v++) {
    const sn = Math.sin(P.ys[v] * RAD);
    P.qs[v] = authalicQ(sn);
    P.ds[v] = authalicDq(sn);
  }
  P.qReady = true;
}

/** Ellipsoidal area (m²) of the prepared region (computed once). */
export function preparedAreaM2(P: PreparedArea): number {
  if (!Number.isNaN(P.areaM2)) return P.areaM2;
  ensureQ(P);
  const { xs, ys, qs, ds, next } = P;
  let sum = 0;
  const q0 = P.n ? qs[0] : 0;
  for (let v = 0; v < P.n; v++) {
    const w = next[v];
    sum += edgeAreaTerm(xs[v], ys[v], qs[v] - q0, ds[v], xs[w], ys[w], qs[w] - q0, ds[w]);
  }
  P.areaM2 = sum * AREA_SCALE;
  return P.areaM2;
}

function buildStrips(P: PreparedArea): void {
  const n = P.n;
  if (n === 0) return;
  const [, y0, , y1] = P.bbox;
  const k = Math.max(1, Math.min(1 << 14, Math.ceil(n / 2)));
  const h = (y1 - y0) / k || 1;
  const counts = new Int32Array(k + 1);
  const lo = (y: number) => Math.min(k - 1, Math.max(0, Math.floor((y - y0) / h)));
  for (let v = 0; v < n; v++) {
    const w = P.next[v];
    const a = lo(Math.min(P.ys[v], P.ys[w]));
    const b = lo(Math.max(P.ys[v], P.ys[w]));
    for (let s = a; s <= b; s++) counts[s + 1]++;
  }
  for (let s = 0; s < k; s++) counts[s + 1] += counts[s];
  const edges = new Int32Array(counts[k]);
  const fill = counts.slice(0, k);
  for (let v = 0; v < n; v++) {
    const w = P.next[v];
    const a = lo(Math.min(P.ys[v], P.ys[w]));
    const b = lo(Math.max(P.ys[v], P.ys[w]));
    for (let s = a; s <= b; s++) edges[fill[s]++] = v;
  }
  P.strips = { y0, h, k, start: counts, edges };
  P.stamp = new Int32Array(n);
}

/** A growable list of int32 that never shrinks its storage (no allocation in steady state). */
/** A growable list of int32 (edge ids), reused across queries. */
export class IntBuf {
  a = new Int32Array(64);
  n = 0;
  clear(): void {
    this.n = 0;
  }
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
}

/** Strict point-in-region by crossing number (even–odd over all rings). */
export function pointInPrepared(P: PreparedArea, x: number, y: number): boolean {
  const b = P.bbox;
  if (x < b[0] || x > b[2] || y < b[1] || y > b[3] || P.n === 0) return false;
  const { xs, ys, next } = P;
  let inside = false;
  const st = P.strips;
  if (st) {
    const s = Math.min(st.k - 1, Math.max(0, Math.floor((y - st.y0) / st.h)));
    for (let i = st.start[s], e = st.start[s + 1]; i < e; i++) {
      const v = st.edges[i];
      if (rayCrosses(xs, ys, v, next[v], x, y)) inside = !inside;
    }
    return inside;
  }
  for (let v = 0; v < P.n; v++) if (rayCrosses(xs, ys, v, next[v], x, y)) inside = !inside;
  return inside;
}

/** Whether the ray from (x, y) towards +x crosses edge v → w (half-open in y, so a vertex counts once). */
function rayCrosses(xs: Float64Array, ys: Float64Array, v: number, w: number, x: number, y: number): boolean {
  const y1 = ys[v];
  const y2 = ys[w];
  return y1 > y !== y2 > y && x < xs[v] + ((y - y1) * (xs[w] - xs[v])) / (y2 - y1);
}

/** Whether edge v → w's bbox meets the box (a box edge touching counts). */
export function edgeMeetsBox(xs: Float64Array, ys: Float64Array, w: number, v: number, minX: number, minY: number, maxX: number, maxY: number): boolean {
  const ax = xs[v];
  const bx = xs[w];
  const ay = ys[v];
  const by = ys[w];
  return !((ax < minX && bx < minX) || (ax > maxX && bx > maxX) || (ay < minY && by < minY) || (ay > maxY && by > maxY));
}

/** Edges of P whose bbox meets the box (each once). */
export function edgesInBox(P: PreparedArea, minX: number, minY: number, maxX: number, maxY: number, out: IntBuf): void {
  out.clear();
  const { xs, ys, next } = P;
  const st = P.strips;
  if (!st || !P.stamp) {
    for (let v = 0; v < P.n; v++) if (edgeMeetsBox(xs, ys, next[v], v, minX, minY, maxX, maxY)) out.push(v);
    return;
  }
  if (maxY < P.bbox[1] || minY > P.bbox[3] || maxX < P.bbox[0] || minX > P.bbox[2]) return;
  const gen = ++P.stampGen;
  if (gen >= 0x7fffffff) {
    P.stamp.fill(0);
    P.stampGen = 1;
  }
  const lo = Math.min(st.k - 1, Math.max(0, Math.floor((minY - st.y0) / st.h)));
  const hi = Math.min(st.k - 1, Math.max(0, Math.floor((maxY - st.y0) / st.h)));
  for (let s = lo; s <= hi; s++) {
    for (let i: number = st.start[s], e: number = st.start[s + 1]; i < e; i++) {
      const v = st.edges[i];
      if (P.stamp[v] === P.stampGen) continue;
      P.stamp[v] = P.stampGen;
      if (edgeMeetsBox(xs, ys, next[v], v, minX, minY, maxX, maxY)) out.push(v);
    }
  }
}
