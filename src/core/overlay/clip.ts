/**
 * Polygon clipping with polyclip-ts (the Martinez–Rueda–Feito sweep Turf 7 uses for intersect/union/difference).
 * Clipping is the exact but slow path (~200 µs per parcel); the area-only fast path is in greenArea.ts.
 *
 * polyclip-ts throws on some degenerate input (zero-length rings, NaN, collapsed slivers). Callers that work per
 * feature use the `try*` variants, which return a failure message instead, so one bad parcel never stops a report.
 */
import { difference, type Geom, intersection, union } from 'polyclip-ts';
import { multiPolygonAreaEllipsoidal } from '../area/ellipsoid';
import type { AreaGeometry, MultiPolygonCoords, PolygonCoords } from '../types';

/** Anything that is area geometry: a GeoJSON Polygon/MultiPolygon or raw MultiPolygon coordinates. */
export type AreaLike = AreaGeometry | MultiPolygonCoords;

export function toMultiCoords(g: AreaLike): MultiPolygonCoords {
  if (Array.isArray(g)) return g;
  if (g.type === 'Polygon') return [g.coordinates as PolygonCoords];
  return g.coordinates as MultiPolygonCoords;
}

/** polyclip-ts types positions as [number, number]; ours allow longer arrays (z ignored). */
const asGeom = (g: AreaLike): Geom => toMultiCoords(g) as unknown as Geom;

export function intersectGeometries(a: AreaLike, b: AreaLike): MultiPolygonCoords {
  return intersection(asGeom(a), asGeom(b)) as MultiPolygonCoords;
}

export function unionGeometries(geoms: readonly AreaLike[]): MultiPolygonCoords {
  if (geoms.length === 0) return [];
  if (geoms.length === 1) return union(asGeom(geoms[0])) as MultiPolygonCoords;
  return union(asGeom(geoms[0]), ...geoms.slice(1).map(asGeom)) as MultiPolygonCoords;
}

/** a minus the union of `minus`. */
export function differenceGeometries(a: AreaLike, minus: readonly AreaLike[]): MultiPolygonCoords {
  if (minus.length === 0) return union(asGeom(a)) as MultiPolygonCoords;
  return difference(asGeom(a), ...minus.map(asGeom)) as MultiPolygonCoords;
}

export type ClipResult = { ok: true; coords: MultiPolygonCoords } | { ok: false; message: string };

function allFinite(coords: MultiPolygonCoords): boolean {
  for (const poly of coords)
    for (const ring of poly)
      for (const p of ring) if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) return false;
  return true;
}

function attempt(f: () => MultiPolygonCoords): ClipResult {
  try {
    const coords = f();
    if (!Array.isArray(coords) || !allFinite(coords))
      return { ok: false, message: '裁剪失败：坐标非有限数 / clipping failed: non-finite coordinates' };
    return { ok: true, coords };
  } catch (err) {
    return { ok: false, message: `裁剪失败 / clipping failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

export const tryIntersect = (a: AreaLike, b: AreaLike): ClipResult => attempt(() => intersectGeometries(a, b));
export const tryUnion = (geoms: readonly AreaLike[]): ClipResult => attempt(() => unionGeometries(geoms));
export const tryDifference = (a: AreaLike, minus: readonly AreaLike[]): ClipResult => attempt(() => differenceGeometries(a, minus));

/** Ellipsoidal area (m²) of a ∩ b by clipping, or a failure message. */
export function clipIntersectionArea(a: AreaLike, b: AreaLike): { ok: true; areaM2: number } | { ok: false; message: string } {
  const r = tryIntersect(a, b);
  return r.ok ? { ok: true, areaM2: multiPolygonAreaEllipsoidal(r.coords) } : r;
}
