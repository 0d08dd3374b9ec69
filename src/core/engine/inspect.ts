/** What lies under a point: the parcels of the given layers that contain it, with their figures (the inspect panel). */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { geometryArea } from '../area/area';
import { searchIndex } from '../index/spatialIndex';
import { plainGeometry } from '../io/flatGeometry';
import type { Layer } from '../layers/layer';
import { parcelProps } from '../layers/propsTable';
import type { AreaGeometry, BBox, LayerKind } from '../types';
import { attrOf, locationCode } from '../layers/attrTable';

export interface InspectHit {
  layerId: string;
  kind: LayerKind;
  layerName: string;
  /** Parcel index in the layer = the map feature id (`__pid`). */
  pid: number;
  id: string;
  /** Original properties, as read from the file (rendered as text only). */
  props: Record<string, unknown>;
  areaEllipsoidalM2: number;
  areaSphericalM2: number;
  /** Declared TBMJ / YJJBNTTBMJ (m²) if present. */
  declaredM2?: number;
  declaredField?: string;
  dlbm?: string;
  gddj?: number;
  gdpdjb?: number;
  zldwdm?: string;
  zldwmc?: string;
  bbox: BBox;
  /** The parcel's geometry (lon/lat), for the selection outline. */
  geometry: AreaGeometry;
}

/**
 * The parcels containing a point, layer by layer in the order given, parcels in file order.
 *
 * @param layers - [id, layer] pairs, top layer first (unknown ids are skipped by the caller)
 * @param lon - longitude (CGCS2000 / WGS84 degrees)
 * @param lat - latitude
 * @param first - only the topmost hit (hover)
 * @returns the hits with ellipsoidal and spherical area, declared area and the main 三调 attributes
 * @example
 * inspectPoint([['c', cultivated]], 120.1, 30.2, false).map((h) => h.id);
 */
export function inspectPoint(layers: readonly (readonly [string, Layer])[], lon: number, lat: number, first = false): InspectHit[] {
  const hits: InspectHit[] = [];
  const pt = [lon, lat];
  for (const [id, layer] of layers) {
    if (first && hits.length) break;
    const candidates = searchIndex(layer.index, layer.parcels.length, [lon, lat, lon, lat]);
    for (const pid of candidates.sort((a, b) => a - b)) {
      const p = layer.parcels[pid];
      if (first && hits.length) break;
      if (!booleanPointInPolygon(pt, p.geometry)) continue;
      const declaredField = attrOf(p, 'tbmj') !== undefined ? 'TBMJ' : attrOf(p, 'yjjbnttbmj') !== undefined ? 'YJJBNTTBMJ' : undefined;
      hits.push({
        layerId: id,
        kind: layer.kind,
        layerName: layer.name,
        pid,
        id: p.id,
        props: parcelProps(layer, p),
        areaEllipsoidalM2: p.areaM2,
        areaSphericalM2: geometryArea(p.geometry, 'spherical'),
        declaredM2: attrOf(p, 'tbmj') ?? attrOf(p, 'yjjbnttbmj'),
        declaredField,
        dlbm: attrOf(p, 'dlbm'),
        gddj: attrOf(p, 'gddj'),
        gdpdjb: attrOf(p, 'gdpdjb'),
        zldwdm: locationCode(p),
        zldwmc: attrOf(p, 'zldwmc'),
        bbox: p.bbox,
        geometry: plainGeometry(p.geometry),
      });
    }
  }
  return hits;
}
