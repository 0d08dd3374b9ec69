/**
 * Exact area of P ∩ S without building the intersection polygon.
 *
 * Green's theorem: with every ring oriented so that the region lies on its left (outer rings counter-clockwise,
 * holes clockwise), the boundary of P ∩ S is made of
 *   (1) the pieces of P's edges that lie inside S,
 *   (2) the pieces of S's edges that lie inside P,
 *   (3) edges shared by P and S running the same way (the region on the same side) — counted once;
 *       shared edges running opposite ways (P and S on either side) bound nothing and count zero.
 * The ellipsoidal area is the survey integral (area/ellipsoid.ts) summed over those pieces; a piece of a straight
 * lon/lat edge is itself a straight lon/lat edge, so each piece is integrated exactly like a whole edge.
 *
 * Every crossing point is computed once, from P's edge (a + t·(b − a)), and used by both passes, so the pieces
 * close into loops exactly. Only exactly shared vertices and exactly shared edges are handled here; any other
 * near-contact (a vertex within NEAR_DEG of the other boundary: T-junctions, partial collinear overlaps, touching
 * vertices) is reported as degenerate (`null`) and the caller falls back to polyclip for that feature.
 *
 * Cost per parcel straddling the site boundary: a few µs (one sin + log per vertex and crossing), against
 * ~200 µs for clipping. Parcels whose bbox meets no site edge are wholly inside or outside: one point test.
 */
import { authalicDq, authalicQ, EDGE_AREA_SCALE, edgeAreaTerm } from '../area/ellipsoid';
import type { BBox, MultiPolygonCoords } from '../types';
import { type AreaLike, toMultiCoords } from './clip';

const RAD = Math.PI / 180;
/** EDGE_AREA_SCALE · Σ terms is negative for counter-clockwise loops; our loops run counter-clockwise. */
const AREA_SCALE = -EDGE_AREA_SCALE;
/** A vertex closer than this to the other boundary (degrees, ≈ 1 mm) without coinciding with a vertex: degenerate. */
export const NEAR_DEG = 1e-8 / 1.11; // ≈ 1 mm in latitude

/** Ring set prepared for area overlay: oriented rings, vertex q values, optional strip index of edges. */
export interface PreparedArea {
  xs: Float64Array;
  ys: Float64Array;
  /** Absolute authalic q and q' at each vertex. */
  qs: Float64Array;
  ds: Float64Array;
  /** next[v] = the vertex after v on its ring (edges are v → next[v]). */
  next: Int32Array;
  n: number;
  bbox: BBox;
  /** Ellipsoidal area (m²) of the prepared region (outer − holes, as oriented). */
  areaM2: number;
  /** Horizontal strips of edges, for large rings (point-in-polygon and edge queries without scanning). */
  strips?: { y0: number; h: number; k: number; start: Int32Array; edges: Int32Array };
  /** Scratch stamps for de-duplicating edges found in several strips. */
  stamp?: Int32Array;
  stampGen: number;
  /** False when the input had non-finite coordinates. */
  ok: boolean;
}

