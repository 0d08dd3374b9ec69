/**
 * Region boundary polygons from a township boundary layer (the basemap's townships, GeoJSON): 行政区代码 → its
 * Polygon / MultiPolygon, read from XZQDM or the demo's `code`, like regionNames.ts. Used to clip layers without
 * region codes when a region is selected (analysis/regionClip.ts). Features without a code or a polygon are skipped.
 */
import type { AreaGeometry } from '../types';

export function regionBoundariesOf(collection: unknown): Map<string, AreaGeometry> {
  const out = new Map<string, AreaGeometry>();
  const features = (collection as { features?: unknown } | null)?.features;
  if (!Array.isArray(features)) return out;
  for (const f of features as { properties?: Record<string, unknown> | null; geometry?: { type?: string } | null }[]) {
    const p = f?.properties ?? {};
    const code = p.code ?? p.XZQDM ?? p.xzqdm;
    const g = f?.geometry;
    if ((typeof code === 'string' || typeof code === 'number') && (g?.type === 'Polygon' || g?.type === 'MultiPolygon')) out.set(String(code), g as AreaGeometry);
  }
  return out;
}
