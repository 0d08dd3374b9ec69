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
import { CROSS, classify, DEGENERATE, NEAR_DEG, NONE, SHARED_SAME } from './segmentCross';
import { AREA_SCALE, edgeMeetsBox, edgesInBox, ensureQ, IntBuf, type PreparedArea, pointInPrepared, prepareArea, preparedAreaM2, RAD } from './preparedArea';

// the prepared ring sets live in preparedArea.ts; re-exported so callers keep one entry point
export { ensureQ, type PreparedArea, pointInPrepared, prepareArea, preparedAreaM2 } from './preparedArea';

export { NEAR_DEG } from './segmentCross';

// ---- per-call state ----------------------------------------------------------------------------------------

/**
 * One overlay context: the scratch buffers (candidate edges, crossing points, boundary pieces) and the last
 * classification's crossing parameters live in one object per context, so two overlays never share state. Create one per
 * job (a site against a layer, a layer's overlaps) and reuse it for every parcel: the buffers grow once.
 */
export interface GreenOverlay {
  /** Area (m²) of P ∩ S, or null on a near-degeneracy (see intersectionAreaPrepared). */
  intersectionArea(P: PreparedArea, S: PreparedArea): number | null;
  /** Does any edge of S meet the box? */
  anyEdgeInBox(S: PreparedArea, b: BBox): boolean;
}

class GreenOverlayContext implements GreenOverlay {
  private readonly boxTmp = new IntBuf();

  /** Does any edge of S meet the box? (Cheap test for "wholly inside or wholly outside".) */
  anyEdgeInBox(S: PreparedArea, b: BBox): boolean {
    const minX = b[0] - NEAR_DEG;
    const minY = b[1] - NEAR_DEG;
    const maxX = b[2] + NEAR_DEG;
    const maxY = b[3] + NEAR_DEG;
    edgesInBox(S, minX, minY, maxX, maxY, this.boxTmp);
    const { xs, ys, next } = S;
    for (let i = 0; i < this.boxTmp.n; i++) {
      const v = this.boxTmp.a[i];
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
  private readonly cross = new Float64Array(2);

  // scratch buffers
  private readonly candS = new IntBuf();
  private readonly candP = new IntBuf();
  private readonly perEdge = new IntBuf();
  private bufT = new Float64Array(64);
  private bufX = new Float64Array(64);
  private bufY = new Float64Array(64);
  private ordIdx = new Int32Array(64);

  private ensure(n: number): void {
    if (this.bufT.length >= n) return;
    const m = Math.max(n, this.bufT.length * 2);
    // keep the crossings already recorded for the current edge
    const grow = (a: Float64Array): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(m);
      b.set(a);
      return b;
    };
    this.bufT = grow(this.bufT);
    this.bufX = grow(this.bufX);
    this.bufY = grow(this.bufY);
  }

  /**
   * Boundary pieces of P ∩ S found by the classification pass, integrated afterwards (so that a pair bounding
   * nothing — neighbours sharing an edge — costs no q evaluations). Per piece: endpoints, and for each endpoint the
   * vertex it is (≥ 0: vertex of the piece's own ring set; −1: a crossing point, q computed from its latitude).
   */
  private pcX1 = new Float64Array(64);
  private pcY1 = new Float64Array(64);
  private pcX2 = new Float64Array(64);
  private pcY2 = new Float64Array(64);
  private pcV1 = new Int32Array(64);
  private pcV2 = new Int32Array(64);
  /** 0: piece of P's boundary (vertices index P), 1: of S's. */
  private pcSide = new Uint8Array(64);
  private pcN = 0;

  private pushPiece(x1: number, y1: number, v1: number, x2: number, y2: number, v2: number, side: number): void {
    if (this.pcN === this.pcX1.length) {
      const m = this.pcN * 2;
      const grow = <T extends Float64Array | Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
        const b = make(m);
        b.set(a);
        return b;
      };
      this.pcX1 = grow(this.pcX1, (n) => new Float64Array(n));
      this.pcY1 = grow(this.pcY1, (n) => new Float64Array(n));
      this.pcX2 = grow(this.pcX2, (n) => new Float64Array(n));
      this.pcY2 = grow(this.pcY2, (n) => new Float64Array(n));
      this.pcV1 = grow(this.pcV1, (n) => new Int32Array(n));
      this.pcV2 = grow(this.pcV2, (n) => new Int32Array(n));
      this.pcSide = grow(this.pcSide, (n) => new Uint8Array(n));
    }
    this.pcX1[this.pcN] = x1;
    this.pcY1[this.pcN] = y1;
    this.pcX2[this.pcN] = x2;
    this.pcY2[this.pcN] = y2;
    this.pcV1[this.pcN] = v1;
    this.pcV2[this.pcN] = v2;
    this.pcSide[this.pcN] = side;
    this.pcN++;
  }

