/**
 * Self-intersection of a polygon's rings. Two edges of one ring may meet only where consecutive edges share
 * their vertex (and not fold back over each other: a spike is an intersection); any other contact — a crossing,
 * a vertex touching another edge, a shared stretch — is a self-intersection (a bow-tie cancels its own area).
 * Edges of different rings (outer and holes) may touch at points but not cross or share a stretch.
 *
 * Consecutive repeated positions are dropped first. Rings up to BRUTE_FORCE_EDGES edges are tested pair by pair
 * (cheapest for ordinary parcels); larger polygons put their edges in a flatbush index and test only pairs whose
 * boxes meet — O(n log n) on ordinary rings instead of O(n²). Orientation tests are plain floating point.
 */
import Flatbush from 'flatbush';
import type { PolygonCoords } from '../types';

export const BRUTE_FORCE_EDGES = 64;

/**
 * Edge-pair tests allowed per polygon: generous for real rings (a few per edge), but a bound for adversarial ones —
 * 100k long, thin, nearly parallel spikes put thousands of edge boxes over each other — so no input can hang.
 */
export const maxPairTests = (edges: number): number => 64 * edges + 1_000_000;

/** The check ran out of its budget: neither simple nor self-intersecting is known. */
export interface Unchecked {
  unchecked: true;
  edges: number;
  tests: number;
}

export interface SelfIntersection {
  ringA: number;
  /** Index in the ring's positions of the first edge's start. */
  positionA: number;
  ringB: number;
  positionB: number;
  /** Approximate contact point [lon, lat]. */
  point: [number, number];
}

interface Edges {
  ax: Float64Array;
  ay: Float64Array;
  bx: Float64Array;
  by: Float64Array;
  ring: Int32Array;
  /** Edge's index within its ring (after dropping repeats). */
  k: Int32Array;
  /** Position index of the edge's start in the original ring. */
  pos: Int32Array;
  /** Edge count of each ring (rings [0, rings)). */
  ringEdges: Int32Array;
  rings: number;
  count: number;
}

/** Scratch buffers reused between calls (grown on demand): ordinary parcels then allocate nothing. */
let scratch: Edges | undefined;
/** Edge boxes for the brute-force loop (min/max of each edge's ends, computed once per edge, not per pair). */
const boxMinX = new Float64Array(BRUTE_FORCE_EDGES);
const boxMaxX = new Float64Array(BRUTE_FORCE_EDGES);
const boxMinY = new Float64Array(BRUTE_FORCE_EDGES);
const boxMaxY = new Float64Array(BRUTE_FORCE_EDGES);

function scratchEdges(total: number): Edges {
  if (!scratch || scratch.ax.length < total) {
    const size = Math.max(total, 256);
    scratch = {
      ax: new Float64Array(size),
      ay: new Float64Array(size),
      bx: new Float64Array(size),
      by: new Float64Array(size),
      ring: new Int32Array(size),
      k: new Int32Array(size),
      pos: new Int32Array(size),
      ringEdges: new Int32Array(64),
      rings: 0,
      count: 0,
    };
  }
  scratch.rings = 0; // (not ringEdges.length = 0: that frees the backing store, and the next push allocates one)
  scratch.count = 0;
  return scratch;
}

function addRing(e: Edges, edges: number): void {
  if (e.rings === e.ringEdges.length) {
    const grown = new Int32Array(e.ringEdges.length * 2);
    grown.set(e.ringEdges);
    e.ringEdges = grown;
  }
  e.ringEdges[e.rings++] = edges;
}

function buildEdges(poly: PolygonCoords): Edges {
  let total = 0;
  for (const ring of poly) total += ring.length;
  const e = scratchEdges(total);
  for (let r = 0; r < poly.length; r++) {
    const ring = poly[r];
    const start = e.count;
    let lx = Number.NaN;
    let ly = Number.NaN;
    // vertices without the closing position and without consecutive repeats
    for (let i = 0; i < ring.length - 1; i++) {
      const x = ring[i][0];
      const y = ring[i][1];
      if (x === lx && y === ly) continue;
      pushVertex(e, x, y, i, r, start);
      lx = x;
      ly = y;
    }
    finishRing(e, start);
  }
  return e;
}