/** Prepare a Polygon/MultiPolygon (or coordinates). Rings are re-oriented; duplicate and closing vertices dropped. */
export function prepareArea(geom: AreaLike, opts: { index?: boolean } = {}): PreparedArea {
  const polys = toMultiCoords(geom);
  const xs: number[] = [];
  const ys: number[] = [];
  const nextArr: number[] = [];
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
      const rx: number[] = [];
      const ry: number[] = [];
      for (const p of ring) {
        const x = p?.[0];
        const y = p?.[1];
        if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
          ok = false;
          continue;
        }
        const m = rx.length;
        if (m > 0 && rx[m - 1] === x && ry[m - 1] === y) continue;
        rx.push(x);
        ry.push(y);
      }
      while (rx.length > 1 && rx[0] === rx[rx.length - 1] && ry[0] === ry[rx.length - 1]) {
        rx.pop();
        ry.pop();
      }
      const m = rx.length;
      if (m < 3) continue;
      // planar orientation in lon/lat (same sign as the ellipsoidal one: q is increasing in φ)
      let s = 0;
      for (let i = 0; i < m; i++) {
        const j = i + 1 === m ? 0 : i + 1;
        s += (rx[i] - rx[0]) * (ry[j] - ry[0]) - (rx[j] - rx[0]) * (ry[i] - ry[0]);
      }
      if (s === 0) continue;
      const wantCCW = r === 0;
      if (s > 0 !== wantCCW) {
        rx.reverse();
        ry.reverse();
      }
      const base = xs.length;
      for (let i = 0; i < m; i++) {
        xs.push(rx[i]);
        ys.push(ry[i]);
        nextArr.push(i + 1 === m ? base : base + i + 1);
        if (rx[i] < minX) minX = rx[i];
        if (rx[i] > maxX) maxX = rx[i];
        if (ry[i] < minY) minY = ry[i];
        if (ry[i] > maxY) maxY = ry[i];
      }
    }
  }
  const n = xs.length;
  const P: PreparedArea = {
    xs: Float64Array.from(xs),
    ys: Float64Array.from(ys),
    qs: new Float64Array(n),
    ds: new Float64Array(n),
    next: Int32Array.from(nextArr),
    n,
    bbox: n ? [minX, minY, maxX, maxY] : [0, 0, 0, 0],
    areaM2: 0,
    stampGen: 0,
    ok,
  };
  for (let v = 0; v < n; v++) {
    const sn = Math.sin(P.ys[v] * RAD);
    P.qs[v] = authalicQ(sn);
    P.ds[v] = authalicDq(sn);
  }
  let sum = 0;
  const q0 = n ? P.qs[0] : 0;
  for (let v = 0; v < n; v++) {
    const w = P.next[v];
    sum += edgeAreaTerm(P.xs[v], P.ys[v], P.qs[v] - q0, P.ds[v], P.xs[w], P.ys[w], P.qs[w] - q0, P.ds[w]);
  }
  P.areaM2 = sum * AREA_SCALE;
  if (opts.index || n > 64) buildStrips(P);
  return P;
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
      const w = next[v];
      const y1 = ys[v];
      const y2 = ys[w];
      if (y1 > y !== y2 > y) {
        const xi = xs[v] + ((y - y1) * (xs[w] - xs[v])) / (y2 - y1);
        if (x < xi) inside = !inside;
      }
    }
    return inside;
  }
  for (let v = 0; v < P.n; v++) {
    const w = next[v];
    const y1 = ys[v];
    const y2 = ys[w];
    if (y1 > y !== y2 > y) {
      const xi = xs[v] + ((y - y1) * (xs[w] - xs[v])) / (y2 - y1);
      if (x < xi) inside = !inside;
    }
  }
  return inside;
}

/** Edges of P whose bbox meets the box (each once). */
function edgesInBox(P: PreparedArea, minX: number, minY: number, maxX: number, maxY: number, out: number[]): void {
  out.length = 0;
  const { xs, ys, next } = P;
  const st = P.strips;
  if (!st || !P.stamp) {
    for (let v = 0; v < P.n; v++) {
      const w = next[v];
      const ax = xs[v];
      const bx = xs[w];
      const ay = ys[v];
      const by = ys[w];
      if ((ax < minX && bx < minX) || (ax > maxX && bx > maxX) || (ay < minY && by < minY) || (ay > maxY && by > maxY)) continue;
      out.push(v);
    }
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
      const w = next[v];
      const ax = xs[v];
      const bx = xs[w];
      const ay = ys[v];
      const by = ys[w];
      if ((ax < minX && bx < minX) || (ax > maxX && bx > maxX) || (ay < minY && by < minY) || (ay > maxY && by > maxY)) continue;
      out.push(v);
    }
  }
}