  /**
   * Record the sub-pieces of A's edge v1 → A.next[v1] whose midpoints lie inside `inside`, split at the k points in
   * bufT (parameters) / bufX, bufY (coordinates). `side`: 0 when A is P, 1 when it is S.
   */
  private piecesInside(k: number, A: PreparedArea, v1: number, side: number, inside: PreparedArea): void {
    const v2 = A.next[v1];
    const x1 = A.xs[v1];
    const y1 = A.ys[v1];
    const x2 = A.xs[v2];
    const y2 = A.ys[v2];
    if (k === 0) {
      if (pointInPrepared(inside, (x1 + x2) / 2, (y1 + y2) / 2)) this.pushPiece(x1, y1, v1, x2, y2, v2, side);
      return;
    }
    if (this.ordIdx.length < k) this.ordIdx = new Int32Array(Math.max(k, this.ordIdx.length * 2));
    // insertion sort of the crossing order (k is small)
    for (let i = 0; i < k; i++) {
      let j = i;
      while (j > 0 && this.bufT[this.ordIdx[j - 1]] > this.bufT[i]) {
        this.ordIdx[j] = this.ordIdx[j - 1];
        j--;
      }
      this.ordIdx[j] = i;
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
        const i: number = this.ordIdx[s];
        nx = this.bufX[i];
        ny = this.bufY[i];
        nv = -1;
      }
      if (pointInPrepared(inside, (px + nx) / 2, (py + ny) / 2)) this.pushPiece(px, py, pv, nx, ny, nv, side);
      px = nx;
      py = ny;
      pv = nv;
    }
  }

  /** Integrate the recorded pieces (m², counter-clockwise loops positive). */
  private integratePieces(P: PreparedArea, S: PreparedArea): number {
    if (this.pcN === 0) return 0;
    let q0 = Number.NaN;
    let sum = 0;
    const qd = this.qd;
    for (let i = 0; i < this.pcN; i++) {
      const own = this.pcSide[i] === 0 ? P : S;
      this.endpointQ(own, this.pcV1[i], this.pcY1[i], 0);
      this.endpointQ(own, this.pcV2[i], this.pcY2[i], 2);
      if (Number.isNaN(q0)) q0 = qd[0]; // any reference works on closed loops; a nearby one keeps precision
      sum += edgeAreaTerm(this.pcX1[i], this.pcY1[i], qd[0] - q0, qd[1], this.pcX2[i], this.pcY2[i], qd[2] - q0, qd[3]);
    }
    return sum * AREA_SCALE;
  }

  /** q and dq (ellipsoid.ts) at a piece's end into qd[o], qd[o + 1]. */
  private readonly qd = new Float64Array(4);

  /**
   * Fill qd[o], qd[o + 1] for a piece's end: the ring set's cached q of vertex v (v ≥ 0, a vertex of `own`), else
   * (a crossing point) computed from its latitude y.
   */
  private endpointQ(own: PreparedArea, v: number, y: number, o: number): void {
    if (v >= 0) {
      ensureQ(own);
      this.qd[o] = own.qs[v];
      this.qd[o + 1] = own.ds[v];
    } else {
      const sn = Math.sin(y * RAD);
      this.qd[o] = authalicQ(sn);
      this.qd[o + 1] = authalicDq(sn);
    }
  }

  /**
   * classify() P's edge v → P.next[v] against S's edge c → S.next[c]; a proper crossing (CROSS) is recorded as
   * crossing k: its point on P's edge (a + t·(b − a), t along P's edge, so both passes use the same point) and, for
   * ordering the crossings along the edge being split, the parameter along P's edge (order 0, pass 1) or along
   * S's edge (order 1, pass 2). Returns classify's answer.
   */
  private crossing(P: PreparedArea, v: number, S: PreparedArea, c: number, k: number, order: 0 | 1): number {
    const w = P.next[v];
    const d = S.next[c];
    const { xs, ys } = P;
    const r = classify(xs[v], ys[v], xs[w], ys[w], S.xs[c], S.ys[c], S.xs[d], S.ys[d], this.cross);
    if (r !== CROSS) return r;
    this.ensure(k + 1);
    const t = this.cross[0];
    this.bufT[k] = this.cross[order];
    this.bufX[k] = xs[v] + t * (xs[w] - xs[v]);
    this.bufY[k] = ys[v] + t * (ys[w] - ys[v]);
    return r;
  }

  /** The box of an edge grown by NEAR_DEG (see nearBox). */
  private readonly eb = new Float64Array(4);

  /** The box [minX, minY, maxX, maxY] of A's edge v → A.next[v] grown by NEAR_DEG: the scratch `eb`, valid until the next call. */
  private nearBox(A: PreparedArea, v: number): Float64Array {
    const w = A.next[v];
    const eb = this.eb;
    eb[0] = Math.min(A.xs[v], A.xs[w]) - NEAR_DEG;
    eb[1] = Math.min(A.ys[v], A.ys[w]) - NEAR_DEG;
    eb[2] = Math.max(A.xs[v], A.xs[w]) + NEAR_DEG;
    eb[3] = Math.max(A.ys[v], A.ys[w]) + NEAR_DEG;
    return eb;
  }

  /**
   * Area (m²) of P ∩ S by Green's theorem, or `null` when a near-degeneracy (vertex on the other boundary,
   * partial collinear overlap) makes the fast path unsafe — the caller then clips. P should be the small side
   * (its edges are scanned for every S edge near it); S may be large and indexed.
   */
  intersectionArea(P: PreparedArea, S: PreparedArea): number | null {
    if (!P.ok || !S.ok) return null;
    if (P.n === 0 || S.n === 0) return 0;
    const pb = P.bbox;
    const sb = S.bbox;
    if (pb[0] > sb[2] || pb[2] < sb[0] || pb[1] > sb[3] || pb[3] < sb[1]) return 0;
    const E = NEAR_DEG;
    // S edges near P at all?
    edgesInBox(S, pb[0] - E, pb[1] - E, pb[2] + E, pb[3] + E, this.candS);
    if (this.candS.n === 0) return pointInPrepared(S, P.xs[0], P.ys[0]) ? preparedAreaM2(P) : 0;
    const sEdges = this.candS.a;
    const nS = this.candS.n;
    this.pcN = 0;
    // ---- pass 1: P's edges, pieces inside S (and shared edges running the same way)
    for (let v = 0; v < P.n; v++) {
      const eb = this.nearBox(P, v);
      // an edge outside S's bbox lies outside S: no piece of it bounds P ∩ S
      if (eb[2] < sb[0] || eb[0] > sb[2] || eb[3] < sb[1] || eb[1] > sb[3]) continue;
      let k = 0;
      let shared = 0;
      let list = sEdges;
      let nList = nS;
      if (S.strips && nS > 32) {
        edgesInBox(S, eb[0], eb[1], eb[2], eb[3], this.perEdge);
        list = this.perEdge.a;
        nList = this.perEdge.n;
      }
      for (let si = 0; si < nList; si++) {
        const c = list[si];
        if (!edgeMeetsBox(S.xs, S.ys, S.next[c], c, eb[0], eb[1], eb[2], eb[3])) continue;
        const r = this.crossing(P, v, S, c, k, 0);
        if (r === CROSS) k++;
        // a second shared edge, or a shared edge and crossings (checked below): not the simple case
        else if (r === DEGENERATE || (r !== NONE && shared !== 0)) return null;
        else if (r !== NONE) shared = r;
      }
      if (shared !== 0) {
        if (k > 0) return null;
        const w = P.next[v];
        if (shared === SHARED_SAME) this.pushPiece(P.xs[v], P.ys[v], v, P.xs[w], P.ys[w], w, 0);
        continue;
      }
      this.piecesInside(k, P, v, 0, S);
    }
    // ---- pass 2: S's edges near P, pieces inside P (shared edges were counted in pass 1)
    const pIndexed = P.strips !== undefined && P.n > 32;
    for (let si = 0; si < nS; si++) {
      const c = sEdges[si];
      const eb = this.nearBox(S, c);
      let k = 0;
      let shared = false;
      let nP = P.n;
      if (pIndexed) {
        edgesInBox(P, eb[0], eb[1], eb[2], eb[3], this.candP);
        nP = this.candP.n;
      }
      for (let pi = 0; pi < nP; pi++) {
        const v: number = pIndexed ? this.candP.a[pi] : pi;
        if (!edgeMeetsBox(P.xs, P.ys, P.next[v], v, eb[0], eb[1], eb[2], eb[3])) continue;
        const r = this.crossing(P, v, S, c, k, 1);
        if (r === CROSS) k++;
        else if (r === DEGENERATE) return null;
        else if (r !== NONE) {
          shared = true; // counted in pass 1
          break;
        }
      }
      if (shared) continue;
      // an edge outside P's bbox that crosses nothing lies outside P
      if (k === 0 && !edgeMeetsBox(S.xs, S.ys, S.next[c], c, pb[0], pb[1], pb[2], pb[3])) continue;
      this.piecesInside(k, S, c, 1, P);
    }
    if (this.pcN === 0) return 0;
    const area = this.integratePieces(P, S);
    // sanity: an intersection is never larger than either side (beyond rounding) — else let polyclip decide
    const pa = preparedAreaM2(P);
    const limit = Math.min(pa, preparedAreaM2(S));
    if (!(area > -1e-9 * pa - 1e-9) || area > limit * (1 + 1e-9) + 1e-9) return null;
    return Math.max(0, Math.min(area, limit));
  }

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
  return new GreenOverlayContext();
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
