/** A static packed Hilbert R-tree (flatbush) over parcel bounding boxes. One ArrayBuffer: transferable. */
import Flatbush from 'flatbush';
import type { AreaGeometry, BBox } from '../types';

export function geometryBBox(geom: AreaGeometry): BBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const polys = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  for (const poly of polys)
    for (const ring of poly)
      for (const p of ring) {
        const x = p[0];
        const y = p[1];
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
  return [minX, minY, maxX, maxY];
}

export function buildIndex(bboxes: readonly BBox[]): Flatbush {
  const index = new Flatbush(Math.max(1, bboxes.length));
  if (bboxes.length === 0) index.add(0, 0, 0, 0);
  else
    for (let i = 0; i < bboxes.length; i++) {
      const b = bboxes[i];
      index.add(b[0], b[1], b[2], b[3]);
    }
  index.finish();
  return index;
}

/** Indices of parcels whose bbox intersects `bbox` (empty layers answer nothing). */
export function searchIndex(index: Flatbush, count: number, bbox: BBox): number[] {
  if (count === 0) return [];
  return index.search(bbox[0], bbox[1], bbox[2], bbox[3]);
}

export function bboxIntersects(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}

export function bboxContains(outer: BBox, inner: BBox): boolean {
  return inner[0] >= outer[0] && inner[2] <= outer[2] && inner[1] >= outer[1] && inner[3] <= outer[3];
}