/** Append vertex (x, y), position i of ring r, as the start of an edge of the ring begun at `start`. */
function pushVertex(e: Edges, x: number, y: number, i: number, r: number, start: number): void {
  e.ax[e.count] = x;
  e.ay[e.count] = y;
  e.pos[e.count] = i;
  e.ring[e.count] = r;
  e.k[e.count] = e.count - start;
  e.count++;
}

/** Close the ring begun at `start`: drop a last vertex equal to the first, set each edge's end, register the ring. */
function finishRing(e: Edges, start: number): void {
  if (e.count - start > 1 && e.ax[e.count - 1] === e.ax[start] && e.ay[e.count - 1] === e.ay[start]) e.count--;
  const m = e.count - start;
  for (let j = 0; j < m; j++) {
    const next = start + ((j + 1) % m);
    e.bx[start + j] = e.ax[next];
    e.by[start + j] = e.ay[next];
  }
  addRing(e, m);
}

/** buildEdges for rings held in flat arrays (flatRings.ts): rings [ring0, ring1), same edges in the same order. */
function buildEdgesFlat(xs: Float64Array, ys: Float64Array, ringStart: Int32Array, ring0: number, ring1: number): Edges {
  const e = scratchEdges(ringStart[ring1] - ringStart[ring0]);
  for (let r = ring0; r < ring1; r++) {
    const p0 = ringStart[r];
    const len = ringStart[r + 1] - p0;
    const start = e.count;
    let lx = Number.NaN;
    let ly = Number.NaN;
    for (let i = 0; i < len - 1; i++) {
      const x = xs[p0 + i];
      const y = ys[p0 + i];
      if (x === lx && y === ly) continue;
      pushVertex(e, x, y, i, r - ring0, start);
      lx = x;
      ly = y;
    }
    finishRing(e, start);
  }
  return e;
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

function within(a: number, b: number, c: number): boolean {
  return a <= b ? a <= c && c <= b : b <= c && c <= a;
}

/** The contact point of two edges if they intersect in a way the rules forbid, else undefined. */
function contact(e: Edges, i: number, j: number): [number, number] | undefined {
  const ax = e.ax[i];
  const ay = e.ay[i];
  const bx = e.bx[i];
  const by = e.by[i];
  const cx = e.ax[j];
  const cy = e.ay[j];
  const dx = e.bx[j];
  const dy = e.by[j];
  const sameRing = e.ring[i] === e.ring[j];
  if (sameRing) {
    const m = e.ringEdges[e.ring[i]];
    const ki = e.k[i];
    const kj = e.k[j];
    const next = (ki + 1) % m === kj;
    const prev = (kj + 1) % m === ki;
    if (next || prev) {
      // consecutive edges share one vertex s; they intersect elsewhere only if they fold back (a spike)
      if (m < 3) return [ax, ay];
      // shared vertex s, the other ends p (of edge i) and q (of edge j); scalars, not a destructured array
      const sx = next ? bx : ax;
      const sy = next ? by : ay;
      const px = next ? ax : bx;
      const py = next ? ay : by;
      const qx = next ? dx : cx;
      const qy = next ? dy : cy;
      if (orient(sx, sy, px, py, qx, qy) === 0 && (px - sx) * (qx - sx) + (py - sy) * (qy - sy) > 0) return [sx, sy];
      return undefined;
    }
  }
  const o1 = orient(ax, ay, bx, by, cx, cy);
  const o2 = orient(ax, ay, bx, by, dx, dy);
  const o3 = orient(cx, cy, dx, dy, ax, ay);
  const o4 = orient(cx, cy, dx, dy, bx, by);
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) {
    const t = o1 / (o1 - o2);
    return [cx + (dx - cx) * t, cy + (dy - cy) * t];
  }
  if (o1 === 0 && o2 === 0) {
    // collinear: do they share a stretch (forbidden everywhere) or a point (forbidden within a ring)?
    const useX = Math.abs(bx - ax) >= Math.abs(by - ay);
    const [a0, a1, c0, c1] = useX ? [ax, bx, cx, dx] : [ay, by, cy, dy];
    const lo = Math.max(Math.min(a0, a1), Math.min(c0, c1));
    const hi = Math.min(Math.max(a0, a1), Math.max(c0, c1));
    if (hi > lo) return within(ax, bx, cx) && within(ay, by, cy) ? [cx, cy] : [ax, ay];
    if (hi === lo && sameRing) return within(ax, bx, cx) && within(ay, by, cy) ? [cx, cy] : [dx, dy];
    return undefined;
  }
  if (!sameRing) return undefined; // rings of a polygon may touch at a point
  if (o1 === 0 && within(ax, bx, cx) && within(ay, by, cy)) return [cx, cy];
  if (o2 === 0 && within(ax, bx, dx) && within(ay, by, dy)) return [dx, dy];
  if (o3 === 0 && within(cx, dx, ax) && within(cy, dy, ay)) return [ax, ay];
  if (o4 === 0 && within(cx, dx, bx) && within(cy, dy, by)) return [bx, by];
  return undefined;
}

