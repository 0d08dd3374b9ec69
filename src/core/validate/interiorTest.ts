/**
 * The fast test of overlaps.ts: may the interiors of two polygons overlap? It says "may overlap" when an edge of one
 * properly crosses an edge of the other, when a vertex or an edge midpoint of one lies strictly inside the other,
 * or when every vertex of one lies on the other's boundary (duplicates). "Strictly" and "on" use a tolerance of EPS
 * degrees (≈ 0.1 mm). Big polygons index their edges (flatbush) instead of looping over edge pairs.
 */
import Flatbush from 'flatbush';
import type { BBox, PolygonCoords } from '../types';
import { EPS as EDGE_EPS, edgesCross, onSegment } from './flatEdges';

/** Edge-pair work above which the fast test indexes the edges instead of looping over pairs (big polygons). */
export const INDEXED_TEST_WORK = 4096;
/** The edge tests' tolerance as a constant of this module: read through the import binding in the loops below, it cost ~7 % (test/bench/dedupe.ts). */
const EPS = EDGE_EPS;

/**
 * All items' rings in shared flat buffers (one allocation for the file, not three per parcel): ring r spans
 * positions [ringStart[r], ringStart[r + 1]) and repeats its first vertex last; item i owns rings
 * [itemRing[i], itemRing[i + 1]).
 */
export interface FlatSet {
  xs: Float64Array;
  ys: Float64Array;
  ringStart: Int32Array;
  itemRing: Int32Array;
}

/** `only`: flatten only the items where it is non-zero (the others get no rings). */
export function flattenAll(items: readonly { parts: readonly PolygonCoords[] }[], only?: Uint8Array): FlatSet {
  let n = 0;
  let rings = 0;
  for (let i = 0; i < items.length; i++) {
    if (only !== undefined && only[i] === 0) continue;
    for (const poly of items[i].parts)
      for (const ring of poly) {
        n += ring.length;
        rings++;
      }
  }
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const ringStart = new Int32Array(rings + 1);
  const itemRing = new Int32Array(items.length + 1);
  let k = 0;
  let r = 0;
  for (let i = 0; i < items.length; i++) {
    itemRing[i] = r;
    if (only !== undefined && only[i] === 0) continue;
    for (const poly of items[i].parts)
      for (const ring of poly) {
        ringStart[r++] = k;
        for (const p of ring) {
          xs[k] = p[0];
          ys[k] = p[1];
          k++;
        }
      }
  }
  itemRing[items.length] = r;
  ringStart[r] = k;
  return { xs, ys, ringStart, itemRing };
}

type Side = 'in' | 'out' | 'on';

/** Ray directions for point-in-polygon: +x, −x, +y, −y. */
type Ray = 0 | 1 | 2 | 3;

/**
 * Where (px, py) lies relative to the polygon whose candidate edges are `edges[0..count)` (even-odd), with
 * boundary tolerance. The caller passes the edges that can meet a ray cast in direction `ray` from the point.
 */
function classify(px: number, py: number, f: FlatSet, edges: Int32Array, count: number, ray: Ray): Side {
  let inside = false;
  const { xs, ys } = f;
  for (let e = 0; e < count; e++) {
    const k = edges[e];
    const ax = xs[k];
    const ay = ys[k];
    const bx = xs[k + 1];
    const by = ys[k + 1];
    if (px >= Math.min(ax, bx) - EPS && px <= Math.max(ax, bx) + EPS && py >= Math.min(ay, by) - EPS && py <= Math.max(ay, by) + EPS && onSegment(px, py, ax, ay, bx, by))
      return 'on';
    if (ray < 2) {
      if (ay > py !== by > py) {
        const xi = ((bx - ax) * (py - ay)) / (by - ay) + ax;
        if (ray === 0 ? px < xi : px > xi) inside = !inside;
      }
    } else if (ax > px !== bx > px) {
      const yi = ((by - ay) * (px - ax)) / (bx - ax) + ay;
      if (ray === 2 ? py < yi : py > yi) inside = !inside;
    }
  }
  return inside ? 'in' : 'out';
}

