/** Intersection area of two parcels: exact fast path, polyclip on degeneracy. */
import { bboxIntersects } from '../index/spatialIndex';
import type { Parcel } from '../types';
import { clipIntersectionArea } from './clip';

export type AreaResult = { ok: true; areaM2: number } | { ok: false; message: string };

export function parcelPairArea(a: Parcel, b: Parcel): AreaResult {
  if (!bboxIntersects(a.bbox, b.bbox)) return { ok: true, areaM2: 0 };
  return clipIntersectionArea(a.geometry, b.geometry);
}
