/**
 * Overlay of one region (a construction site, a supplement piece, a red-line polygon) on a layer: which parcels
 * it meets and how much of each, with the layer's internal overlaps counted once.
 *
 * Speed (issue item 6): candidates come from the layer's flatbush index, never a scan. For each candidate:
 *   - no region edge within the parcel's bbox ⇒ the parcel is wholly inside or wholly outside the region: one
 *     point-in-polygon test and no clipping (region holes are region edges, so a hole inside the bbox disables
 *     this shortcut, as it must);
 *   - otherwise the Green's-theorem area (greenArea.ts, exact, µs);
 *   - polyclip only when the fast path reports a near-degeneracy, and per-feature failures are reported.
 * Overlaps inside the layer: a parcel that overlaps earlier parcels contributes only its effective part
 * (overlaps.ts), so the sum over parcels is the area of (∪ parcels) ∩ region.
 */
import { multiPolygonAreaEllipsoidal } from '../area/ellipsoid';
import { searchIndex } from '../index/spatialIndex';
import { flatOf } from '../io/flatGeometry';
import type { Layer } from '../layers/layer';
import type { AreaGeometry, BBox, MultiPolygonCoords, Parcel, Position2 } from '../types';
import { type AreaLike, toMultiCoords, tryIntersect, tryUnion } from './clip';
import { greenOverlay, type PreparedArea, pointInPrepared, prepareArea, preparedAreaM2 } from './greenArea';
import { bboxOverlapFlags, earlierOverlaps, effectivePart, layerOverlapsIfComputed } from './overlaps';
import { preparedParcel } from './pairArea';

/** A region prepared once for repeated overlays (live drawing re-uses it across layers and frames). */
export interface PreparedRegion {
  /** The region's polygons unioned (overlapping input polygons count once). */
  coords: MultiPolygonCoords;
  prepared: PreparedArea;
  areaM2: number;
  bbox: BBox;
  failures: string[];
}

/**
 * Union the polygons and prepare them. A union failure (degenerate input) is reported and the polygons are used
 * as given (correct as long as they do not overlap each other).
 */
export function prepareRegion(geoms: readonly AreaLike[], opts: { union?: boolean } = {}): PreparedRegion {
  const failures: string[] = [];
  const parts = geoms.filter((g) => g !== null && g !== undefined);
  let coords: MultiPolygonCoords;
  if (opts.union === false) {
    // caller guarantees the parts do not overlap (e.g. one validated polygon of a layer)
    coords = parts.flatMap((g) => toMultiCoords(g));
    const prepared = prepareArea(coords, { index: true });
    if (!prepared.ok) failures.push('区域含非有限坐标 / region has non-finite coordinates');
    return { coords, prepared, areaM2: preparedAreaM2(prepared), bbox: prepared.bbox, failures };
  }
  // one simple ring (a drawn site, the common case) is its own union: skip the clipper
  if (parts.length === 1) {
    const mc = toMultiCoords(parts[0]);
    if (mc.length === 1 && mc[0].length === 1 && isSimpleRing(mc[0][0])) {
      const prepared = prepareArea(mc, { index: true });
      if (prepared.ok && prepared.n >= 3) return { coords: mc, prepared, areaM2: preparedAreaM2(prepared), bbox: prepared.bbox, failures };
    }
  }
  const u = tryUnion(parts);
  if (u.ok) coords = u.coords;
  else {
    failures.push(u.message);
    coords = parts.flatMap((g) => toMultiCoords(g));
  }
  const prepared = prepareArea(coords, { index: true });
  if (!prepared.ok) failures.push('区域含非有限坐标 / region has non-finite coordinates');
  return { coords, prepared, areaM2: multiPolygonAreaEllipsoidal(coords), bbox: prepared.bbox, failures };
}

/**
 * Is a ring simple (no two non-adjacent edges touch, adjacent edges meet only at their shared vertex)? Exact-zero
 * orientations count as touching, so anything doubtful goes to the clipper. Brute force up to 256 edges (a drawn site);
 * larger rings are not tested (false).
 */
