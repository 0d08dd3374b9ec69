/**
 * Distances between parcels in metres, for ranking (not for any reported area): vertices are mapped to local
 * metres around the pair's mean latitude with the CGCS2000 radii of curvature (meridional M, prime-vertical N), and
 * the distance is the least vertex-to-edge distance in either direction — exact for polygons that do not cross
 * (crossing or overlapping parcels are known from the area overlay and get 0 there). Local-plane error is far below
 * a metre over the few kilometres a ranking looks at.
 */
import { CGCS2000 } from '../../area/ellipsoid';
import type { AreaGeometry, BBox } from '../../types';

const RAD = Math.PI / 180;
const E2 = CGCS2000.f * (2 - CGCS2000.f);

/** Metres per degree of longitude and latitude at a latitude (degrees). */
export function metresPerDegree(latDeg: number): { x: number; y: number } {
  const phi = latDeg * RAD;
  const s = Math.sin(phi);
  const w = Math.sqrt(1 - E2 * s * s);
  const N = CGCS2000.a / w;
  const M = (CGCS2000.a * (1 - E2)) / (w * w * w);
  return { x: N * Math.cos(phi) * RAD, y: M * RAD };
}

/** Grow a lon/lat bbox by `m` metres on each side. */
export function expandBBoxM(b: BBox, m: number): BBox {
  const k = metresPerDegree((b[1] + b[3]) / 2);
  return [b[0] - m / k.x, b[1] - m / k.y, b[2] + m / k.x, b[3] + m / k.y];
}

function rings(g: AreaGeometry): number[][][] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const out: number[][][] = [];
  for (const p of polys) for (const r of p) out.push(r as number[][]);
  return out;
}

function pointSegment2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const l2 = dx * dx + dy * dy;
  let t = l2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / l2 : 0;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

function oneWay(a: number[][][], b: number[][][], kx: number, ky: number, lon0: number, lat0: number, best: number): number {
  for (const ra of a)
    for (const p of ra) {
      const px = (p[0] - lon0) * kx;
      const py = (p[1] - lat0) * ky;
      for (const rb of b)
        for (let i = 1; i < rb.length; i++) {
          const d = pointSegment2(px, py, (rb[i - 1][0] - lon0) * kx, (rb[i - 1][1] - lat0) * ky, (rb[i][0] - lon0) * kx, (rb[i][1] - lat0) * ky);
          if (d < best) best = d;
        }
    }
  return best;
}

/** Least distance (m) between the boundaries of two polygons that do not cross each other. */
export function boundaryDistanceM(a: AreaGeometry, b: AreaGeometry, aBox: BBox, bBox: BBox): number {
  const lat0 = (aBox[1] + aBox[3] + bBox[1] + bBox[3]) / 4;
  const lon0 = (aBox[0] + aBox[2] + bBox[0] + bBox[2]) / 4;
  const k = metresPerDegree(lat0);
  const ra = rings(a);
  const rb = rings(b);
  let best = oneWay(ra, rb, k.x, k.y, lon0, lat0, Infinity);
  best = oneWay(rb, ra, k.x, k.y, lon0, lat0, best);
  return Math.sqrt(best);
}

/** Least distance (m) between two bboxes (0 when they meet): a lower bound of boundaryDistanceM. */
export function bboxDistanceM(a: BBox, b: BBox): number {
  const k = metresPerDegree((a[1] + a[3] + b[1] + b[3]) / 4);
  const dx = Math.max(0, a[0] - b[2], b[0] - a[2]) * k.x;
  const dy = Math.max(0, a[1] - b[3], b[1] - a[3]) * k.y;
  return Math.hypot(dx, dy);
}
