/**
 * Turf's spherical area (R = 6371008.8 m), kept for comparison with the ellipsoidal default.
 * Biased by −0.41 % (53° N) to +0.29 % (20° N) against the survey method (docs/domain.md §2).
 * Turf assumes closed rings and returns a wrong figure for an unclosed one, so rings are closed first.
 */
import { area as turfArea } from '@turf/area';
import type { AreaGeometry, PolygonCoords } from '../types';

function closed(poly: PolygonCoords): PolygonCoords {
  let ok = true;
  for (const r of poly) {
    const a = r[0];
    const b = r[r.length - 1];
    if (r.length > 0 && (a[0] !== b[0] || a[1] !== b[1])) ok = false;
  }
  return ok ? poly : poly.map((r) => (r.length > 0 && (r[0][0] !== r[r.length - 1][0] || r[0][1] !== r[r.length - 1][1]) ? [...r, r[0]] : r));
}

export function geometryAreaSpherical(geom: AreaGeometry | null | undefined): number {
  if (!geom) return 0;
  if (geom.type === 'Polygon') return turfArea({ type: 'Polygon', coordinates: closed(geom.coordinates) });
  if (geom.type === 'MultiPolygon') return turfArea({ type: 'MultiPolygon', coordinates: geom.coordinates.map(closed) });
  return 0;
}