function found(e: Edges, i: number, j: number, point: [number, number]): SelfIntersection {
  return { ringA: e.ring[i], positionA: e.pos[i], ringB: e.ring[j], positionB: e.pos[j], point };
}

/**
 * The first self-intersection of a polygon (rings closed, coordinates finite), undefined if it is simple, or
 * Unchecked when more than `maxTests` edge pairs would have to be tested.
 */
export function findSelfIntersection(poly: PolygonCoords, maxTests?: number): SelfIntersection | Unchecked | undefined {
  return search(buildEdges(poly), maxTests);
}

/**
 * findSelfIntersection of the polygon whose rings [ring0, ring1) are held in flat arrays (flatRings.ts): ring
 * numbers in the answer count from ring0, positions from each ring's start — the same answer as on the nested
 * coordinates.
 */
export function findSelfIntersectionFlat(
  xs: Float64Array,
  ys: Float64Array,
  ringStart: Int32Array,
  ring0: number,
  ring1: number,
  maxTests?: number,
): SelfIntersection | Unchecked | undefined {
  return search(buildEdgesFlat(xs, ys, ringStart, ring0, ring1), maxTests);
}

function search(e: Edges, maxTests: number | undefined): SelfIntersection | Unchecked | undefined {
  const n = e.count;
  if (n <= BRUTE_FORCE_EDGES) {
    for (let i = 0; i < n; i++) {
      boxMinX[i] = Math.min(e.ax[i], e.bx[i]);
      boxMaxX[i] = Math.max(e.ax[i], e.bx[i]);
      boxMinY[i] = Math.min(e.ay[i], e.by[i]);
      boxMaxY[i] = Math.max(e.ay[i], e.by[i]);
    }
    for (let i = 0; i < n; i++) {
      const minXi = boxMinX[i];
      const maxXi = boxMaxX[i];
      const minYi = boxMinY[i];
      const maxYi = boxMaxY[i];
      for (let j = i + 1; j < n; j++) {
        if (boxMaxX[j] < minXi || boxMinX[j] > maxXi) continue;
        if (boxMaxY[j] < minYi || boxMinY[j] > maxYi) continue;
        const p = contact(e, i, j);
        if (p) return found(e, i, j, p);
      }
    }
    return undefined;
  }
  const budget = maxTests ?? maxPairTests(n);
  let tests = 0;
  const index = new Flatbush(n);
  for (let i = 0; i < n; i++)
    index.add(Math.min(e.ax[i], e.bx[i]), Math.min(e.ay[i], e.by[i]), Math.max(e.ax[i], e.bx[i]), Math.max(e.ay[i], e.by[i]));
  index.finish();
  let hit: SelfIntersection | undefined;
  for (let i = 0; i < n && !hit; i++) {
    index.search(Math.min(e.ax[i], e.bx[i]), Math.min(e.ay[i], e.by[i]), Math.max(e.ax[i], e.bx[i]), Math.max(e.ay[i], e.by[i]), (j) => {
      if (hit || j <= i || tests > budget) return false;
      tests++;
      const p = contact(e, i, j);
      if (p) hit = found(e, i, j, p);
      return false;
    });
    if (tests > budget && !hit) return { unchecked: true, edges: n, tests };
  }
  return hit;
}
