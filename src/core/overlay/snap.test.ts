import { describe, expect, it } from 'vitest';
import { buildLayer } from '../layers/layer';
import type { LayerKind } from '../types';
import { nearestSnap, type PixelJacobian, snapEdges } from './snap';

const feat = (id: string, ring: number[][]) => ({ type: 'Feature', properties: { BSM: id }, geometry: { type: 'Polygon', coordinates: [ring] } });
// two parcels sharing an edge, coordinates with more decimals than a tile would keep
const A = [[125.9000001, 46.4500003], [125.9012347, 46.4500003], [125.9012347, 46.4508889], [125.9000001, 46.4508889], [125.9000001, 46.4500003]];
const B = [[125.9012347, 46.4500003], [125.9031111, 46.4501234], [125.9027777, 46.4509999], [125.9012347, 46.4508889], [125.9012347, 46.4500003]];
const layer = (kind: LayerKind, file: string, rings: number[][][]) => buildLayer(kind, file, rings.map((r, i) => feat(`${file}-${i}`, r)));

/** Web-mercator pixels per degree at zoom z and latitude lat (y down), as the map's Jacobian. */
function mercatorJ(z: number, lat: number, bearingDeg = 0): PixelJacobian {
  const k = (256 * 2 ** z) / 360;
  const kx = k;
  const ky = -k / Math.cos((lat * Math.PI) / 180);
  const r = (bearingDeg * Math.PI) / 180;
  // rotate screen axes by the bearing
  return [kx * Math.cos(r), -ky * Math.sin(r), kx * Math.sin(r), ky * Math.cos(r)];
}
/** Degrees for a screen offset (J⁻¹ · [px, py]). */
function fromPx(J: PixelJacobian, px: number, py: number): [number, number] {
  const [a, b, c, d] = J;
  const det = a * d - b * c;
  return [(d * px - b * py) / det, (-c * px + a * py) / det];
}
/** Distance (degrees) of p from segment ab, in lon/lat. */
function segDist(p: number[], a: number[], b: number[]): number {
  const vx = b[0] - a[0];
  const vy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * vx + (p[1] - a[1]) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(a[0] + t * vx - p[0], a[1] + t * vy - p[1]);
}

describe('snap to source geometry', () => {
  const cult = layer('cultivated', 'c.geojson', [A, B]);
  const eco = layer('eco-redline', 'eco.geojson', [A]);

  it('returns the source edges meeting the box, unchanged, only from parcel layers (and the files asked for)', () => {
    const box: [number, number, number, number] = [125.901, 46.4499, 125.9014, 46.4502];
    const r = snapEdges([cult, eco], box);
    expect(r.truncated).toBe(false);
    const edges: number[][] = [];
    for (let i = 0; i < r.edges.length; i += 4) edges.push([...r.edges.subarray(i, i + 4)]);
    // A's bottom edge, A's right edge, B's bottom edge, B's left edge (shared, kept twice); not the eco copy
    expect(edges).toContainEqual([...A[0], ...A[1]]);
    expect(edges).toContainEqual([...A[1], ...A[2]]);
    expect(edges).toContainEqual([...B[0], ...B[1]]);
    expect(edges.length).toBe(4);
    // every coordinate is a source coordinate, bit for bit
    const src = new Set([...A, ...B].map((p) => `${p[0]},${p[1]}`));
    for (const e of edges) {
      expect(src.has(`${e[0]},${e[1]}`)).toBe(true);
      expect(src.has(`${e[2]},${e[3]}`)).toBe(true);
    }
    expect(snapEdges([cult, eco], box, { kinds: ['eco-redline'] }).edges.length).toBe(2 * 4);
    expect(snapEdges([cult], box, { files: ['other.geojson'] }).edges.length).toBe(0);
    expect(snapEdges([cult], [100, 10, 100.1, 10.1]).edges.length).toBe(0);
    const many = snapEdges([cult], [125, 46, 126, 47], { maxEdges: 3 });
    expect(many).toEqual({ edges: new Float64Array(0), truncated: true });
  });

  it('snaps to a vertex within the tolerance, exactly; a vertex wins over a nearer edge', () => {
    const { edges } = snapEdges([cult], cult.bbox);
    const J = mercatorJ(17, 46.45);
    const corner = A[1];
    // 4 px right and 3 px up of the shared corner (5 px)
    const [dx, dy] = fromPx(J, 4, -3);
    const off: [number, number] = [corner[0] + dx, corner[1] + dy];
    const hit = nearestSnap(edges, off, J, 10)!;
    expect(hit.kind).toBe('vertex');
    expect(hit.at).toEqual(corner);
    expect(hit.distPx).toBeCloseTo(5, 6);
    // 6 px left of the corner along A's bottom edge and 1 px above it: the edge is nearer, the corner wins
    const [ex, ey] = fromPx(J, -6, -1);
    const nearEdge = nearestSnap(edges, [corner[0] + ex, corner[1] + ey], J, 10)!;
    expect(nearEdge.kind).toBe('vertex');
    expect(nearEdge.at).toEqual(corner);
    // beyond the tolerance: nothing
    const [fx, fy] = fromPx(J, 30, 30);
    const far: [number, number] = [corner[0] + fx, corner[1] + fy];
    expect(nearestSnap(edges, far, J, 10)).toBeUndefined();
  });

  it('snaps to the nearest point of an edge, on the source edge, also on a rotated map', () => {
    const { edges } = snapEdges([cult], cult.bbox);
    for (const bearing of [0, 30, -75]) {
      const J = mercatorJ(17, 46.45, bearing);
      // near the middle of B's slanted bottom edge, a few px off it
      const a = B[0];
      const b = B[1];
      const mid = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
      // 4 px off the edge's midpoint on screen, across the edge, and 1 px along it
      const vx = J[0] * (b[0] - a[0]) + J[1] * (b[1] - a[1]);
      const vy = J[2] * (b[0] - a[0]) + J[3] * (b[1] - a[1]);
      const len = Math.hypot(vx, vy);
      const [dx, dy] = fromPx(J, (-vy / len) * 4 + vx / len, (vx / len) * 4 + vy / len);
      const cur: [number, number] = [mid[0] + dx, mid[1] + dy];
      const hit = nearestSnap(edges, cur, J, 10)!;
      expect(hit, `bearing ${bearing}`).toBeDefined();
      expect(hit.kind).toBe('edge');
      expect(segDist(hit.at, a, b)).toBeLessThan(1e-12);
      // it is the nearest point in pixels: any other point of the edge is farther from the cursor on screen
      const pxDist = (p: number[]) => Math.hypot(J[0] * (p[0] - cur[0]) + J[1] * (p[1] - cur[1]), J[2] * (p[0] - cur[0]) + J[3] * (p[1] - cur[1]));
      expect(pxDist(hit.at)).toBeCloseTo(hit.distPx, 9);
      for (const t of [0.3, 0.45, 0.55, 0.7]) expect(pxDist([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])])).toBeGreaterThan(hit.distPx);
      expect(hit.distPx).toBeCloseTo(4, 6);
    }
  });

  it('a degenerate Jacobian or no edges snaps nothing', () => {
    const { edges } = snapEdges([cult], cult.bbox);
    expect(nearestSnap(edges, [A[0][0], A[0][1]], [0, 0, 0, 0], 10)).toBeUndefined();
    expect(nearestSnap(new Float64Array(0), [A[0][0], A[0][1]], mercatorJ(17, 46), 10)).toBeUndefined();
  });
});