/** Does any edge of S meet the box? (Cheap test for "wholly inside or wholly outside".) */
export function anyEdgeInBox(S: PreparedArea, b: BBox): boolean {
  const minX = b[0] - NEAR_DEG;
  const minY = b[1] - NEAR_DEG;
  const maxX = b[2] + NEAR_DEG;
  const maxY = b[3] + NEAR_DEG;
  edgesInBox(S, minX, minY, maxX, maxY, boxTmp);
  const { xs, ys, next } = S;
  for (const v of boxTmp) {
    // bboxes meet; the segment misses the box only if all four corners lie strictly on one side of its line
    const w = next[v];
    const ax = xs[v];
    const ay = ys[v];
    const dx = xs[w] - ax;
    const dy = ys[w] - ay;
    const c1 = dx * (minY - ay) - dy * (minX - ax);
    const c2 = dx * (minY - ay) - dy * (maxX - ax);
    const c3 = dx * (maxY - ay) - dy * (minX - ax);
    const c4 = dx * (maxY - ay) - dy * (maxX - ax);
    if ((c1 > 0 && c2 > 0 && c3 > 0 && c4 > 0) || (c1 < 0 && c2 < 0 && c3 < 0 && c4 < 0)) continue;
    return true;
  }
  return false;
}
const boxTmp: number[] = [];

// ---- segment classification -------------------------------------------------------------------------------

const DEGENERATE = -1;
const NONE = 0;
const CROSS = 1;
const SHARED_SAME = 2;
const SHARED_OPP = 3;
/** Results of the last classify(): parameters along ab (t) and cd (u) of a proper crossing. */
let cT = 0;
let cU = 0;

/** Distance test: is point p within NEAR_DEG of segment ab (and not one of its endpoints)? */
function nearSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number, o: number): boolean {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  // |o| / |ab| is the distance to the line
  if (o * o > NEAR_DEG * NEAR_DEG * len2) return false;
  if ((px === ax && py === ay) || (px === bx && py === by)) return false;
  const t = ((px - ax) * dx + (py - ay) * dy) / len2;
  const tol = NEAR_DEG / Math.sqrt(len2);
  return t > -tol && t < 1 + tol;
}

/** Classify P-edge ab against S-edge cd. Always called with P's edge first, so both passes agree bit for bit. */
function classify(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): number {
  if (ax === cx && ay === cy && bx === dx && by === dy) return SHARED_SAME;
  if (ax === dx && ay === dy && bx === cx && by === cy) return SHARED_OPP;
  // orientations in coordinates relative to a (and c) for precision
  const abx = bx - ax;
  const aby = by - ay;
  const cdx = dx - cx;
  const cdy = dy - cy;
  const o1 = abx * (cy - ay) - aby * (cx - ax); // c vs ab
  const o2 = abx * (dy - ay) - aby * (dx - ax); // d vs ab
  const o3 = cdx * (ay - cy) - cdy * (ax - cx); // a vs cd
  const o4 = cdx * (by - cy) - cdy * (bx - cx); // b vs cd
  if (
    nearSegment(cx, cy, ax, ay, bx, by, o1) ||
    nearSegment(dx, dy, ax, ay, bx, by, o2) ||
    nearSegment(ax, ay, cx, cy, dx, dy, o3) ||
    nearSegment(bx, by, cx, cy, dx, dy, o4)
  )
    return DEGENERATE;
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) {
    cT = o3 / (o3 - o4);
    cU = o1 / (o1 - o2);
    return CROSS;
  }
  return NONE;
}

// scratch buffers
const sEdgeBuf = new Int32Array(4096);
function fillFrom(buf: Int32Array, src: number[]): Int32Array {
  for (let i = 0; i < src.length; i++) buf[i] = src[i];
  return buf;
}
const candS: number[] = [];
const candP: number[] = [];
const perEdge: number[] = [];
let bufT = new Float64Array(64);
let bufX = new Float64Array(64);
let bufY = new Float64Array(64);
const ordIdx: number[] = [];

function ensure(n: number): void {
  if (bufT.length >= n) return;
  const m = Math.max(n, bufT.length * 2);
  bufT = new Float64Array(m);
  bufX = new Float64Array(m);
  bufY = new Float64Array(m);
}