let scratchA: Int32Array = new Int32Array(256);
let scratchB: Int32Array = new Int32Array(256);
let scratchAll: Int32Array = new Int32Array(256);

function grow(buf: Int32Array, n: number): Int32Array {
  return buf.length >= n ? buf : new Int32Array(Math.max(n, 2 * buf.length));
}

/** Edge start indices of item `it` whose boxes meet `box` (box = null: all edges) into `out`; returns the count. */
function collectEdges(f: FlatSet, it: number, box: BBox | null, out: Int32Array): number {
  const { xs, ys, ringStart } = f;
  let n = 0;
  for (let r = f.itemRing[it]; r < f.itemRing[it + 1]; r++)
    for (let k = ringStart[r]; k + 1 < ringStart[r + 1]; k++) {
      if (box) {
        const ax = xs[k];
        const ay = ys[k];
        const bx = xs[k + 1];
        const by = ys[k + 1];
        if (Math.max(ax, bx) < box[0] || Math.min(ax, bx) > box[2] || Math.max(ay, by) < box[1] || Math.min(ay, by) > box[3]) continue;
      }
      out[n++] = k;
    }
  return n;
}

/** Positions of item `it` in the flat set. */
export function positionsOf(f: FlatSet, it: number): number {
  return f.ringStart[f.itemRing[it + 1]] - f.ringStart[f.itemRing[it]];
}

/**
 * A ray direction from points inside `box` that leaves `other`'s box through a side it shares with `box`, so
 * only `other`'s edges meeting `box` can cross it; -1 when there is none (then all edges are needed).
 */
function rayFor(box: BBox, other: BBox): Ray | -1 {
  if (other[2] + EPS <= box[2]) return 0;
  if (other[0] - EPS >= box[0]) return 1;
  if (other[3] + EPS <= box[3]) return 2;
  if (other[1] - EPS >= box[1]) return 3;
  return -1;
}

/** Vertices and edge midpoints of item a (edges ae[0..na)) against item b: 'in' if any lies strictly inside b, 'on' if every vertex of a lies on b's boundary. */
function probe(f: FlatSet, ae: Int32Array, na: number, aAllInBox: boolean, b: number, be: Int32Array, nb: number, box: BBox, bBox: BBox): 'in' | 'on' | 'clear' {
  let ray = rayFor(box, bBox);
  let edges = be;
  let count = nb;
  if (ray === -1) {
    scratchAll = grow(scratchAll, positionsOf(f, b));
    edges = scratchAll;
    count = collectEdges(f, b, null, scratchAll);
    ray = 0;
  }
  let allOn = aAllInBox;
  for (let e = 0; e < na; e++) {
    const k = ae[e];
    const s = classify(f.xs[k], f.ys[k], f, edges, count, ray);
    if (s === 'in') return 'in';
    if (s === 'out') allOn = false;
    if (classify((f.xs[k] + f.xs[k + 1]) / 2, (f.ys[k] + f.ys[k + 1]) / 2, f, edges, count, ray) === 'in') return 'in';
  }
  return allOn ? 'on' : 'clear';
}

function boxWithin(inner: BBox, outer: BBox): boolean {
  return inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3];
}

/** The pair's box, reused (no allocation per pair). */
const BOX: BBox = [0, 0, 0, 0];

