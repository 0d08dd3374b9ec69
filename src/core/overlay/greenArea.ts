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
import { authalicDq, authalicQ, edgeAreaTerm } from '../area/ellipsoid';
import type { BBox, MultiPolygonCoords } from '../types';
import type { AreaLike } from './clip';
import { classify, DEGENERATE, NEAR_DEG, NONE, SHARED_OPP, SHARED_SAME } from './segmentCross';
import { AREA_SCALE, edgesInBox, ensureQ, IntBuf, type PreparedArea, pointInPrepared, prepareArea, preparedAreaM2, RAD } from './preparedArea';

// the prepared ring sets live in preparedArea.ts; re-exported so callers keep one entry point
export { ensureQ, type PreparedArea, pointInPrepared, prepareArea, preparedAreaM2 } from './preparedArea';

export { NEAR_DEG } from './segmentCross';

// ---- per-call state ----------------------------------------------------------------------------------------

/**
 * One overlay context: the scratch buffers (candidate edges, crossing points, boundary pieces) and the last
 * classification's crossing parameters live in this closure, so two overlays never share state. Create one per
 * job (a site against a layer, a layer's overlaps) and reuse it for every parcel: the buffers grow once.
 */
export interface GreenOverlay {
  /** Area (m²) of P ∩ S, or null on a near-degeneracy (see intersectionAreaPrepared). */
  intersectionArea(P: PreparedArea, S: PreparedArea): number | null;
  /** Does any edge of S meet the box? */
  anyEdgeInBox(S: PreparedArea, b: BBox): boolean;
}

/**
 * A new overlay context (see GreenOverlay).
 *
 * @returns an object whose methods share its scratch buffers, and nothing else
 * @example
 * const g = greenOverlay();
 * for (const p of parcels) total += g.intersectionArea(prepareArea(p.geometry), site) ?? clipArea(p, site);
 */
export function greenOverlay(): GreenOverlay {
  const boxTmp = new IntBuf();

  /** Does any edge of S meet the box? (Cheap test for "wholly inside or wholly outside".) */
  function anyEdgeInBox(S: PreparedArea, b: BBox): boolean {
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

  /** Parameters of the last proper crossing classify() found: [t along P's edge ab, u along S's edge cd]. */
  const cross = new Float64Array(2);

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
    // keep the crossings already recorded for the current edge
    const grow = (a: Float64Array): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(m);
      b.set(a);
      return b;
    };
    bufT = grow(bufT);
    bufX = grow(bufX);
    bufY = grow(bufY);
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
  function intersectionAreaPrepared(P: PreparedArea, S: PreparedArea): number | null {
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
        const r = classify(ax, ay, bx, by, cx, cy, dx, dy, cross);
        if (r === NONE) continue;
        if (r === DEGENERATE) return null;
        if (r === SHARED_SAME || r === SHARED_OPP) {
          if (shared !== 0) return null;
          shared = r;
          continue;
        }
        ensure(k + 1);
        const t = cross[0];
        bufT[k] = t;
        bufX[k] = ax + t * (bx - ax);
        bufY[k] = ay + t * (by - ay);
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
        const r = classify(ax, ay, bx, by, cx, cy, dx, dy, cross);
        if (r === NONE) continue;
        if (r === DEGENERATE) return null;
        if (r === SHARED_SAME || r === SHARED_OPP) {
          shared = true;
          break;
        }
        ensure(k + 1);
        const t = cross[0];
        bufT[k] = cross[1];
        bufX[k] = ax + t * (bx - ax);
        bufY[k] = ay + t * (by - ay);
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

  return { intersectionArea: intersectionAreaPrepared, anyEdgeInBox };
}

/** Does any edge of S meet the box? (Cheap test for "wholly inside or wholly outside".) Pass `g` in loops. */
export function anyEdgeInBox(S: PreparedArea, b: BBox, g: GreenOverlay = greenOverlay()): boolean {
  return g.anyEdgeInBox(S, b);
}

/**
 * Area (m²) of P ∩ S by Green's theorem, or `null` when a near-degeneracy (vertex on the other boundary,
 * partial collinear overlap) makes the fast path unsafe — the caller then clips. P should be the small side
 * (its edges are scanned for every S edge near it); S may be large and indexed.
 *
 * @param P - the small side, prepared (prepareArea)
 * @param S - the large side, prepared (with an index for big rings)
 * @param g - the overlay context whose scratch buffers to use; pass one in loops (a new one costs allocations)
 * @returns the area in m², or null: clip instead
 * @example
 * intersectionAreaPrepared(prepareArea(parcel), prepareArea(site, { index: true }));
 */
export function intersectionAreaPrepared(P: PreparedArea, S: PreparedArea, g: GreenOverlay = greenOverlay()): number | null {
  return g.intersectionArea(P, S);
}

/** Convenience: area of a ∩ b for two geometries (prepares both; small side first). */
export function intersectionAreaGreen(a: AreaLike, b: AreaLike): number | null {
  const A = prepareArea(a);
  const B = prepareArea(b);
  return A.n <= B.n ? intersectionAreaPrepared(A, B) : intersectionAreaPrepared(B, A);
}

export type { MultiPolygonCoords };
