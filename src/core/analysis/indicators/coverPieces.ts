/**
 * Exact overlay of one layer (the target, e.g. 永久基本农田) with the union of another (the cover, e.g. 高标准农田),
 * on the ellipsoid, overlaps inside either layer counted once:
 *
 *   for every cover parcel j: its effective part (j minus earlier cover parcels, overlay/overlaps.ts) is one region;
 *   overlayRegion(region, target) gives each target parcel's effective part inside it (Green's theorem, polyclip only
 *   on degeneracies — overlay/siteOverlay.ts).
 *
 * The cover's effective parts are disjoint and the target's effective parts are disjoint, so Σ over pieces is
 * area((∪ target) ∩ (∪ cover)) — the same construction as the 三区三线 conflicts (analysis/conflicts.ts).
 * Each piece comes with both parcels, so a caller can attribute it by the target's region / grade / slope and by the
 * cover's attributes (e.g. 盐碱 degree).
 */
import type { Layer } from '../../layers/layer';
import { toMultiCoords } from '../../overlay/clip';
import { effectivePart, layerOverlaps } from '../../overlay/overlaps';
import { overlayRegion, prepareRegion } from '../../overlay/siteOverlay';

export interface CoverFailure {
  layer: 'target' | 'cover';
  parcelId: string;
  message: string;
}

/**
 * Calls `piece(targetIndex, coverIndex, areaM2)` for every positive-area piece of target ∩ cover — of the cover
 * parcels in `range` ([start, end) indices; all by default, so a caller can do the work in slices).
 */
export function forEachCoverPiece(
  target: Layer,
  cover: Layer,
  piece: (targetIndex: number, coverIndex: number, areaM2: number) => void,
  range: readonly [number, number] = [0, cover.parcels.length],
): CoverFailure[] {
  const failures: CoverFailure[] = [];
  const tb = target.bbox;
  if (target.parcels.length === 0 || cover.parcels.length === 0) return failures;
  for (let j = Math.max(0, range[0]); j < Math.min(cover.parcels.length, range[1]); j++) {
    const cp = cover.parcels[j];
    const b = cp.bbox;
    if (b[0] > tb[2] || b[2] < tb[0] || b[1] > tb[3] || b[3] < tb[1]) continue;
    const eff = effectivePart(cover, j);
    if (eff.failure) failures.push({ layer: 'cover', parcelId: cp.id, message: eff.failure });
    if (eff.areaM2 <= 0) continue;
    // one region per polygon of the (valid, hence non-overlapping) MultiPolygon: the rare clipping fallback on
    // near-coincident edges then clips a parcel against one field block, not a whole project of dozens
    for (const poly of toMultiCoords(eff.coords ?? cp.geometry)) {
      const region = prepareRegion([[poly]], { union: false });
      for (const m of region.failures) failures.push({ layer: 'cover', parcelId: cp.id, message: m });
      const ov = overlayRegion(region, target);
      for (const f of ov.failures) failures.push({ layer: 'target', ...f });
      for (let k = 0; k < ov.count; k++) piece(ov.index[k], j, ov.areaM2[k]);
    }
  }
  return failures;
}

export interface Covered {
  /** Per target parcel (same order as target.parcels): its effective area (overlaps inside the target once), m². */
  effectiveM2: Float64Array;
  /** Per target parcel: the part of its effective area inside ∪ cover, m² (≤ effectiveM2). */
  insideM2: Float64Array;
  failures: CoverFailure[];
}

function startCovered(target: Layer): Covered {
  const ov = layerOverlaps(target);
  return {
    effectiveM2: Float64Array.from(ov.effectiveAreaM2),
    insideM2: new Float64Array(target.parcels.length),
    failures: ov.failures.map((f) => ({ layer: 'target' as const, ...f })),
  };
}

function finishCovered(c: Covered): Covered {
  // rounding of separately computed pieces may exceed the whole by ulps: never report more inside than there is
  for (let i = 0; i < c.insideM2.length; i++) if (c.insideM2[i] > c.effectiveM2[i]) c.insideM2[i] = c.effectiveM2[i];
  return c;
}

/** Per target parcel: effective area and the part of it inside the union of the cover layer. */
export function coveredArea(target: Layer, cover: Layer | undefined): Covered {
  const c = startCovered(target);
  if (cover) c.failures.push(...forEachCoverPiece(target, cover, (i, _j, a) => (c.insideM2[i] += a)));
  return finishCovered(c);
}

/**
 * coveredArea in slices of `step` cover parcels with `await pause()` between them, so a worker can answer other
 * requests meanwhile (the first overlay of a county takes seconds). Same result as coveredArea, bit for bit.
 */
export async function coveredAreaInSlices(target: Layer, cover: Layer | undefined, pause: () => Promise<void>, step = 8): Promise<Covered> {
  const c = startCovered(target);
  if (cover)
    for (let j = 0; j < cover.parcels.length; j += step) {
      c.failures.push(...forEachCoverPiece(target, cover, (i, _j, a) => (c.insideM2[i] += a), [j, j + step]));
      await pause();
    }
  return finishCovered(c);
}