/**
 * Sum of edge terms of the sub-pieces of segment (x1,y1)→(x2,y2) whose midpoints lie inside `inside`,
 * split at the k points (bufT parameters, bufX/bufY coordinates). Endpoint q/q' given for the segment ends.
 */
function piecesInside(
  k: number,
  x1: number, y1: number, Q1: number, D1: number,
  x2: number, y2: number, Q2: number, D2: number,
  q0: number,
  inside: PreparedArea,
): number {
  if (k === 0) {
    return pointInPrepared(inside, (x1 + x2) / 2, (y1 + y2) / 2) ? edgeAreaTerm(x1, y1, Q1, D1, x2, y2, Q2, D2) : 0;
  }
  // order crossing points along the segment
  ordIdx.length = k;
  for (let i = 0; i < k; i++) ordIdx[i] = i;
  if (k > 1) ordIdx.sort((i, j) => bufT[i] - bufT[j]);
  let sum = 0;
  let px = x1;
  let py = y1;
  let pQ = Q1;
  let pD = D1;
  for (let s = 0; s <= k; s++) {
    let nx: number;
    let ny: number;
    let nQ: number;
    let nD: number;
    if (s === k) {
      nx = x2;
      ny = y2;
      nQ = Q2;
      nD = D2;
    } else {
      const i = ordIdx[s];
      nx = bufX[i];
      ny = bufY[i];
      const sn = Math.sin(ny * RAD);
      nQ = authalicQ(sn) - q0;
      nD = authalicDq(sn);
    }
    if (pointInPrepared(inside, (px + nx) / 2, (py + ny) / 2)) sum += edgeAreaTerm(px, py, pQ, pD, nx, ny, nQ, nD);
    px = nx;
    py = ny;
    pQ = nQ;
    pD = nD;
  }
  return sum;
}

/**
 * Area (m²) of P ∩ S by Green's theorem, or `null` when a near-degeneracy (vertex on the other boundary,
 * partial collinear overlap) makes the fast path unsafe — the caller then clips. P should be the small side
 * (its edges are scanned for every S edge near it); S may be large and indexed.
 */
