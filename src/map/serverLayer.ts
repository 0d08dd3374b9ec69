/**
 * A layer whose vector tiles come from the province server (`farmland serve`: `/tiles/KIND/z/x/y.mvt`, ST_AsMVT of
 * the stored parcels at and above the detail zoom, the coverage cells below — the same two source layers and
 * properties the browser's tile worker writes), as a MapLibre vector source. Same handle as attachLargeLayer, so
 * the MapController paints, orders and removes it the same way. Areas never come from these tiles.
 */
import type * as maplibregl from 'maplibre-gl';
import { layerKindInfo } from '../core/layers/kinds';
import type { LayerKind } from '../core/types';
import { AGG_LAYER, type LargeLayerHandle, PARCEL_LAYER } from './largeLayer';
import { mix } from './styles';

type FillPaint = NonNullable<maplibregl.FillLayerSpecification['paint']>;
type LinePaint = NonNullable<maplibregl.LineLayerSpecification['paint']>;

/** Zoom from which parcel outlines show (as for the browser's tiles). */
const OUTLINE_FROM_ZOOM = 12;

export function attachServerLayer(map: maplibregl.Map, opts: { id: string; kind: LayerKind; tiles: string }): LargeLayerHandle {
  const { id } = opts;
  const info = layerKindInfo(opts.kind);
  const color = info.color;
  const boundary = info.role === 'boundary';
  map.addSource(id, { type: 'vector', tiles: [opts.tiles], minzoom: 0, maxzoom: 14 });
  let opacity = 1;
  const aggId = `${id}-agg`;
  const fillId = `${id}-fill`;
  const lineId = `${id}-line`;
  const aggOpacity = (): maplibregl.DataDrivenPropertyValueSpecification<number> => ['interpolate', ['linear'], ['get', 'share'], 0, 0.2 * opacity, 1, 0.9 * opacity];
  const parcelOpacity = () => (boundary ? 0.08 : 0.75) * opacity;
  const lineOpacity = (): maplibregl.DataDrivenPropertyValueSpecification<number> =>
    boundary ? opacity : ['interpolate', ['linear'], ['zoom'], OUTLINE_FROM_ZOOM, 0, OUTLINE_FROM_ZOOM + 1, opacity];
  const lineColor = boundary ? color : mix(color, '#000000', 0.4);
  const lineWidth: maplibregl.DataDrivenPropertyValueSpecification<number> = boundary ? 2 : ['interpolate', ['linear'], ['zoom'], 12, 0.3, 16, 1];
  map.addLayer({ id: aggId, type: 'fill', source: id, 'source-layer': AGG_LAYER, paint: { 'fill-color': color, 'fill-opacity': aggOpacity(), 'fill-antialias': false } });
  map.addLayer({ id: fillId, type: 'fill', source: id, 'source-layer': PARCEL_LAYER, paint: { 'fill-color': color, 'fill-opacity': parcelOpacity(), 'fill-antialias': false } });
  map.addLayer({
    id: lineId, type: 'line', source: id, 'source-layer': PARCEL_LAYER,
    ...(boundary ? {} : { minzoom: OUTLINE_FROM_ZOOM }),
    paint: { 'line-color': lineColor, 'line-width': lineWidth, 'line-opacity': lineOpacity() },
  });
  const layerIds = [aggId, fillId, lineId] as const;
  let disposed = false;
  return {
    id,
    sourceId: id,
    layerIds,
    // nothing to index in the browser: the server cuts the tiles
    ready: Promise.resolve({ count: 0, indexed: 0, detailMinZoom: 0, maxZoom: 14, bounds: null, busiestTile: [], ms: { project: 0, index: 0, spatialIndex: 0 } }),
    setVisible(visible) {
      if (!disposed) for (const l of layerIds) map.setLayoutProperty(l, 'visibility', visible ? 'visible' : 'none');
    },
    setOpacity(o) {
      if (disposed) return;
      opacity = Math.max(0, Math.min(1, o));
      map.setPaintProperty(aggId, 'fill-opacity', aggOpacity());
      map.setPaintProperty(fillId, 'fill-opacity', parcelOpacity());
      map.setPaintProperty(lineId, 'line-opacity', lineOpacity());
    },
    setFilter(filter) {
      if (disposed) return;
      map.setFilter(fillId, filter);
      map.setFilter(lineId, filter);
    },
    // a per-parcel mask needs the parcels in the browser; the server's tiles are shown whole
    setMask() {},
    setFillColor(c) {
      if (!disposed) map.setPaintProperty(fillId, 'fill-color', c);
    },
    setPaint(layer: 'fill' | 'line', property: keyof FillPaint | keyof LinePaint, value: unknown) {
      if (disposed) return;
      const set = map.setPaintProperty.bind(map) as (l: string, p: string, v: unknown) => void;
      set(layer === 'fill' ? fillId : lineId, property, value);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const l of layerIds) if (map.getLayer(l)) map.removeLayer(l);
      if (map.getSource(id)) map.removeSource(id);
    },
  };
}
