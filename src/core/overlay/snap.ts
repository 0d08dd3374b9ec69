/**
 * Snapping to the source geometry of parcels (issue 6): the edges of parcels near a box, read from the layers'
 * spatial index with the source coordinates unchanged, and the nearest vertex or edge point to a cursor within a
 * pixel tolerance. Rendered tiles are quantised and clipped; these are the parcels the engine measures.
 *
 * The screen enters only as a linear map (the map's Jacobian at the cursor: degrees → pixels), so a point found on
 * an edge by its pixel distance is the same fraction of the edge in lon/lat: it lies on the source edge.
 */
import type { Layer } from '../layers/layer';
import type { BBox, LayerKind } from '../types';

/** Parcel layers whose vertices and edges are snap targets (the wide zones — 黑土地, 红线, 开发边界 — are not). */
export const SNAP_KINDS: readonly LayerKind[] = ['cultivated', 'permanent-basic', 'high-standard', 'abandoned'];

export interface SnapEdges {
  /** 4 numbers per edge, x0 y0 x1 y1 (lon/lat as in the source file), for every edge whose bbox meets the box. */
  edges: Float64Array;
  /** More edges than `maxEdges` meet the box (zoomed far out): none are returned. */
  truncated: boolean;
}

export interface SnapEdgesOptions {
  kinds?: readonly LayerKind[];
  /** Only layers read from these files (the visible ones); all when undefined. */
  files?: readonly string[];
  maxEdges?: number;
}

/** Edges of the parcels of `layers` that meet `bbox` (duplicates of shared edges are kept: harmless). */
export function snapEdges(layers: readonly Layer[], bbox: BBox, opts: SnapEdgesOptions = {}): SnapEdges {
  const kinds = opts.kinds ?? SNAP_KINDS;
  const maxEdges = opts.maxEdges ?? 50_000;
  const [bx0, by0, bx1, by1] = bbox;
  const out: number[] = [];
  for (const layer of layers) {
    if (!kinds.includes(layer.kind)) continue;
    if (opts.files && !opts.files.includes(layer.file)) continue;
    if (layer.parcels.length === 0) continue;
    for (const pid of layer.index.search(bx0, by0, bx1, by1)) {
      const g = layer.parcels[pid].geometry;
      const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      for (const poly of polys)
        for (const ring of poly)
          for (let i = 1; i < ring.length; i++) {
            const x0 = ring[i - 1][0];
            const y0 = ring[i - 1][1];
            const x1 = ring[i][0];
            const y1 = ring[i][1];
            if ((x0 < bx0 && x1 < bx0) || (x0 > bx1 && x1 > bx1) || (y0 < by0 && y1 < by0) || (y0 > by1 && y1 > by1)) continue;
            if (out.length >= maxEdges * 4) return { edges: new Float64Array(0), truncated: true };
            out.push(x0, y0, x1, y1);
          }
    }
  }
  return { edges: Float64Array.from(out), truncated: false };
}

/** Degrees → pixels near the cursor: px = a·dLon + b·dLat, py = c·dLon + d·dLat. */
export type PixelJacobian = [a: number, b: number, c: number, d: number];

export interface SnapHit {
  /** The snapped position: a source vertex, or a point of a source edge. */
  at: [number, number];
  kind: 'vertex' | 'edge';
  distPx: number;
}

/**
 * The nearest source vertex within `tolPx` of the cursor, else the nearest point on a source edge within `tolPx`
 * (a vertex wins over a nearer edge: corners are what one aims at). Undefined when nothing is that close.
 */
export function nearestSnap(edges: Float64Array, cursor: readonly [number, number], J: PixelJacobian, tolPx: number): SnapHit | undefined {
  const [a, b, c, d] = J;
  const det = a * d - b * c;
  if (!Number.isFinite(det) || det === 0) return undefined;
  // the tolerance circle's bbox in degrees (|J⁻¹ · [±tol, ±tol]|)
  const rx = (tolPx * (Math.abs(d) + Math.abs(b))) / Math.abs(det);
  const ry = (tolPx * (Math.abs(c) + Math.abs(a))) / Math.abs(det);
  const [cx, cy] = cursor;
  const px = (x: number, y: number) => a * (x - cx) + b * (y - cy);
  const py = (x: number, y: number) => c * (x - cx) + d * (y - cy);
  let bestV: [number, number] | undefined;
  let dV = tolPx;
  let bestE: [number, number] | undefined;
  let dE = tolPx;
  for (let i = 0; i + 3 < edges.length; i += 4) {
    const x0 = edges[i];
    const y0 = edges[i + 1];
    const x1 = edges[i + 2];
    const y1 = edges[i + 3];
    if ((x0 < cx - rx && x1 < cx - rx) || (x0 > cx + rx && x1 > cx + rx) || (y0 < cy - ry && y1 < cy - ry) || (y0 > cy + ry && y1 > cy + ry)) continue;
    const p0x = px(x0, y0);
    const p0y = py(x0, y0);
    const p1x = px(x1, y1);
    const p1y = py(x1, y1);
    const d0 = Math.hypot(p0x, p0y);
    if (d0 < dV) {
      dV = d0;
      bestV = [x0, y0];
    }
    const d1 = Math.hypot(p1x, p1y);
    if (d1 < dV) {
      dV = d1;
      bestV = [x1, y1];
    }
    const vx = p1x - p0x;
    const vy = p1y - p0y;
    const len2 = vx * vx + vy * vy;
    if (len2 === 0) continue;
    const t = Math.max(0, Math.min(1, -(p0x * vx + p0y * vy) / len2));
    const de = Math.hypot(p0x + t * vx, p0y + t * vy);
    if (de < dE) {
      dE = de;
      // the same fraction of the edge in lon/lat (J is linear): on the source edge
      bestE = t === 0 ? [x0, y0] : t === 1 ? [x1, y1] : [x0 + t * (x1 - x0), y0 + t * (y1 - y0)];
    }
  }
  if (bestV) return { at: bestV, kind: 'vertex', distPx: dV };
  if (bestE) return { at: bestE, kind: 'edge', distPx: dE };
  return undefined;
}