export function isSimpleRing(ring: readonly Position2[]): boolean {
  let n = ring.length;
  if (n < 4) return false;
  const f = ring[0];
  const l = ring[n - 1];
  if (f[0] === l[0] && f[1] === l[1]) n -= 1;
  if (n < 3 || n > 256) return false;
  for (let i = 0; i < n; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % n];
    if (!Number.isFinite(a[0]) || !Number.isFinite(a[1]) || (a[0] === b[0] && a[1] === b[1])) return false;
  }
  const orient = (a: Position2, b: Position2, c: Position2) => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  for (let i = 0; i < n; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % n];
    for (let j = i + 1; j < n; j++) {
      const c = ring[j];
      const d = ring[(j + 1) % n];
      const adjacent = j === i + 1 || (i === 0 && j === n - 1);
      if (adjacent) {
        // the shared vertex is b (j = i + 1) or a (wrap): the other two ends must not fold back onto the line
        const o = j === i + 1 ? orient(a, b, d) : orient(c, d, b);
        if (o === 0) {
          const [p, q, r] = j === i + 1 ? [a, b, d] : [c, a, b];
          // collinear: a fold-back (r on the segment's side of the shared vertex) is a touch
          if ((q[0] - p[0]) * (r[0] - q[0]) + (q[1] - p[1]) * (r[1] - q[1]) < 0) return false;
        }
        continue;
      }
      if (Math.max(a[0], b[0]) < Math.min(c[0], d[0]) || Math.max(c[0], d[0]) < Math.min(a[0], b[0])) continue;
      if (Math.max(a[1], b[1]) < Math.min(c[1], d[1]) || Math.max(c[1], d[1]) < Math.min(a[1], b[1])) continue;
      const o1 = orient(a, b, c);
      const o2 = orient(a, b, d);
      const o3 = orient(c, d, a);
      const o4 = orient(c, d, b);
      if (o1 === 0 || o2 === 0 || o3 === 0 || o4 === 0) {
        // an endpoint on the other segment's line: a touch only if it lies within that segment
        const within = (p: Position2, q: Position2, r: Position2) =>
          r[0] >= Math.min(p[0], q[0]) && r[0] <= Math.max(p[0], q[0]) && r[1] >= Math.min(p[1], q[1]) && r[1] <= Math.max(p[1], q[1]);
        if ((o1 === 0 && within(a, b, c)) || (o2 === 0 && within(a, b, d)) || (o3 === 0 && within(c, d, a)) || (o4 === 0 && within(c, d, b))) return false;
        continue;
      }
      if (o1 > 0 !== o2 > 0 && o3 > 0 !== o4 > 0) return false;
    }
  }
  return true;
}

/** A parcel's share of a region. */
export interface ParcelHit {
  /** Index into layer.parcels. */
  index: number;
  parcel: Parcel;
  /** Area of the parcel's effective part inside the region (m²). */
  areaM2: number;
  /** True when the whole (effective) parcel lies inside. */
  whole: boolean;
}

/**
 * Parcels a region meets, as parallel typed arrays in file order (no object per parcel: a 20 km site meets tens of
 * thousands of parcels). `hits` expands them into objects for callers that want them.
 */
export interface RegionOverlay {
  count: number;
  /** Indexes into layer.parcels, ascending. */
  index: Int32Array;
  /** Area of each parcel's effective part inside the region (m²). */
  areaM2: Float64Array;
  /** 1 when the whole (effective) parcel lies inside. */
  whole: Uint8Array;
  /** Σ areas = area((∪ parcels) ∩ region), m². */
  totalM2: number;
  failures: { parcelId: string; message: string }[];
  /** Statistics of how each candidate was resolved (for benchmarks and tests). */
  stats: { candidates: number; whole: number; outside: number; green: number; clipped: number };
}

/** The hits of an overlay as objects. */
export function hitsOf(ov: RegionOverlay, layer: Layer): ParcelHit[] {
  const out: ParcelHit[] = new Array(ov.count);
  for (let k = 0; k < ov.count; k++) {
    const i = ov.index[k];
    out[k] = { index: i, parcel: layer.parcels[i], areaM2: ov.areaM2[k], whole: ov.whole[k] === 1 };
  }
  return out;
}

/** Areas below this (m²) are boundary contact, not occupation. */
export const CONTACT_MIN_M2 = 1e-6;

const EFF_PREPARED = new WeakMap<MultiPolygonCoords, PreparedArea>();

function firstVertex(g: AreaGeometry): Position2 | undefined {
  const fg = flatOf(g);
  if (fg) {
    // (without building the nested arrays of the whole geometry)
    const { xs, ys, ringStart, partStart, featurePart } = fg.store;
    const k = ringStart[partStart[featurePart[fg.feature]]];
    return [xs[k], ys[k]];
  }
  return g.type === 'Polygon' ? g.coordinates[0]?.[0] : g.coordinates[0]?.[0]?.[0];
}