/** Whether the interiors of items a and b may overlap (false means they certainly do not, beyond EPS). */
export function interiorsMayOverlap(f: FlatSet, a: number, aBox: BBox, b: number, bBox: BBox, indexedWork = INDEXED_TEST_WORK): boolean {
  const box = BOX;
  box[0] = Math.max(aBox[0], bBox[0]) - EPS;
  box[1] = Math.max(aBox[1], bBox[1]) - EPS;
  box[2] = Math.min(aBox[2], bBox[2]) + EPS;
  box[3] = Math.min(aBox[3], bBox[3]) + EPS;
  scratchA = grow(scratchA, positionsOf(f, a));
  scratchB = grow(scratchB, positionsOf(f, b));
  const ae = scratchA;
  const be = scratchB;
  const na = collectEdges(f, a, box, ae);
  const nb = collectEdges(f, b, box, be);
  // the loops below are quadratic in the edges near the pair: big polygons go through edge indexes instead
  if (na * nb > indexedWork || na * positionsOf(f, b) > 4 * indexedWork || nb * positionsOf(f, a) > 4 * indexedWork)
    return indexedMayOverlap(f, a, aBox, ae.slice(0, na), b, bBox, be.slice(0, nb), box);
  const { xs, ys } = f;
  for (let p = 0; p < na; p++) for (let q = 0; q < nb; q++) if (edgesCross(xs, ys, ae[p], be[q])) return true;
  if (probe(f, ae, na, boxWithin(aBox, box), b, be, nb, box, bBox) !== 'clear') return true;
  return probe(f, be, nb, boxWithin(bBox, box), a, ae, na, box, aBox) !== 'clear';
}

/** A flatbush over the given edges of f (edge k runs from position k to k + 1). */
function edgeIndex(f: FlatSet, edges: Int32Array): Flatbush {
  const index = new Flatbush(Math.max(1, edges.length));
  for (const k of edges)
    index.add(Math.min(f.xs[k], f.xs[k + 1]), Math.min(f.ys[k], f.ys[k + 1]), Math.max(f.xs[k], f.xs[k + 1]), Math.max(f.ys[k], f.ys[k + 1]));
  if (edges.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  return index;
}

/** Where a point lies relative to item `it` (all its edges indexed in `index` over `edges`), casting a ray to +x. */
function classifyIndexed(px: number, py: number, f: FlatSet, edges: Int32Array, index: Flatbush, maxX: number): Side {
  let inside = false;
  let on = false;
  const { xs, ys } = f;
  index.search(px - EPS, py - EPS, maxX + EPS, py + EPS, (e) => {
    if (on) return false;
    const k = edges[e];
    const ay = ys[k];
    const by = ys[k + 1];
    if (onSegment(px, py, xs[k], ay, xs[k + 1], by)) on = true;
    else if (ay > py !== by > py && px < ((xs[k + 1] - xs[k]) * (py - ay)) / (by - ay) + xs[k]) inside = !inside;
    return false;
  });
  return on ? 'on' : inside ? 'in' : 'out';
}

/** interiorsMayOverlap for big polygons: the same decisions, with edge indexes instead of loops over pairs. */
function indexedMayOverlap(f: FlatSet, a: number, aBox: BBox, ae: Int32Array, b: number, bBox: BBox, be: Int32Array, box: BBox): boolean {
  const { xs, ys } = f;
  const ib = edgeIndex(f, be);
  for (const i of ae) {
    let crossed = false;
    ib.search(Math.min(xs[i], xs[i + 1]), Math.min(ys[i], ys[i + 1]), Math.max(xs[i], xs[i + 1]), Math.max(ys[i], ys[i + 1]), (e) => {
      if (!crossed) crossed = edgesCross(xs, ys, i, be[e]);
      return false;
    });
    if (crossed) return true;
  }
  const probeSide = (pe: Int32Array, pBox: BBox, q: number, qBox: BBox): boolean => {
    const all = new Int32Array(positionsOf(f, q));
    const qe = all.subarray(0, collectEdges(f, q, null, all));
    const iq = edgeIndex(f, qe);
    let allOn = boxWithin(pBox, box);
    for (const k of pe) {
      const s = classifyIndexed(xs[k], ys[k], f, qe, iq, qBox[2]);
      if (s === 'in') return true;
      if (s === 'out') allOn = false;
      if (classifyIndexed((xs[k] + xs[k + 1]) / 2, (ys[k] + ys[k + 1]) / 2, f, qe, iq, qBox[2]) === 'in') return true;
    }
    return allOn && pe.length > 0;
  };
  return probeSide(ae, aBox, b, bBox) || probeSide(be, bBox, a, aBox);
}
