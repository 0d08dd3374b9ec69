/**
 * Small overlay sources above the data: the selected parcels' outline, and the 永久基本农田 not yet in 高标准农田
 * (the indicators' remainder, hidden until asked for). Drawn from tiny sources — not feature-state on the big
 * sources, which re-uploads whole paint buffers on every change (seconds on 20k parcels).
 */
import type * as maplibregl from 'maplibre-gl';
import type { AppState } from '../state/store';

/** The remainder highlight's style layers, and its fill (a saturated red, distinct from every layer kind's colour). */
export const REMAINDER_LAYERS = ['hs-remainder-fill', 'hs-remainder-line'] as const;
export const REMAINDER_COLOR = '#e8175d';

/** Style layers drawn above every data layer, bottom to top. */
export const TOP_LAYERS = ['region-mask', 'region-outline', ...REMAINDER_LAYERS, 'selection-line'] as const;

export class Overlays {
  private selection: AppState['selection'] = [];
  private remainder: AppState['remainder'];

  constructor(private readonly map: maplibregl.Map) {}

  /** Add the overlay sources and style layers once. */
  ensure(): void {
    const map = this.map;
    if (map.getSource('selection')) return;
    const empty = { type: 'FeatureCollection' as const, features: [] };
    map.addSource('hs-remainder', { type: 'geojson', data: empty });
    map.addLayer({ id: 'hs-remainder-fill', type: 'fill', source: 'hs-remainder', layout: { visibility: 'none' }, paint: { 'fill-color': REMAINDER_COLOR, 'fill-opacity': 0.75 } });
    map.addLayer({ id: 'hs-remainder-line', type: 'line', source: 'hs-remainder', layout: { visibility: 'none' }, paint: { 'line-color': '#67000d', 'line-width': 1.2 } });
    map.addSource('selection', { type: 'geojson', data: empty });
    map.addLayer({ id: 'selection-line', type: 'line', source: 'selection', paint: { 'line-color': '#0b63ce', 'line-width': 3 } });
  }

  sync(s: AppState): void {
    this.syncSelection(s);
    this.syncRemainder(s);
  }

  private syncSelection(s: AppState): void {
    if (s.selection === this.selection) return;
    this.selection = s.selection;
    const src = this.map.getSource('selection') as maplibregl.GeoJSONSource | undefined;
    src?.setData({ type: 'FeatureCollection', features: s.selection.map((h) => ({ type: 'Feature', properties: {}, geometry: h.geometry })) });
  }

  /**
   * The remainder highlight: the parcels go to MapLibre only while the highlight is shown (a 500k county's remainder
   * is ~100k parcels: handing them to MapLibre's worker after every load, for a layer hidden by default, was part of
   * the ~10 s of CPU the app spent after ready — worker/indicatorsHandler.ts); hidden, the source is emptied.
   * Visibility follows the toggle.
   */
  private syncRemainder(s: AppState): void {
    const map = this.map;
    const data = s.showRemainder ? s.remainder : undefined;
    if (data !== this.remainder) {
      this.remainder = data;
      const src = map.getSource('hs-remainder') as maplibregl.GeoJSONSource | undefined;
      src?.setData(data ?? { type: 'FeatureCollection', features: [] });
    }
    const vis = s.showRemainder ? 'visible' : 'none';
    for (const id of REMAINDER_LAYERS) if (map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== vis) map.setLayoutProperty(id, 'visibility', vis);
    map.getContainer().dataset.remainderShown = String(s.showRemainder && (s.remainder?.features.length ?? 0) > 0);
  }
}