export function intersectionAreaPrepared(P: PreparedArea, S: PreparedArea): number | null {
  if (!P.ok || !S.ok) return null;
  if (P.n === 0 || S.n === 0) return 0;
  const pb = P.bbox;
  const sb = S.bbox;
  if (pb[0] > sb[2] || pb[2] < sb[0] || pb[1] > sb[3] || pb[3] < sb[1]) return 0;
  const E = NEAR_DEG;
  // S edges near P at all?
  edgesInBox(S, pb[0] - E, pb[1] - E, pb[2] + E, pb[3] + E, candS);
  if (candS.length === 0) return pointInPrepared(S, P.xs[0], P.ys[0]) ? P.areaM2 : 0;
  const sEdges = candS.length <= sEdgeBuf.length ? fillFrom(sEdgeBuf, candS) : candS.slice();
  const nS = candS.length;
  const q0 = P.qs[0];
  let sum = 0;
  // ---- pass 1: P's edges, pieces inside S (and shared edges running the same way)
  for (let v = 0; v < P.n; v++) {
    const w = P.next[v];
    const ax = P.xs[v];
    const ay = P.ys[v];
    const bx = P.xs[w];
    const by = P.ys[w];
    const minX = Math.min(ax, bx) - E;
    const maxX = Math.max(ax, bx) + E;
    const minY = Math.min(ay, by) - E;
    const maxY = Math.max(ay, by) + E;
    // an edge outside S's bbox lies outside S: no piece of it bounds P ∩ S
    if (maxX < sb[0] || minX > sb[2] || maxY < sb[1] || minY > sb[3]) continue;
    let k = 0;
    let shared = 0;
    let list: ArrayLike<number> = sEdges;
    let nList = nS;
    if (S.strips && nS > 32) {
      edgesInBox(S, minX, minY, maxX, maxY, perEdge);
      list = perEdge;
      nList = perEdge.length;
    }
    for (let si = 0; si < nList; si++) {
      const c = list[si];
      const d = S.next[c];
      const cx = S.xs[c];
      const cy = S.ys[c];
      const dx = S.xs[d];
      const dy = S.ys[d];
      if ((cx < minX && dx < minX) || (cx > maxX && dx > maxX) || (cy < minY && dy < minY) || (cy > maxY && dy > maxY)) continue;
      const r = classify(ax, ay, bx, by, cx, cy, dx, dy);
      if (r === NONE) continue;
      if (r === DEGENERATE) return null;
      if (r === SHARED_SAME || r === SHARED_OPP) {
        if (shared !== 0) return null;
        shared = r;
        continue;
      }
      ensure(k + 1);
      bufT[k] = cT;
      bufX[k] = ax + cT * (bx - ax);
      bufY[k] = ay + cT * (by - ay);
      k++;
    }
    if (shared !== 0) {
      if (k > 0) return null;
      if (shared === SHARED_SAME) sum += edgeAreaTerm(ax, ay, P.qs[v] - q0, P.ds[v], bx, by, P.qs[w] - q0, P.ds[w]);
      continue;
    }
    sum += piecesInside(k, ax, ay, P.qs[v] - q0, P.ds[v], bx, by, P.qs[w] - q0, P.ds[w], q0, S);
  }
  // ---- pass 2: S's edges near P, pieces inside P (shared edges were counted in pass 1)
  for (let si = 0; si < nS; si++) {
    const c = sEdges[si];
    const d = S.next[c];
    const cx = S.xs[c];
    const cy = S.ys[c];
    const dx = S.xs[d];
    const dy = S.ys[d];
    const minX = Math.min(cx, dx) - E;
    const maxX = Math.max(cx, dx) + E;
    const minY = Math.min(cy, dy) - E;
    const maxY = Math.max(cy, dy) + E;
    let k = 0;
    let shared = false;
    let nP = P.n;
    if (P.strips && P.n > 32) {
      edgesInBox(P, minX, minY, maxX, maxY, candP);
      nP = candP.length;
    }
    for (let pi = 0; pi < nP; pi++) {
      const v = P.strips && P.n > 32 ? candP[pi] : pi;
      const w = P.next[v];
      const ax = P.xs[v];
      const ay = P.ys[v];
      const bx = P.xs[w];
      const by = P.ys[w];
      if ((ax < minX && bx < minX) || (ax > maxX && bx > maxX) || (ay < minY && by < minY) || (ay > maxY && by > maxY)) continue;
      const r = classify(ax, ay, bx, by, cx, cy, dx, dy);
      if (r === NONE) continue;
      if (r === DEGENERATE) return null;
      if (r === SHARED_SAME || r === SHARED_OPP) {
        shared = true;
        break;
      }
      ensure(k + 1);
      bufT[k] = cU;
      bufX[k] = ax + cT * (bx - ax);
      bufY[k] = ay + cT * (by - ay);
      k++;
    }
    if (shared) continue;
    if (k === 0 && (Math.max(cx, dx) < pb[0] || Math.min(cx, dx) > pb[2] || Math.max(cy, dy) < pb[1] || Math.min(cy, dy) > pb[3])) continue;
    sum += piecesInside(k, cx, cy, S.qs[c] - q0, S.ds[c], dx, dy, S.qs[d] - q0, S.ds[d], q0, P);
  }
  const area = sum * AREA_SCALE;
  // sanity: an intersection is never larger than either side (beyond rounding) — else let polyclip decide
  const limit = Math.min(P.areaM2, S.areaM2);
  if (!(area > -1e-9 * P.areaM2 - 1e-9) || area > limit * (1 + 1e-9) + 1e-9) return null;
  return Math.max(0, Math.min(area, limit));
}

/** Convenience: area of a ∩ b for two geometries (prepares both; small side first). */
export function intersectionAreaGreen(a: AreaLike, b: AreaLike): number | null {
  const A = prepareArea(a);
  const B = prepareArea(b);
  return A.n <= B.n ? intersectionAreaPrepared(A, B) : intersectionAreaPrepared(B, A);
}

export type { MultiPolygonCoords };