/** Overlay a prepared region on a layer. */
export function overlayRegion(region: PreparedRegion, layer: Layer): RegionOverlay {
  const stats = { candidates: 0, whole: 0, outside: 0, green: 0, clipped: 0 };
  const failures: RegionOverlay['failures'] = [];
  const R = region.prepared;
  const g = greenOverlay();
  if (R.n === 0 || layer.parcels.length === 0)
    return { count: 0, index: new Int32Array(0), areaM2: new Float64Array(0), whole: new Uint8Array(0), totalM2: 0, failures, stats };
  const cands = Int32Array.from(searchIndex(layer.index, layer.parcels.length, region.bbox)).sort();
  const m = cands.length;
  stats.candidates = m;
  const outIndex = new Int32Array(m);
  const outArea = new Float64Array(m);
  const outWhole = new Uint8Array(m);
  let count = 0;
  let total = 0;
  const full = layerOverlapsIfComputed(layer);
  const flags = full ? undefined : bboxOverlapFlags(layer);
  const rb = region.bbox;
  const parcels = layer.parcels;
  for (let c = 0; c < m; c++) {
    const i = cands[c];
    const p = parcels[i];
    const b = p.bbox;
    if (b[0] > rb[2] || b[2] < rb[0] || b[1] > rb[3] || b[3] < rb[1]) continue;
    // Cheap classification first: wholly inside / outside needs no overlap work for outside parcels.
    const edgesNear = g.anyEdgeInBox(R, b);
    let inside = false;
    if (!edgesNear) {
      const first = firstVertex(p.geometry);
      inside = first !== undefined && pointInPrepared(R, first[0], first[1]);
      if (!inside) {
        stats.outside++;
        continue;
      }
    }
    // Effective part (layer overlaps counted once)
    const hasEarlier = full ? full.effectiveAreaM2[i] !== p.areaM2 : flags?.[i] === 1 && earlierOverlaps(layer, i).earlier.length > 0;
    let area: number | null;
    let whole = false;
    let geom: AreaLike = p.geometry;
    if (!hasEarlier) {
      if (inside) {
        area = p.areaM2;
        whole = true;
      } else area = g.intersectionArea(preparedParcel(p), R);
    } else {
      const eff = effectivePart(layer, i);
      if (eff.failure) failures.push({ parcelId: p.id, message: eff.failure });
      if (eff.coords === undefined) {
        area = inside ? eff.areaM2 : g.intersectionArea(preparedParcel(p), R);
        whole = inside;
      } else {
        geom = eff.coords;
        if (inside) {
          area = eff.areaM2;
          whole = true;
        } else {
          let prep = EFF_PREPARED.get(eff.coords);
          if (!prep) {
            prep = prepareArea(eff.coords);
            EFF_PREPARED.set(eff.coords, prep);
          }
          area = g.intersectionArea(prep, R);
        }
      }
    }
    if (whole) stats.whole++;
    else stats.green++;
    if (area === null) {
      stats.clipped++;
      const cl = tryIntersect(geom, region.coords);
      if (!cl.ok) {
        failures.push({ parcelId: p.id, message: cl.message });
        continue;
      }
      area = multiPolygonAreaEllipsoidal(cl.coords);
    }
    // control-area adjustment (analysis/adjustment.ts): a geometric piece takes its parcel's adjustment ratio
    if (p.adjustedFromM2 !== undefined && p.adjustedFromM2 > 0 && !(whole && !hasEarlier)) area *= p.areaM2 / p.adjustedFromM2;
    if (area > CONTACT_MIN_M2) {
      outIndex[count] = i;
      outArea[count] = area;
      outWhole[count] = whole ? 1 : 0;
      count++;
      total += area;
    }
  }
  return { count, index: outIndex.subarray(0, count), areaM2: outArea.subarray(0, count), whole: outWhole.subarray(0, count), totalM2: total, failures, stats };
}

/** The geometry (coordinates) of a parcel's part inside a region, for display and export (clips: slow path). */
export function hitGeometry(hit: ParcelHit, region: PreparedRegion, layer: Layer): MultiPolygonCoords | undefined {
  const eff = effectivePart(layer, hit.index);
  const g: AreaLike = eff.coords ?? hit.parcel.geometry;
  if (hit.whole) return toMultiCoords(g);
  const c = tryIntersect(g, region.coords);
  return c.ok ? c.coords : undefined;
}

