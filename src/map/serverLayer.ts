/**
 * A layer whose vector tiles come from the province server (`farmland serve`: `/tiles/KIND/z/x/y.mvt`, ST_AsMVT of
 * the stored parcels at and above the detail zoom, the coverage cells below — the same two source layers and
 * properties the browser's tile worker writes), as a MapLibre vector source. Same handle as attachLargeLayer, so
 * the MapController paints, orders and removes it the same way. Areas never come from these tiles.
 */
import type * as maplibregl from 'maplibre-gl';
import type { LayerKind } from '../core/types';
import { AGG_LAYER, type LargeLayerHandle, PARCEL_LAYER } from './largeLayer';
import { OUTLINE_FROM_ZOOM, parcelPaint, setParcelOpacity } from './largeLayer/parcelPaint';

type FillPaint = NonNullable<maplibregl.FillLayerSpecification['paint']>;
type LinePaint = NonNullable<maplibregl.LineLayerSpecification['paint']>;

export function attachServerLayer(map: maplibregl.Map, opts: { id: string; kind: LayerKind; tiles: string }): LargeLayerHandle {
  const { id } = opts;
  const paint = parcelPaint(opts.kind);
  map.addSource(id, { type: 'vector', tiles: [opts.tiles], minzoom: 0, maxzoom: 14 });
  const aggId = `${id}-agg`;
  const fillId = `${id}-fill`;
  const lineId = `${id}-line`;
  map.addLayer({ id: aggId, type: 'fill', source: id, 'source-layer': AGG_LAYER, paint: { 'fill-color': paint.color, 'fill-opacity': paint.aggOpacity(1), 'fill-antialias': false } });
  map.addLayer({ id: fillId, type: 'fill', source: id, 'source-layer': PARCEL_LAYER, paint: { 'fill-color': paint.color, 'fill-opacity': paint.parcelOpacity(1), 'fill-antialias': false } });
  map.addLayer({
    id: lineId, type: 'line', source: id, 'source-layer': PARCEL_LAYER,
    ...(paint.boundary ? {} : { minzoom: OUTLINE_FROM_ZOOM }),
    paint: { 'line-color': paint.lineColor, 'line-width': paint.lineWidth, 'line-opacity': paint.lineOpacity(1) },
  });
  const layerIds = [aggId, fillId, lineId] as const;
  let disposed = false;
  const live = (f: () => void) => {
    if (!disposed) f();
  };
  return {
    id,
    sourceId: id,
    layerIds,
    // nothing to index in the browser: the server cuts the tiles
    ready: Promise.resolve({ count: 0, indexed: 0, detailMinZoom: 0, maxZoom: 14, bounds: null, busiestTile: [], ms: { project: 0, index: 0, spatialIndex: 0 } }),
    setVisible: (visible) =>
      live(() => {
        for (const l of layerIds) map.setLayoutProperty(l, 'visibility', visible ? 'visible' : 'none');
      }),
    setOpacity: (o) => live(() => setParcelOpacity(map, id, paint, Math.max(0, Math.min(1, o)))),
    setFilter: (filter) =>
      live(() => {
        for (const l of [fillId, lineId]) map.setFilter(l, filter);
      }),
    // a per-parcel mask needs the parcels in the browser; the server's tiles are shown whole
    setMask() {},
    setFillColor: (c) => live(() => map.setPaintProperty(fillId, 'fill-color', c)),
    setPaint(layer: 'fill' | 'line', property: keyof FillPaint | keyof LinePaint, value: unknown) {
      const set = map.setPaintProperty.bind(map) as (l: string, p: string, v: unknown) => void;
      live(() => set(layer === 'fill' ? fillId : lineId, property, value));
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const l of layerIds) if (map.getLayer(l)) map.removeLayer(l);
      if (map.getSource(id)) map.removeSource(id);
    },
  };
}
