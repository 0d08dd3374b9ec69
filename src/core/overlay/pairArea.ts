/**
 * Intersection area of two parcels (or a parcel and any prepared region): the exact Green's-theorem path, with
 * polyclip only when the fast path reports a near-degeneracy. Clipping failures come back as messages.
 */
import { bboxIntersects } from '../index/spatialIndex';
import type { Parcel } from '../types';
import { clipIntersectionArea } from './clip';
import { type GreenOverlay, greenOverlay, type PreparedArea, prepareArea } from './greenArea';

export type AreaResult = { ok: true; areaM2: number; clipped?: boolean } | { ok: false; message: string };

const PREPARED = new WeakMap<Parcel, PreparedArea>();

/** The parcel's geometry prepared for area overlay (cached per parcel object). */
export function preparedParcel(p: Parcel): PreparedArea {
  let r = PREPARED.get(p);
  if (!r) {
    r = prepareArea(p.geometry);
    PREPARED.set(p, r);
  }
  return r;
}

/** Area of a ∩ b; `g` is the overlay context to use (pass one in loops). */
export function parcelPairArea(a: Parcel, b: Parcel, g: GreenOverlay = greenOverlay()): AreaResult {
  if (!bboxIntersects(a.bbox, b.bbox)) return { ok: true, areaM2: 0 };
  const A = preparedParcel(a);
  const B = preparedParcel(b);
  const fast = A.n <= B.n ? g.intersectionArea(A, B) : g.intersectionArea(B, A);
  if (fast !== null) return { ok: true, areaM2: fast };
  const c = clipIntersectionArea(a.geometry, b.geometry);
  return c.ok ? { ok: true, areaM2: c.areaM2, clipped: true } : c;
}
