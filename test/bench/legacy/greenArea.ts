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
import { authalicDq, authalicQ, EDGE_AREA_SCALE, edgeAreaTerm } from '../../../src/core/area/ellipsoid';
import type { BBox, MultiPolygonCoords } from '../../../src/core/types';
import { type AreaLike, toMultiCoords } from '../../../src/core/overlay/clip';

const RAD = Math.PI / 180;
/** EDGE_AREA_SCALE · Σ terms is negative for counter-clockwise loops; our loops run counter-clockwise. */
const AREA_SCALE = -EDGE_AREA_SCALE;
/** A vertex closer than this to the other boundary (degrees, ≈ 1 mm) without coinciding with a vertex: degenerate. */
export const NEAR_DEG = 1e-8 / 1.11; // ≈ 1 mm in latitude
const NEAR2 = NEAR_DEG * NEAR_DEG;

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
class IntBuf {
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
function edgesInBox(P: PreparedArea, minX: number, minY: number, maxX: number, maxY: number, out: IntBuf): void {
  out.clear();
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
  for (let i = 0; i < boxTmp.n; i++) {
    const v = boxTmp.a[i];
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
const boxTmp = new IntBuf();

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
  // near-contact screen: only when some |o| is small relative to the edge lengths (rare) do the exact checks run
  const ab2 = abx * abx + aby * aby;
  const cd2 = cdx * cdx + cdy * cdy;
  const nearAB = NEAR2 * ab2;
  const nearCD = NEAR2 * cd2;
  if (
    (o1 * o1 <= nearAB && nearSegment(cx, cy, ax, ay, bx, by, o1)) ||
    (o2 * o2 <= nearAB && nearSegment(dx, dy, ax, ay, bx, by, o2)) ||
    (o3 * o3 <= nearCD && nearSegment(ax, ay, cx, cy, dx, dy, o3)) ||
    (o4 * o4 <= nearCD && nearSegment(bx, by, cx, cy, dx, dy, o4))
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
const candS = new IntBuf();
const candP = new IntBuf();
const perEdge = new IntBuf();
let bufT = new Float64Array(64);
let bufX = new Float64Array(64);
let bufY = new Float64Array(64);
let ordIdx = new Int32Array(64);

function ensure(n: number): void {
  if (bufT.length >= n) return;
  const m = Math.max(n, bufT.length * 2);
  bufT = new Float64Array(m);
  bufX = new Float64Array(m);
  bufY = new Float64Array(m);
}

/**
 * Boundary pieces of P ∩ S found by the classification pass, integrated afterwards (so that a pair bounding
 * nothing — neighbours sharing an edge — costs no q evaluations). Per piece: endpoints, and for each endpoint the
 * vertex it is (≥ 0: vertex of the piece's own ring set; −1: a crossing point, q computed from its latitude).
 */
let pcX1 = new Float64Array(64);
let pcY1 = new Float64Array(64);
let pcX2 = new Float64Array(64);
let pcY2 = new Float64Array(64);
let pcV1 = new Int32Array(64);
let pcV2 = new Int32Array(64);
/** 0: piece of P's boundary (vertices index P), 1: of S's. */
let pcSide = new Uint8Array(64);
let pcN = 0;

function pushPiece(x1: number, y1: number, v1: number, x2: number, y2: number, v2: number, side: number): void {
  if (pcN === pcX1.length) {
    const m = pcN * 2;
    const grow = <T extends Float64Array | Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(m);
      b.set(a);
      return b;
    };
    pcX1 = grow(pcX1, (n) => new Float64Array(n));
    pcY1 = grow(pcY1, (n) => new Float64Array(n));
    pcX2 = grow(pcX2, (n) => new Float64Array(n));
    pcY2 = grow(pcY2, (n) => new Float64Array(n));
    pcV1 = grow(pcV1, (n) => new Int32Array(n));
    pcV2 = grow(pcV2, (n) => new Int32Array(n));
    pcSide = grow(pcSide, (n) => new Uint8Array(n));
  }
  pcX1[pcN] = x1;
  pcY1[pcN] = y1;
  pcX2[pcN] = x2;
  pcY2[pcN] = y2;
  pcV1[pcN] = v1;
  pcV2[pcN] = v2;
  pcSide[pcN] = side;
  pcN++;
}

/**
 * Record the sub-pieces of segment (x1,y1,v1)→(x2,y2,v2) whose midpoints lie inside `inside`, split at the k
 * points in bufT (parameters) / bufX, bufY (coordinates).
 */
function piecesInside(k: number, x1: number, y1: number, v1: number, x2: number, y2: number, v2: number, side: number, inside: PreparedArea): void {
  if (k === 0) {
    if (pointInPrepared(inside, (x1 + x2) / 2, (y1 + y2) / 2)) pushPiece(x1, y1, v1, x2, y2, v2, side);
    return;
  }
  if (ordIdx.length < k) ordIdx = new Int32Array(Math.max(k, ordIdx.length * 2));
  // insertion sort of the crossing order (k is small)
  for (let i = 0; i < k; i++) {
    let j = i;
    while (j > 0 && bufT[ordIdx[j - 1]] > bufT[i]) {
      ordIdx[j] = ordIdx[j - 1];
      j--;
    }
    ordIdx[j] = i;
  }
  let px = x1;
  let py = y1;
  let pv = v1;
  for (let s = 0; s <= k; s++) {
    let nx: number;
    let ny: number;
    let nv: number;
    if (s === k) {
      nx = x2;
      ny = y2;
      nv = v2;
    } else {
      const i: number = ordIdx[s];
      nx = bufX[i];
      ny = bufY[i];
      nv = -1;
    }
    if (pointInPrepared(inside, (px + nx) / 2, (py + ny) / 2)) pushPiece(px, py, pv, nx, ny, nv, side);
    px = nx;
    py = ny;
    pv = nv;
  }
}

/** Integrate the recorded pieces (m², counter-clockwise loops positive). */
function integratePieces(P: PreparedArea, S: PreparedArea): number {
  if (pcN === 0) return 0;
  let q0 = Number.NaN;
  let sum = 0;
  for (let i = 0; i < pcN; i++) {
    const own = pcSide[i] === 0 ? P : S;
    let Q1: number;
    let D1: number;
    let Q2: number;
    let D2: number;
    const v1 = pcV1[i];
    const v2 = pcV2[i];
    if (v1 >= 0) {
      ensureQ(own);
      Q1 = own.qs[v1];
      D1 = own.ds[v1];
    } else {
      const sn = Math.sin(pcY1[i] * RAD);
      Q1 = authalicQ(sn);
      D1 = authalicDq(sn);
    }
    if (v2 >= 0) {
      ensureQ(own);
      Q2 = own.qs[v2];
      D2 = own.ds[v2];
    } else {
      const sn = Math.sin(pcY2[i] * RAD);
      Q2 = authalicQ(sn);
      D2 = authalicDq(sn);
    }
    if (Number.isNaN(q0)) q0 = Q1; // any reference works on closed loops; a nearby one keeps precision
    sum += edgeAreaTerm(pcX1[i], pcY1[i], Q1 - q0, D1, pcX2[i], pcY2[i], Q2 - q0, D2);
  }
  return sum * AREA_SCALE;
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
  if (candS.n === 0) return pointInPrepared(S, P.xs[0], P.ys[0]) ? preparedAreaM2(P) : 0;
  const sEdges = candS.a;
  const nS = candS.n;
  pcN = 0;
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
    let list = sEdges;
    let nList = nS;
    if (S.strips && nS > 32) {
      edgesInBox(S, minX, minY, maxX, maxY, perEdge);
      list = perEdge.a;
      nList = perEdge.n;
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
      if (shared === SHARED_SAME) pushPiece(ax, ay, v, bx, by, w, 0);
      continue;
    }
    piecesInside(k, ax, ay, v, bx, by, w, 0, S);
  }
  // ---- pass 2: S's edges near P, pieces inside P (shared edges were counted in pass 1)
  const pIndexed = P.strips !== undefined && P.n > 32;
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
    if (pIndexed) {
      edgesInBox(P, minX, minY, maxX, maxY, candP);
      nP = candP.n;
    }
    for (let pi = 0; pi < nP; pi++) {
      const v: number = pIndexed ? candP.a[pi] : pi;
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
    piecesInside(k, cx, cy, c, dx, dy, d, 1, P);
  }
  if (pcN === 0) return 0;
  const area = integratePieces(P, S);
  // sanity: an intersection is never larger than either side (beyond rounding) — else let polyclip decide
  const pa = preparedAreaM2(P);
  const limit = Math.min(pa, preparedAreaM2(S));
  if (!(area > -1e-9 * pa - 1e-9) || area > limit * (1 + 1e-9) + 1e-9) return null;
  return Math.max(0, Math.min(area, limit));
}

/** Convenience: area of a ∩ b for two geometries (prepares both; small side first). */
export function intersectionAreaGreen(a: AreaLike, b: AreaLike): number | null {
  const A = prepareArea(a);
  const B = prepareArea(b);
  return A.n <= B.n ? intersectionAreaPrepared(A, B) : intersectionAreaPrepared(B, A);
}

export type { MultiPolygonCoords };
