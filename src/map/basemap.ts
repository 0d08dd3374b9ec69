/**
 * What lies under the data: the townships (fill, dashed outline, the region veil and outline), roads, HTML place
 * labels (placeLabels.ts) from the manifest's basemap files, and the online rasters (天地图, XYZ) chosen in settings.
 */
import type * as maplibregl from 'maplibre-gl';
import type { AppState } from '../state/store';
import { PlaceLabels, placesFromGeojson } from './placeLabels';
import { regionMaskFilters } from './regionMask';
import { onlineTiles, TOWNSHIP_FILL } from './styles';

export class Basemap {
  private loaded = false;
  private onlineKey = '';
  private regionKey = '';
  private labels?: PlaceLabels;
  private removed = false;

  constructor(private readonly map: maplibregl.Map) {}

  /** The manifest's basemap files once, then the online rasters whenever the settings change them. */
  sync(s: AppState): void {
    if (!this.loaded && s.manifest) {
      this.loaded = true;
      this.addLocal(s.basemapUrls);
    }
    const online = onlineTiles(s.settings.basemap, s.settings.tiandituKey, s.settings.xyzUrl);
    const key = JSON.stringify(online);
    if (key === this.onlineKey) return;
    const map = this.map;
    for (const id of ['tdt-vec', 'tdt-cva', 'xyz']) {
      if (map.getLayer(id)) map.removeLayer(id);
      if (map.getSource(id)) map.removeSource(id);
    }
    this.onlineKey = key;
    for (const o of online) {
      map.addSource(o.id, { type: 'raster', tiles: o.tiles, tileSize: 256, attribution: o.attribution, maxzoom: 18 });
      map.addLayer({ id: o.id, type: 'raster', source: o.id }, map.getLayer('townships-fill') ? 'townships-fill' : undefined);
    }
    if (map.getLayer('townships-fill')) map.setPaintProperty('townships-fill', 'fill-opacity', online.length ? 0 : 1);
  }

  /** Outside the selected township: a translucent veil from the (tiny) townships source; the township outlined. */
  syncRegionMask(region: AppState['region']): void {
    const key = region ? `${region.level}:${region.code}` : '';
    if (key === this.regionKey || !this.map.getSource('townships')) return;
    this.regionKey = key;
    const { mask, outline } = regionMaskFilters(region);
    // validated in regionMask.test.ts: MapLibre's validator here cost ~4 ms of the region change's map frame
    this.map.setFilter('region-mask', mask, { validate: false });
    this.map.setFilter('region-outline', outline, { validate: false });
  }

  remove(): void {
    this.removed = true;
    this.labels?.remove();
  }

  private addLocal({ townships, roads, places }: AppState['basemapUrls']): void {
    const map = this.map;
    if (townships) {
      map.addSource('townships', { type: 'geojson', data: townships });
      map.addLayer({ id: 'townships-fill', type: 'fill', source: 'townships', paint: { 'fill-color': TOWNSHIP_FILL, 'fill-opacity': 1, 'fill-antialias': false } });
      map.addLayer({ id: 'townships-line', type: 'line', source: 'townships', paint: { 'line-color': '#8d8f94', 'line-width': 1.4, 'line-dasharray': [4, 2] } });
      map.addLayer({ id: 'region-mask', type: 'fill', source: 'townships', filter: ['==', 'XZQDM', '__none__'], paint: { 'fill-color': '#f4f5f2', 'fill-opacity': 0.72, 'fill-antialias': false } });
      map.addLayer({ id: 'region-outline', type: 'line', source: 'townships', filter: ['==', 'XZQDM', '__none__'], paint: { 'line-color': '#16324f', 'line-width': 3 } });
    }
    if (roads) {
      map.addSource('roads', { type: 'geojson', data: roads });
      map.addLayer({ id: 'roads-casing', type: 'line', source: 'roads', paint: { 'line-color': '#c8c2b4', 'line-width': 4 }, layout: { 'line-cap': 'round' } });
      map.addLayer({ id: 'roads', type: 'line', source: 'roads', paint: { 'line-color': '#fffdf6', 'line-width': 2.2 }, layout: { 'line-cap': 'round' } });
    }
    if (places) void this.addPlaceLabels(places);
  }

  private async addPlaceLabels(url: string): Promise<void> {
    if (!url) return;
    try {
      const res = await fetch(url);
      const places = placesFromGeojson(await res.json());
      if (this.removed || !places.length) return;
      this.labels = new PlaceLabels(this.map, places);
    } catch {
      // labels are cosmetic: the map works without them
    }
  }
}
