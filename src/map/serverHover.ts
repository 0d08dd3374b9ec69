/**
 * Hover in server mode: the parcel under the pointer is read from the server's vector tiles the map already holds
 * (MapLibre's rendered features of the visible server layers, topmost first) — no request per mouse move, which
 * the worker's spatial index answers on files. Its outline is the tile's geometry: exact for a parcel inside one
 * tile; one crossing a tile edge (rare at the parcel zooms, z ≥ 14 tiles are ~2 km) is outlined up to the edge.
 */
import type * as maplibregl from 'maplibre-gl';
import type { AppState, LayerEntry } from '../state/store';

type Hover = NonNullable<AppState['hover']>;

/** Fill layers of the visible server layers, topmost first. */
function serverFillLayers(map: maplibregl.Map, layers: readonly LayerEntry[], mapLayerId: (id: string) => string): { fill: string; layerId: string }[] {
  return [...layers]
    .reverse()
    .filter((l) => l.serverTiles && l.visible && l.opacity > 0)
    .map((l) => ({ fill: `${mapLayerId(l.info.id)}-fill`, layerId: l.info.id }))
    .filter((x) => map.getLayer(x.fill) !== undefined);
}

/** The hovered parcel at a screen point, from the server tiles; undefined when none is there. `mapLayerId`: a layer's map id (MapController). */
export function serverHoverAt(map: maplibregl.Map, layers: readonly LayerEntry[], point: maplibregl.PointLike, mapLayerId: (id: string) => string): Hover | undefined {
  const fills = serverFillLayers(map, layers, mapLayerId);
  if (!fills.length) return undefined;
  const f = map.queryRenderedFeatures(point, { layers: fills.map((x) => x.fill) })[0];
  const g = f?.geometry;
  if (!f || !g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return undefined;
  const layerId = fills.find((x) => x.fill === f.layer.id)?.layerId;
  if (layerId === undefined) return undefined;
  return { layerId, pid: Number(f.id ?? -1), geometry: g };
}
