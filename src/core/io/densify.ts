/**
 * Edges straight in the source projection (issue 15 §6). Our edge model — straight in lon/lat — is the survey
 * formula's, and on parcel-length edges a projected source's straight edge and the lon/lat one are the same line
 * to well under a millimetre. On long edges they part: a 2 km edge of a thin strip in UTM differs by ≈ 0.33 % of
 * the strip's area. For data drawn in a projection with long edges, `densify` inserts vertices along each edge *in
 * the source projection* (every ≤ maxSegment metres) before reprojection, so the lon/lat polygon follows the edge
 * as it was drawn. `longEdges` counts the edges over a length, for `info` and an import note.
 * Coordinates here are native (projected, metres × the CRS's unit), before reprojection. Pure.
 */

/** Default length above which an edge counts as long (metres in the source projection). */
export const LONG_EDGE_M = 500;

/** A ring with vertices added so that no segment is longer than maxSegment (same units as the coordinates). */
export function densifyRing(ring: readonly (readonly number[])[], maxSegment: number): number[][] {
  if (!(maxSegment > 0) || ring.length < 2) return ring.map((p) => [...p]);
  const out: number[][] = [];
  for (let i = 0; i < ring.length - 1; i++) {
    const a = ring[i];
    const b = ring[i + 1];
    out.push([...a]);
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const n = Math.ceil(len / maxSegment);
    for (let k = 1; k < n; k++) out.push([a[0] + ((b[0] - a[0]) * k) / n, a[1] + ((b[1] - a[1]) * k) / n]);
  }
  out.push([...ring[ring.length - 1]]);
  return out;
}

interface PolyGeom {
  type: string;
  coordinates?: unknown;
}

/** Densify a Polygon / MultiPolygon (a copy); other geometries are returned as they are. */
export function densifyGeometry<G extends PolyGeom>(g: G, maxSegment: number): G {
  if (g.type === 'Polygon' && Array.isArray(g.coordinates)) return { ...g, coordinates: (g.coordinates as number[][][]).map((r) => densifyRing(r, maxSegment)) };
  if (g.type === 'MultiPolygon' && Array.isArray(g.coordinates))
    return { ...g, coordinates: (g.coordinates as number[][][][]).map((p) => p.map((r) => densifyRing(r, maxSegment))) };
  return g;
}

/** Edges longer than `threshold` in a Polygon / MultiPolygon, and the longest edge (native units). */
export function longEdges(g: PolyGeom | null | undefined, threshold = LONG_EDGE_M): { count: number; longest: number } {
  let count = 0;
  let longest = 0;
  const ring = (r: number[][]) => {
    for (let i = 0; i + 1 < r.length; i++) {
      const d = Math.hypot(r[i + 1][0] - r[i][0], r[i + 1][1] - r[i][1]);
      if (d > longest) longest = d;
      if (d > threshold) count++;
    }
  };
  if (g?.type === 'Polygon' && Array.isArray(g.coordinates)) for (const r of g.coordinates as number[][][]) ring(r);
  else if (g?.type === 'MultiPolygon' && Array.isArray(g.coordinates)) for (const p of g.coordinates as number[][][][]) for (const r of p) ring(r);
  return { count, longest };
}
