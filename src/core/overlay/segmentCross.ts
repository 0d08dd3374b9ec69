/**
 * How an edge of P meets an edge of S, for the exact overlay (greenArea.ts): no contact, a proper crossing (with
 * its parameters along both edges), the same edge shared either way, or a near-contact within NEAR_DEG that makes
 * the fast path unsafe (degenerate). Pure: the crossing parameters go into the caller's `cross` array.
 */

/** A vertex closer than this to the other boundary (degrees, ≈ 1 mm) without coinciding with a vertex: degenerate. */
export const NEAR_DEG = 1e-8 / 1.11; // ≈ 1 mm in latitude
const NEAR2 = NEAR_DEG * NEAR_DEG;

export const DEGENERATE = -1;
export const NONE = 0;
export const CROSS = 1;
export const SHARED_SAME = 2;
export const SHARED_OPP = 3;

/** Distance test: is point p within NEAR_DEG of segment ab (and not one of its endpoints)? */
function nearSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number, o: number): boolean {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  // |o| / |ab| is the distance to the line
  if (o * o > NEAR_DEG * NEAR_DEG * len2) return false;
  if ((px === ax && py === ay) || (px === bx && py === by)) return false;
  const t = ((px - ax) * dx + (py - ay) * dy) / len2;
  const tol = NEAR_DEG / Math.sqrt(len2);
  return t > -tol && t < 1 + tol;
}

/** Classify P-edge ab against S-edge cd. Always called with P's edge first, so both passes agree bit for bit. */
export function classify(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number, cross: Float64Array): number {
  if (ax === cx && ay === cy && bx === dx && by === dy) return SHARED_SAME;
  if (ax === dx && ay === dy && bx === cx && by === cy) return SHARED_OPP;
  // orientations in coordinates relative to a (and c) for precision
  const abx = bx - ax;
  const aby = by - ay;
  const cdx = dx - cx;
  const cdy = dy - cy;
  const o1 = abx * (cy - ay) - aby * (cx - ax); // c vs ab
  const o2 = abx * (dy - ay) - aby * (dx - ax); // d vs ab
  const o3 = cdx * (ay - cy) - cdy * (ax - cx); // a vs cd
  const o4 = cdx * (by - cy) - cdy * (bx - cx); // b vs cd
  // near-contact screen: only when some |o| is small relative to the edge lengths (rare) do the exact checks run
  const ab2 = abx * abx + aby * aby;
  const cd2 = cdx * cdx + cdy * cdy;
  const nearAB = NEAR2 * ab2;
  const nearCD = NEAR2 * cd2;
  if (
    (o1 * o1 <= nearAB && nearSegment(cx, cy, ax, ay, bx, by, o1)) ||
    (o2 * o2 <= nearAB && nearSegment(dx, dy, ax, ay, bx, by, o2)) ||
    (o3 * o3 <= nearCD && nearSegment(ax, ay, cx, cy, dx, dy, o3)) ||
    (o4 * o4 <= nearCD && nearSegment(bx, by, cx, cy, dx, dy, o4))
  )
    return DEGENERATE;
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) {
    cross[0] = o3 / (o3 - o4);
    cross[1] = o1 / (o1 - o2);
    return CROSS;
  }
  return NONE;
}
