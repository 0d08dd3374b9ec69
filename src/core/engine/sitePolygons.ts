/** The polygons of a site or supplements file: every Polygon / MultiPolygon feature, with its id and attributes. */
import { readAttrs } from '../layers/fields';
import { parcelId } from '../layers/layer';
import type { AreaGeometry, ParcelAttrs } from '../types';

export interface SitePolygon {
  /** Position of the feature in the file. */
  index: number;
  /** The 三调 id (BSM …), else the feature id, else `#index`. */
  id: string;
  geometry: AreaGeometry;
  /** The feature's properties as read (null or absent: undefined). */
  properties: unknown;
  attrs: ParcelAttrs;
}

/**
 * The Polygon / MultiPolygon features of a file (other geometry types and features without geometry are skipped).
 *
 * @param features - GeoJSON features as read (io/readAny)
 * @returns one entry per polygon feature, in file order
 * @example
 * sitePolygons(read.layers[0].features).map((p) => p.id); // ['#0', 'BSM-12', …]
 */
export function sitePolygons(features: readonly unknown[]): SitePolygon[] {
  const out: SitePolygon[] = [];
  features.forEach((f, i) => {
    const feat = f as { id?: unknown; geometry?: { type?: unknown; coordinates?: unknown } | null; properties?: unknown } | null;
    const g = feat?.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon') || !Array.isArray(g.coordinates)) return;
    const attrs = readAttrs(feat?.properties);
    out.push({ index: i, id: parcelId(attrs.id, feat?.id, i), geometry: g as AreaGeometry, properties: feat?.properties ?? undefined, attrs });
  });
  return out;
}
