/**
 * Overlaps between parcels of one layer (warnings naming both ids). Candidate pairs come from a flatbush index
 * of the parcels' boxes; a pair whose boxes only touch is skipped; a fast exact-enough test then clears pairs
 * whose interiors cannot overlap — the common case of neighbours sharing a boundary — and only the remaining
 * pairs are clipped with polyclip-ts `intersection` (caught per pair) and reported when the overlap exceeds
 * MIN_OVERLAP_M2 of ellipsoidal area.
 *
 * The fast test says "may overlap" when an edge of one properly crosses an edge of the other, when a vertex or an
 * edge midpoint of one lies strictly inside the other, or when every vertex of one lies on the other's boundary
 * (duplicates). "Strictly" and "on" use a tolerance of EPS degrees (≈ 0.1 mm), so slivers thinner than that —
 * far below 0.01 m² on parcels — are not clipped.
 */
import Flatbush from 'flatbush';
import { intersection } from 'polyclip-ts';
import { multiPolygonAreaEllipsoidal } from '../area/ellipsoid';
import { buildIndex } from '../index/spatialIndex';
import type { BBox, PolygonCoords } from '../types';
import type { FindingSink } from './messages';
import { showText } from './messages';

/** Smallest overlap reported (m²). */
export const MIN_OVERLAP_M2 = 0.01;
/** Edge-pair work above which the fast test indexes the edges instead of looping over pairs (big polygons). */
export const INDEXED_TEST_WORK = 4096;
/** Positions clipped exactly per file (polyclip takes seconds on two 20k-vertex polygons). */
export const MAX_CLIPPED_POSITIONS = 2_000_000;
/** Most pairs clipped exactly per file; beyond it the check stops with one warning. */
export const MAX_EXACT_TESTS = 20_000;
const EPS = 1e-9;

export interface OverlapItem {
  index: number;
  id: string;
  parts: PolygonCoords[];
  bbox: BBox;
}

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
    if (px >= Math.min(ax, bx) - EPS && px <= Math.max(ax, bx) + EPS && py >= Math.min(ay, by) - EPS && py <= Math.max(ay, by) + EPS) {
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
      t = Math.min(1, Math.max(0, t));
      const ex = ax + t * dx - px;
      const ey = ay + t * dy - py;
      if (ex * ex + ey * ey <= EPS * EPS) return 'on';
    }
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

/** Signed distance of c from the line through a and b (0 for a degenerate edge). */
function side(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len = Math.sqrt(dx * dx + dy * dy);
  return len === 0 ? 0 : (dx * (cy - ay) - dy * (cx - ax)) / len;
}

function opposite(d1: number, d2: number): boolean {
  return (d1 > EPS && d2 < -EPS) || (d1 < -EPS && d2 > EPS);
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

function positionsOf(f: FlatSet, it: number): number {
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
  for (let p = 0; p < na; p++) {
    const i = ae[p];
    const ax = xs[i];
    const ay = ys[i];
    const bx = xs[i + 1];
    const by = ys[i + 1];
    for (let q = 0; q < nb; q++) {
      const j = be[q];
      const cx = xs[j];
      const cy = ys[j];
      const dx = xs[j + 1];
      const dy = ys[j + 1];
      if (Math.max(ax, bx) < Math.min(cx, dx) || Math.min(ax, bx) > Math.max(cx, dx)) continue;
      if (Math.max(ay, by) < Math.min(cy, dy) || Math.min(ay, by) > Math.max(cy, dy)) continue;
      if (opposite(side(ax, ay, bx, by, cx, cy), side(ax, ay, bx, by, dx, dy)) && opposite(side(cx, cy, dx, dy, ax, ay), side(cx, cy, dx, dy, bx, by)))
        return true;
    }
  }
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
    const ax = xs[k];
    const ay = ys[k];
    const bx = xs[k + 1];
    const by = ys[k + 1];
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = Math.min(1, Math.max(0, len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0));
    const ex = ax + t * dx - px;
    const ey = ay + t * dy - py;
    if (ex * ex + ey * ey <= EPS * EPS) on = true;
    else if (ay > py !== by > py && px < (dx * (py - ay)) / dy + ax) inside = !inside;
    return false;
  });
  return on ? 'on' : inside ? 'in' : 'out';
}

