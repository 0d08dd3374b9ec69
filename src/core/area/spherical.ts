/**
 * Turf's spherical area (R = 6371008.8 m), kept for comparison with the ellipsoidal default.
 * Biased by −0.41 % (53° N) to +0.29 % (20° N) against the survey method (domain.md §2).
 */
import { area as turfArea } from '@turf/area';
import type { AreaGeometry } from '../types';

export function geometryAreaSpherical(geom: AreaGeometry | null | undefined): number {
  if (!geom || (geom.type !== 'Polygon' && geom.type !== 'MultiPolygon')) return 0;
  return turfArea(geom);
}
