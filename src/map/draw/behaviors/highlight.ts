/**
 * The parcels the site touches, shown by a tiny overlay source of their own (not feature-state on the big parcel
 * sources), and kept on top with the drawing: layers added later (data loading after the drawing started) must
 * stay beneath the highlight and terra-draw's `td-*` layers.
 */
import type * as maplibregl from 'maplibre-gl';
import type { AreaGeometry, LayerKind } from '../../../core/types';

const HL_SRC = 'draw-touched';
const HL_LAYERS = ['draw-touched-fill', 'draw-touched-line'];

/**
 * The ids to move to the top, in order (highlight first, then the drawing's), or undefined when the style's
 * layers already end with them in that order.
 */
export function overlayOrder(layerIds: readonly string[]): string[] | undefined {
  const ours = layerIds.filter((id) => id.startsWith('td-') || HL_LAYERS.includes(id));
  if (!ours.length) return undefined;
  const tail = layerIds.slice(layerIds.length - ours.length);
  const wanted = [...HL_LAYERS.filter((id) => ours.includes(id)), ...ours.filter((id) => !HL_LAYERS.includes(id))];
  return tail.join('|') === wanted.join('|') ? undefined : wanted;
}

export class TouchedHighlight {
  private readonly onStyle = () => this.keepOnTop();

  constructor(private readonly map: maplibregl.Map) {
    map.on('styledata', this.onStyle);
  }

  set(items: { kind: LayerKind; geometry: AreaGeometry }[]): void {
    const data = { type: 'FeatureCollection' as const, features: items.map((h) => ({ type: 'Feature' as const, properties: { kind: h.kind }, geometry: h.geometry })) };
    const src = this.map.getSource(HL_SRC) as maplibregl.GeoJSONSource | undefined;
    if (src) {
      src.setData(data);
      return;
    }
    this.map.addSource(HL_SRC, { type: 'geojson', data });
    this.map.addLayer({ id: HL_LAYERS[0], type: 'fill', source: HL_SRC, paint: { 'fill-color': '#ffd400', 'fill-opacity': 0.45, 'fill-antialias': false } });
    this.map.addLayer({ id: HL_LAYERS[1], type: 'line', source: HL_SRC, paint: { 'line-color': '#b35806', 'line-width': 1.6 } });
    this.keepOnTop();
  }

  keepOnTop(): void {
    const move = overlayOrder((this.map.getStyle()?.layers ?? []).map((l) => l.id));
    if (move) for (const id of move) this.map.moveLayer(id);
  }

  dispose(): void {
    this.map.off('styledata', this.onStyle);
  }
}