/** interiorsMayOverlap for big polygons: the same decisions, with edge indexes instead of loops over pairs. */
function indexedMayOverlap(f: FlatSet, a: number, aBox: BBox, ae: Int32Array, b: number, bBox: BBox, be: Int32Array, box: BBox): boolean {
  const { xs, ys } = f;
  const ib = edgeIndex(f, be);
  for (const i of ae) {
    const ax = xs[i];
    const ay = ys[i];
    const bx = xs[i + 1];
    const by = ys[i + 1];
    let crossed = false;
    ib.search(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by), (e) => {
      if (crossed) return false;
      const j = be[e];
      const cx = xs[j];
      const cy = ys[j];
      const dx = xs[j + 1];
      const dy = ys[j + 1];
      crossed = opposite(side(ax, ay, bx, by, cx, cy), side(ax, ay, bx, by, dx, dy)) && opposite(side(cx, cy, dx, dy, ax, ay), side(cx, cy, dx, dy, bx, by));
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

function to2d(parts: readonly PolygonCoords[]): [number, number][][][] {
  return parts.map((poly) => poly.map((ring) => ring.map((p): [number, number] => [p[0], p[1]])));
}

export interface OverlapStats {
  candidatePairs: number;
  exactTests: number;
  overlaps: number;
}

/** Report overlaps between items (validated, simple polygons) as warnings in the sink. */
/** Most grid cells one box may cover, and most boxes one cell may hold, in pairCandidates. */
const MAX_CELLS_PER_BOX = 64;
const MAX_BOXES_PER_CELL = 64;

/**
 * Which items have a later item (j > i) whose box overlaps theirs with positive area — the only items for which
 * findOverlaps' index search can lead to any work (bit 1) — and which items are such a later item (bit 2): only
 * these are ever compared, so only their rings need flattening. Found with a uniform grid: boxes go into the cells they cover
 * (cell side: the median box extent), the (cell, item) entries are sorted, and boxes sharing a cell are
 * compared. Two boxes overlapping with positive area share a point strictly inside both, hence a cell, so no
 * such pair is missed. Conservative where the grid would not pay: a crowded cell marks all its boxes, and a box
 * covering too many cells (or a grid too large to number) marks every item. On a clean parcel layer almost no
 * item is marked, and 100k index searches (~1 µs each) are saved.
 */
export function pairCandidates(boxes: readonly BBox[]): Uint8Array {
  const n = boxes.length;
  const marked = new Uint8Array(n);
  const all = (): Uint8Array => marked.fill(3);
  if (n < 2) return marked;
  // the boxes in one flat array (read three times below)
  const bx = new Float64Array(4 * n);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const b = boxes[i];
    const x0 = b[0];
    const y0 = b[1];
    const x1 = b[2];
    const y1 = b[3];
    bx[4 * i] = x0;
    bx[4 * i + 1] = y0;
    bx[4 * i + 2] = x1;
    bx[4 * i + 3] = y1;
    if (x0 < minX) minX = x0;
    if (y0 < minY) minY = y0;
    if (x1 > maxX) maxX = x1;
    if (y1 > maxY) maxY = y1;
  }
  // cell side: the median extent of a sample of boxes
  const sample = new Float64Array(Math.min(n, 1001));
  for (let k = 0; k < sample.length; k++) {
    const i = 4 * Math.floor((k * n) / sample.length);
    sample[k] = Math.max(bx[i + 2] - bx[i], bx[i + 3] - bx[i + 1]);
  }
  sample.sort();
  const cell = sample[sample.length >> 1];
  if (!(cell > 0) || !Number.isFinite(cell)) return all();
  const inv = 1 / cell;
  const cols = Math.floor((maxX - minX) * inv) + 1;
  const rows = Math.floor((maxY - minY) * inv) + 1;
  // key = cell number · n + item must stay an exact integer
  if (!(cols * rows * n < 2 ** 52)) return all();
  let entries = 0;
  for (let i = 0; i < 4 * n; i += 4) {
    const c = (Math.floor((bx[i + 2] - minX) * inv) - Math.floor((bx[i] - minX) * inv) + 1) * (Math.floor((bx[i + 3] - minY) * inv) - Math.floor((bx[i + 1] - minY) * inv) + 1);
    if (c > MAX_CELLS_PER_BOX) return all();
    entries += c;
  }
  // the items of each cell, in item order: by counting when the grid is not much larger than the entries, else by
  // sorting (cell number · n + item) keys
  const cells = cols * rows;
  const byCell = new Int32Array(entries);
  const cellOf = new Float64Array(entries);
  const counting = cells <= 4 * entries + 1024;
  const start = new Int32Array(counting ? cells + 1 : 0);
  const keys = new Float64Array(counting ? 0 : entries);
  let e = 0;
  for (let pass = counting ? 0 : 1; pass < 2; pass++) {
    for (let i = 0; i < n; i++) {
      const x0 = Math.floor((bx[4 * i] - minX) * inv);
      const x1 = Math.floor((bx[4 * i + 2] - minX) * inv);
      const y0 = Math.floor((bx[4 * i + 1] - minY) * inv);
      const y1 = Math.floor((bx[4 * i + 3] - minY) * inv);
      for (let y = y0; y <= y1; y++)
        for (let x = x0; x <= x1; x++) {
          const c = y * cols + x;
          if (!counting) keys[e++] = c * n + i;
          else if (pass === 0) start[c + 1]++;
          else {
            const k = start[c]++;
            byCell[k] = i;
            cellOf[k] = c;
          }
        }
    }
    // after counting: start[c] = first slot of cell c (advanced while filling)
    if (counting && pass === 0) for (let c = 0; c < cells; c++) start[c + 1] += start[c];
  }
  if (!counting) {
    keys.sort();
    for (let k = 0; k < entries; k++) {
      const c = Math.floor(keys[k] / n);
      cellOf[k] = c;
      byCell[k] = keys[k] - c * n;
    }
  }
  for (let start = 0; start < entries; ) {
    let end = start + 1;
    while (end < entries && cellOf[end] === cellOf[start]) end++;
    if (end - start > MAX_BOXES_PER_CELL) {
      for (let k = start; k < end; k++) marked[byCell[k]] |= 3;
    } else
      for (let p = start; p < end; p++) {
        const i = byCell[p]; // ascending within the cell: i < j below
        const a = 4 * i;
        for (let q = p + 1; q < end; q++) {
          const b = 4 * byCell[q];
          // the same test as findOverlaps: boxes that only touch hold no positive-area overlap
          if (Math.min(bx[a + 2], bx[b + 2]) <= Math.max(bx[a], bx[b]) || Math.min(bx[a + 3], bx[b + 3]) <= Math.max(bx[a + 1], bx[b + 1])) continue;
          marked[i] |= 1;
          marked[byCell[q]] |= 2;
        }
      }
    start = end;
  }
  return marked;
}



/**
 * `itemIndex`: a flatbush over the items' bboxes in item order, and `itemRings`: the items' rings as flattenAll
 * would give them, when the caller has them (built here otherwise).
 */
export function findOverlaps(
  items: readonly OverlapItem[],
  sink: FindingSink,
  maxExactTests = MAX_EXACT_TESTS,
  itemIndex?: Flatbush,
  itemRings?: FlatSet,
): OverlapStats {
  return findOverlapsOf(
    items.map((it) => it.bbox),
    (k) => items[k],
    sink,
    maxExactTests,
    itemIndex,
    itemRings,
  );
}

/**
 * findOverlaps over items given by their boxes and a function making item k: it is called only for the items
 * that can meet another (pairCandidates), so a clean layer of 500k parcels makes none.
 */
export function findOverlapsOf(
  boxes: readonly BBox[],
  itemAt: (k: number) => OverlapItem,
  sink: FindingSink,
  maxExactTests = MAX_EXACT_TESTS,
  itemIndex?: Flatbush,
  itemRings?: FlatSet,
): OverlapStats {
  const stats: OverlapStats = { candidatePairs: 0, exactTests: 0, overlaps: 0 };
  if (boxes.length < 2) return stats;
  const index = itemIndex ?? buildIndex(boxes);
  // only items with a later positive-area box overlap can lead to any work below (pairCandidates: bit 1), and only
  // they and their partners (bit 2) are ever read
  const candidates = pairCandidates(boxes);
  const items: OverlapItem[] = new Array(boxes.length);
  for (let k = 0; k < boxes.length; k++) if (candidates[k] !== 0) items[k] = itemAt(k);
  const flat = itemRings ?? flattenAll(items, candidates);
  let skipped = 0;
  let clipped = 0;
  for (let i = 0; i < items.length; i++) {
    if ((candidates[i] & 1) === 0) continue;
    const a = items[i];
    const ab = a.bbox;
    index.search(ab[0], ab[1], ab[2], ab[3], (j) => {
      if (j <= i) return false;
      const bb = boxes[j];
      // boxes that only touch cannot hold a positive-area overlap
      if (Math.min(ab[2], bb[2]) <= Math.max(ab[0], bb[0]) || Math.min(ab[3], bb[3]) <= Math.max(ab[1], bb[1])) return false;
      const b = items[j]; // made: j overlaps i, so pairCandidates marked it (bit 2)
      stats.candidatePairs++;
      if (!interiorsMayOverlap(flat, i, ab, j, bb)) return false;
      const positions = positionsOf(flat, i) + positionsOf(flat, j);
      if (stats.exactTests >= maxExactTests || clipped + positions > MAX_CLIPPED_POSITIONS) {
        skipped++;
        return false;
      }
      stats.exactTests++;
      clipped += positions;
      let area: number;
      try {
        area = multiPolygonAreaEllipsoidal(intersection(to2d(a.parts), to2d(b.parts)));
      } catch (err) {
        const why = showText(err instanceof Error ? err.message : String(err), 120);
        sink.add(
          'warning',
          'overlap.check-failed',
          `无法计算与要素 ${b.index}（id ${showText(b.id)}）的重叠（${why}）`,
          `overlap with feature ${b.index} (id ${showText(b.id)}) could not be computed (${why})`,
          { index: a.index, id: a.id },
        );
        return false;
      }
      if (area > MIN_OVERLAP_M2) {
        stats.overlaps++;
        sink.add(
          'warning',
          'overlap',
          `与要素 ${b.index}（id ${showText(b.id)}）重叠 ${area.toFixed(2)} m²（同一图层内图斑不应重叠）`,
          `overlaps feature ${b.index} (id ${showText(b.id)}) by ${area.toFixed(2)} m² (parcels of one layer should not overlap)`,
          { index: a.index, id: a.id },
        );
      }
      return false;
    });
  }
  if (skipped > 0)
    sink.add(
      'warning',
      'overlap.incomplete',
      `重叠检查在精确比较 ${stats.exactTests} 对（${clipped} 个顶点）后停止，另有 ${skipped} 对可能重叠的图斑未检查`,
      `overlap check stopped after ${stats.exactTests} exact comparisons (${clipped} vertices); ${skipped} more possibly overlapping pairs were not checked`,
    );
  return stats;
}
