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
import type Flatbush from 'flatbush';
import { intersection } from 'polyclip-ts';
import { multiPolygonAreaEllipsoidal } from '../area/ellipsoid';
import { buildIndex } from '../index/spatialIndex';
import type { BBox, PolygonCoords } from '../types';
import type { FindingSink } from './messages';
import { showText } from './messages';
import { type FlatSet, flattenAll, interiorsMayOverlap, positionsOf } from './interiorTest';
import { pairCandidates } from './pairCandidates';

// the pieces live in their own files; re-exported so callers keep one entry point
export { type FlatSet, flattenAll, INDEXED_TEST_WORK, interiorsMayOverlap } from './interiorTest';
export { pairCandidates } from './pairCandidates';

/** Smallest overlap reported (m²). */
export const MIN_OVERLAP_M2 = 0.01;
/** Positions clipped exactly per file (polyclip takes seconds on two 20k-vertex polygons). */
export const MAX_CLIPPED_POSITIONS = 2_000_000;
/** Most pairs clipped exactly per file; beyond it the check stops with one warning. */
export const MAX_EXACT_TESTS = 20_000;

export interface OverlapItem {
  index: number;
  id: string;
  parts: PolygonCoords[];
  bbox: BBox;
}

function to2d(parts: readonly PolygonCoords[]): [number, number][][][] {
  return parts.map((poly) => poly.map((ring) => ring.map((p): [number, number] => [p[0], p[1]])));
}

export interface OverlapStats {
  candidatePairs: number;
  exactTests: number;
  overlaps: number;
}

/**
 * Report overlaps between items (validated, simple polygons) as warnings in the sink.
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
