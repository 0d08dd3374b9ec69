/**
 * Two tests on the straight edges of flat rings (edge k runs from position k to k + 1 of `xs`/`ys`), both with a
 * tolerance of EPS degrees (≈ 0.1 mm): does a point lie on an edge, do two edges properly cross. The overlap test
 * (interiorTest.ts) asks them of edge pairs and points in its quadratic loops and through its edge indexes alike.
 */

/** The tolerance of "on" and "strictly", in degrees. */
export const EPS = 1e-9;

/** Signed distance of c from the line through a and b (0 for a degenerate edge). */
function side(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len = Math.sqrt(dx * dx + dy * dy);
  return len === 0 ? 0 : (dx * (cy - ay) - dy * (cx - ax)) / len;
}

function opposite(d1: number, d2: number): boolean {
  return (d1 > EPS && d2 < -EPS) || (d1 < -EPS && d2 > EPS);
}

/**
 * Whether edges i and j properly cross: each one's ends lie strictly (beyond EPS) on either side of the other's
 * line. Edges whose boxes do not meet are answered without those tests.
 *
 * @param xs - the positions' x (longitude)
 * @param ys - the positions' y (latitude)
 * @param i - the first edge: positions i → i + 1
 * @param j - the second edge: positions j → j + 1
 * @returns true when they cross at a point inside both
 * @example
 * edgesCross(new Float64Array([0, 1, 0, 1]), new Float64Array([0, 1, 1, 0]), 0, 2); // true: the diagonals of a square
 */
export function edgesCross(xs: Float64Array, ys: Float64Array, i: number, j: number): boolean {
  const ax = xs[i];
  const ay = ys[i];
  const bx = xs[i + 1];
  const by = ys[i + 1];
  const cx = xs[j];
  const cy = ys[j];
  const dx = xs[j + 1];
  const dy = ys[j + 1];
  if (Math.max(ax, bx) < Math.min(cx, dx) || Math.min(ax, bx) > Math.max(cx, dx)) return false;
  if (Math.max(ay, by) < Math.min(cy, dy) || Math.min(ay, by) > Math.max(cy, dy)) return false;
  return opposite(side(ax, ay, bx, by, cx, cy), side(ax, ay, bx, by, dx, dy)) && opposite(side(cx, cy, dx, dy, ax, ay), side(cx, cy, dx, dy, bx, by));
}

/**
 * Whether point p lies within EPS of the segment a–b (its nearest point, clamped to the segment).
 *
 * @returns true when the distance is at most EPS
 * @example
 * onSegment(0.5, 1e-10, 0, 0, 1, 0); // true
 */
export function onSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): boolean {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = Math.min(1, Math.max(0, len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0));
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey <= EPS * EPS;
}
