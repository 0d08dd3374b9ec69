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
import type { Layer } from '../layers/layer';
import type { AreaGeometry, BBox, MultiPolygonCoords, Parcel } from '../types';
import { type AreaLike, toMultiCoords, tryIntersect, tryUnion } from './clip';
import { anyEdgeInBox, intersectionAreaPrepared, type PreparedArea, pointInPrepared, prepareArea, preparedAreaM2 } from './greenArea';
import { earlierOverlaps, effectivePart, layerOverlapsIfComputed } from './overlaps';
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

export interface RegionOverlay {
  hits: ParcelHit[];
  /** Σ hits' areas = area((∪ parcels) ∩ region), m². */
  areaM2: number;
  failures: { parcelId: string; message: string }[];
  /** Statistics of how each candidate was resolved (for benchmarks and tests). */
  stats: { candidates: number; whole: number; outside: number; green: number; clipped: number };
}

/** Areas below this (m²) are boundary contact, not occupation. */
export const CONTACT_MIN_M2 = 1e-6;

const EFF_PREPARED = new WeakMap<MultiPolygonCoords, PreparedArea>();

/** Overlay a prepared region on a layer. */
export function overlayRegion(region: PreparedRegion, layer: Layer): RegionOverlay {
  const out: RegionOverlay = { hits: [], areaM2: 0, failures: [], stats: { candidates: 0, whole: 0, outside: 0, green: 0, clipped: 0 } };
  const R = region.prepared;
  if (R.n === 0 || layer.parcels.length === 0) return out;
  const cands = searchIndex(layer.index, layer.parcels.length, region.bbox);
  cands.sort((x, y) => x - y);
  out.stats.candidates = cands.length;
  const full = layerOverlapsIfComputed(layer);
  for (const i of cands) {
    const p = layer.parcels[i];
    const b = p.bbox;
    if (b[0] > region.bbox[2] || b[2] < region.bbox[0] || b[1] > region.bbox[3] || b[3] < region.bbox[1]) continue;
    // Cheap classification first: wholly inside / outside needs no overlap work for outside parcels.
    const edgesNear = anyEdgeInBox(R, b);
    let inside = false;
    if (!edgesNear) {
      const g = p.geometry;
      const first = g.type === 'Polygon' ? g.coordinates[0]?.[0] : g.coordinates[0]?.[0]?.[0];
      inside = first !== undefined && pointInPrepared(R, first[0], first[1]);
      if (!inside) {
        out.stats.outside++;
        continue;
      }
    }
    // Effective part (layer overlaps counted once)
    const hasEarlier = full ? full.effectiveAreaM2[i] !== p.areaM2 : earlierOverlaps(layer, i).earlier.length > 0;
    let area: number | null;
    let whole = false;
    let geom: AreaLike = p.geometry;
    if (!hasEarlier) {
      if (inside) {
        area = p.areaM2;
        whole = true;
        out.stats.whole++;
      } else {
        area = intersectionAreaPrepared(preparedParcel(p), R);
        out.stats.green++;
      }
    } else {
      const eff = effectivePart(layer, i);
      if (eff.failure) out.failures.push({ parcelId: p.id, message: eff.failure });
      if (eff.coords === undefined) {
        area = inside ? eff.areaM2 : intersectionAreaPrepared(preparedParcel(p), R);
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
          area = intersectionAreaPrepared(prep, R);
        }
      }
      if (whole) out.stats.whole++;
      else out.stats.green++;
    }
    if (area === null) {
      out.stats.clipped++;
      const c = tryIntersect(geom, region.coords);
      if (!c.ok) {
        out.failures.push({ parcelId: p.id, message: c.message });
        continue;
      }
      area = multiPolygonAreaEllipsoidal(c.coords);
    }
    if (area > CONTACT_MIN_M2) {
      out.hits.push({ index: i, parcel: p, areaM2: area, whole });
      out.areaM2 += area;
    }
  }
  return out;
}

/** The geometry (coordinates) of a parcel's part inside a region, for display and export (clips: slow path). */
export function hitGeometry(hit: ParcelHit, region: PreparedRegion, layer: Layer): MultiPolygonCoords | undefined {
  const eff = effectivePart(layer, hit.index);
  const g: AreaLike = eff.coords ?? hit.parcel.geometry;
  if (hit.whole) return toMultiCoords(g);
  const c = tryIntersect(g, region.coords);
  return c.ok ? c.coords : undefined;
}

export type { AreaGeometry };
