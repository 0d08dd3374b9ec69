/**
 * Owns the MapLibre map. Fed by the store (zustand subscribe, no React re-renders): hands each layer's packed
 * geometry to the tile worker once (attachLargeLayer: vector tiles cut on demand, aggregates at low zoom — the
 * main thread never walks, clones or stringifies the parcels; docs/large-layers.md), then only flips paint/layout
 * properties when visibility, opacity, order or colouring change. Areas never come from the map: inspect, hover
 * and totals ask the engine. Offline by default: no tile URLs and no glyphs; place names are HTML text (placeLabels.ts), so
 * Chinese and Latin labels render with the system's fonts and nothing is fetched. Online rasters (天地图, XYZ)
 * are added beneath the data when chosen in settings.
 */
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { layerKindInfo } from '../core/layers/kinds';
import type { AppState, AppStore, LayerEntry } from '../state/store';
import { attachLargeLayer, type LargeLayerHandle } from './largeLayer';
import { reuseClippingMasks } from './reuseClippingMasks';
import { attachServerLayer } from './serverLayer';
import { PlaceLabels, placesFromGeojson, VILLAGE_LABELS_FROM_ZOOM } from './placeLabels';
import { regionMaskFilters } from './regionMask';
import { baseStyle, fillColor, onlineTiles, TOWNSHIP_FILL } from './styles';
import { panelPadding } from './panelPadding';
import type { SheetSource } from '../ui/sheet/source';
import { haversineM as sheetHaversine } from '../ui/sheet/sheetLayout';

maplibregl.setWorkerUrl(workerUrl);

/** Map id of a layer: its vector source, and the prefix of its style layers (`${mapLayerId(id)}-fill`, `-line`, …). */
export const mapLayerId = (id: string) => `layer-${id}`;

/** The remainder highlight's style layers, and its fill (a saturated red, distinct from every layer kind's colour). */
export const REMAINDER_LAYERS = ['hs-remainder-fill', 'hs-remainder-line'] as const;
export const REMAINDER_COLOR = '#e8175d';


export class MapController {
  readonly map: maplibregl.Map;
  private added = new Map<string, LayerEntry>();
  private handles = new Map<string, LargeLayerHandle>();
  private orderKey = '';
  private styleKey = '';
  private basemapKey = '';
  private labels?: PlaceLabels;
  private removed = false;
  private unsubscribe: () => void;
  private rafPending = false;
  private lastMouse?: maplibregl.MapMouseEvent;
  private basemapLoaded = false;
  private ready = false;
  /** False while a drawing tool is active: a map click then places a vertex (setInspectOnClick). */
  private inspectOnClick = true;

  constructor(container: HTMLElement, private store: AppStore) {
    const view = store.getState().view;
    this.map = new maplibregl.Map({
      container,
      style: baseStyle(),
      center: view?.center ?? [110, 35],
      zoom: view?.zoom ?? 3,
      bearing: view?.bearing ?? 0,
      attributionControl: false,
      canvasContextAttributes: { preserveDrawingBuffer: true },
      maxPitch: 0,
    });
    reuseClippingMasks(this.map);
    this.map.addControl(new maplibregl.NavigationControl({ visualizePitch: false }), 'top-right');
    this.map.addControl(new NorthArrow(), 'top-right');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric', maxWidth: 140 }), 'bottom-right');
    this.map.addControl(new maplibregl.AttributionControl({ compact: true }), 'bottom-right');
    this.map.on('load', () => {
      this.ready = true;
      this.safeSync(store.getState());
      container.dataset.mapLoaded = 'true';
    });
    // village names only when zoomed in (placeLabels.ts)
    const zoomClass = () => container.classList.toggle('labels-far', this.map.getZoom() < VILLAGE_LABELS_FROM_ZOOM);
    this.map.on('zoom', zoomClass);
    zoomClass();
    this.map.on('idle', () => {
      container.dataset.mapIdle = String(Date.now());
    });
    this.map.on('moveend', () => {
      const c = this.map.getCenter();
      store.getState().setView({ center: [round(c.lng, 6), round(c.lat, 6)], zoom: round(this.map.getZoom(), 2), bearing: round(this.map.getBearing(), 1) });
    });
    this.map.on('mousemove', (e) => {
      this.lastMouse = e;
      if (this.rafPending) return;
      this.rafPending = true;
      requestAnimationFrame(() => {
        this.rafPending = false;
        if (this.lastMouse) this.onHover(this.lastMouse);
      });
    });
    this.map.on('mouseout', () => {
      store.getState().setCursor(undefined);
      void store.getState().hoverAt(undefined);
    });
    this.map.on('click', (e) => {
      // while a drawing tool is active a click places a vertex; it must not also open the inspect panel
      if (!this.inspectOnClick) return;
      void store.getState().inspectAt(e.lngLat.lng, e.lngLat.lat);
    });
    this.unsubscribe = store.subscribe((s, prev) => {
      if (!this.ready) return; // the 'load' handler syncs the state as it is then
      // the cursor and progress change often and concern no map state: skip them
      if (
        s.layers !== prev.layers ||
        s.settings !== prev.settings ||
        s.region !== prev.region ||
        s.selection !== prev.selection ||
        s.fitRequest !== prev.fitRequest ||
        s.basemapUrls !== prev.basemapUrls ||
        s.manifest !== prev.manifest ||
        s.remainder !== prev.remainder ||
        s.showRemainder !== prev.showRemainder
      )
        this.scheduleSync();
      // the hover outline is an SVG path over the canvas: drawn at once, it costs no map frame
      else if (s.hover !== prev.hover) this.syncHover(s);
    });
  }

  /**
   * Map changes are applied at the next animation frame, coalesced, so that the map's own frame (tile uploads,
   * draw calls) comes one frame after the panels' update that caused it instead of in the same one: the region
   * filter used to put the React update, the labels' restyle and the map render in one 45 ms (CPU) frame.
   */
  private scheduleSync(): void {
    if (this.syncFrame) return;
    this.syncFrame = requestAnimationFrame(() => {
      this.syncFrame = 0;
      this.safeSync(this.store.getState());
    });
  }
  private syncFrame = 0;

  /** Whether a map click inspects the parcels under it (not while a drawing tool is active). */
  setInspectOnClick(on: boolean): void {
    this.inspectOnClick = on;
  }

  destroy(): void {
    this.unsubscribe();
    cancelAnimationFrame(this.syncFrame);
    for (const h of this.handles.values()) h.dispose();
    this.handles.clear();
    this.labels?.remove();
    this.removed = true;
    this.map.remove();
  }

  /** PNG of the map as drawn now (preserveDrawingBuffer keeps the last frame). */
  toPng(): Promise<Blob> {
    return new Promise((resolve, reject) => {
      this.map.once('render', () => undefined);
      this.map.triggerRepaint();
      this.map.once('idle', () => {
        this.map.getCanvas().toBlob((b) => (b ? resolve(b) : reject(new Error('canvas is empty'))), 'image/png');
      });
    });
  }

  /**
   * What a map sheet (src/ui/sheet) needs of the view, after a fresh render: the canvas, its CSS size, the bearing,
   * metres per CSS pixel at the centre (measured across the centre) and the place names shown (DOM labels, not in
   * the canvas) with their positions.
   */
  async sheetSource(focus?: [number, number]): Promise<SheetSource> {
    await new Promise<void>((resolve) => {
      this.map.once('idle', () => resolve());
      this.map.triggerRepaint();
    });
    const c = this.map.getContainer();
    const w = c.clientWidth;
    const h = c.clientHeight;
    const a = this.map.unproject([w / 2 - 50, h / 2]);
    const b = this.map.unproject([w / 2 + 50, h / 2]);
    const box = c.getBoundingClientRect();
    const labels = [...c.querySelectorAll<HTMLElement>('.place-label')]
      .filter((el) => getComputedStyle(el).visibility !== 'hidden' && el.textContent)
      .map((el) => {
        const r = el.getBoundingClientRect();
        const cs = getComputedStyle(el);
        return { text: el.textContent ?? '', x: r.left - box.left + r.width / 2, y: r.top - box.top + r.height / 2, font: `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`, color: cs.color };
      })
      .filter((l) => l.x >= 0 && l.y >= 0 && l.x <= w && l.y <= h);
    const fp = focus ? this.map.project(focus) : undefined;
    return { canvas: this.map.getCanvas(), cssWidth: w, cssHeight: h, bearing: this.map.getBearing(), metersPerCssPx: sheetHaversine([a.lng, a.lat], [b.lng, b.lat]) / 100, labels, ...(fp ? { focus: [fp.x, fp.y] as [number, number] } : {}) };
  }

  private safeSync(s: AppState): void {
    try {
      this.sync(s);
    } catch (err) {
      // a styling failure must not break the store's other listeners
      console.error('map sync failed', err);
    }
  }

  private sync(s: AppState): void {
    this.syncBasemap(s);
    // layers removed from the store
    for (const id of [...this.added.keys()]) {
      if (!s.layers.some((l) => l.info.id === id)) {
        this.handles.get(id)?.dispose();
        this.handles.delete(id);
        this.added.delete(id);
      }
    }
    const styleKey = `${s.settings.cultivatedStyle}|${s.region?.level}:${s.region?.code}`;
    const styleChanged = styleKey !== this.styleKey;
    this.styleKey = styleKey;
    for (const entry of s.layers) {
      const prev = this.added.get(entry.info.id);
      if (!prev) this.addLayer(entry);
      if (!prev || styleChanged || prev.visible !== entry.visible || prev.opacity !== entry.opacity) this.paint(entry, s);
      this.added.set(entry.info.id, entry);
    }
    this.ensureOverlays();
    const orderKey = s.layers.map((l) => l.info.id).join('|');
    if (orderKey !== this.orderKey) {
      this.orderKey = orderKey;
      for (const l of s.layers) for (const lid of this.handles.get(l.info.id)?.layerIds ?? []) this.map.moveLayer(lid);
      for (const id of ['region-mask', 'region-outline', ...REMAINDER_LAYERS, 'selection-line']) if (this.map.getLayer(id)) this.map.moveLayer(id);
    }
    this.syncSelection(s);
    this.syncRemainder(s);
    this.syncHover(s);
    this.syncRegionMask(s);
    if (s.fitRequest && s.fitRequest.seq !== this.fitSeq) {
      this.fitSeq = s.fitRequest.seq;
      const b = s.fitRequest.bbox;
      const v = s.fitRequest.view;
      if (v) this.map.jumpTo({ center: v.center, zoom: v.zoom, bearing: v.bearing });
      else this.map.fitBounds([b[0], b[1], b[2], b[3]], { padding: panelPadding(this.map.getContainer()), duration: 0, maxZoom: 17 });
    }
  }
  private fitSeq = 0;

  private syncBasemap(s: AppState): void {
    if (!this.basemapLoaded && s.manifest) {
      this.basemapLoaded = true;
      const { townships, roads, places } = s.basemapUrls;
      if (townships) {
        this.map.addSource('townships', { type: 'geojson', data: townships });
        this.map.addLayer({ id: 'townships-fill', type: 'fill', source: 'townships', paint: { 'fill-color': TOWNSHIP_FILL, 'fill-opacity': 1, 'fill-antialias': false } });
        this.map.addLayer({ id: 'townships-line', type: 'line', source: 'townships', paint: { 'line-color': '#8d8f94', 'line-width': 1.4, 'line-dasharray': [4, 2] } });
        this.map.addLayer({ id: 'region-mask', type: 'fill', source: 'townships', filter: ['==', 'XZQDM', '__none__'], paint: { 'fill-color': '#f4f5f2', 'fill-opacity': 0.72, 'fill-antialias': false } });
        this.map.addLayer({ id: 'region-outline', type: 'line', source: 'townships', filter: ['==', 'XZQDM', '__none__'], paint: { 'line-color': '#16324f', 'line-width': 3 } });
      }
      if (roads) {
        this.map.addSource('roads', { type: 'geojson', data: roads });
        this.map.addLayer({ id: 'roads-casing', type: 'line', source: 'roads', paint: { 'line-color': '#c8c2b4', 'line-width': 4 }, layout: { 'line-cap': 'round' } });
        this.map.addLayer({ id: 'roads', type: 'line', source: 'roads', paint: { 'line-color': '#fffdf6', 'line-width': 2.2 }, layout: { 'line-cap': 'round' } });
      }
      if (places) void this.addPlaceLabels(places);
    }
    const online = onlineTiles(s.settings.basemap, s.settings.tiandituKey, s.settings.xyzUrl);
    const key = JSON.stringify(online);
    if (key === this.basemapKey) return;
    for (const id of ['tdt-vec', 'tdt-cva', 'xyz']) {
      if (this.map.getLayer(id)) this.map.removeLayer(id);
      if (this.map.getSource(id)) this.map.removeSource(id);
    }
    this.basemapKey = key;
    for (const o of online) {
      this.map.addSource(o.id, { type: 'raster', tiles: o.tiles, tileSize: 256, attribution: o.attribution, maxzoom: 18 });
      this.map.addLayer({ id: o.id, type: 'raster', source: o.id }, this.map.getLayer('townships-fill') ? 'townships-fill' : undefined);
    }
    if (this.map.getLayer('townships-fill')) this.map.setPaintProperty('townships-fill', 'fill-opacity', online.length ? 0 : 1);
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

  private addLayer(entry: LayerEntry): void {
    const id = entry.info.id;
    // the packed arrays are transferred to the tile worker here (detached afterwards)
    // parcels (not coverage cells) from the zoom where the busiest tile holds ≤ 12,000 of them: a township-sized
    // layer like the demo county's 20k 耕地 parcels shows parcels — and their grade / slope colours — from the county
    // view on; a 500k county still shows cells below z12 (docs/large-layers.md)
    // server mode: the province server cuts the tiles (serverLayer.ts)
    const handle = entry.serverTiles
      ? attachServerLayer(this.map, { id: mapLayerId(id), kind: entry.info.kind, tiles: entry.serverTiles })
      : attachLargeLayer(this.map, { id: mapLayerId(id), kind: entry.info.kind, packed: entry.packed, tiles: { maxParcelsPerTile: 12_000 } });
    handle.ready.catch((err: unknown) => console.error(`tiles for ${id} failed`, err));
    this.handles.set(id, handle);
  }

  private paint(entry: LayerEntry, s: AppState): void {
    const h = this.handles.get(entry.info.id);
    if (!h) return;
    const info = layerKindInfo(entry.info.kind);
    h.setVisible(entry.visible);
    h.setOpacity(entry.opacity);
    if (info.role === 'boundary') {
      h.setPaint('line', 'line-width', 2.5);
      if (entry.info.kind === 'urban-boundary') h.setPaint('line', 'line-dasharray', [3, 1.5]);
      return;
    }
    // the packed tiles carry the engine's grade / slope as numeric columns `gddj`, `gdpdjb`. A plain colour stays a
    // uniform (no per-vertex colour array); grade / slope colouring is an expression, whose shader variant the
    // large layers compile during load (programWarmup.ts, docs/large-layers.md)
    const fields = { gddj: entry.info.fields.gddj && 'gddj', gdpdjb: entry.info.fields.gdpdjb && 'gdpdjb' };
    h.setFillColor(fillColor(entry.info.kind, s.settings.cultivatedStyle, fields));
  }

  private onHover(e: maplibregl.MapMouseEvent): void {
    const pos: [number, number] = [e.lngLat.lng, e.lngLat.lat];
    const st = this.store.getState();
    st.setCursor(pos);
    // the parcel under the pointer comes from the engine's spatial index in the worker (no tile decoding here)
    void st.hoverAt(pos);
  }

  /**
   * The hovered parcel is an SVG path over the map canvas, re-projected on each map frame — not a map source:
   * changing a source re-renders the whole map, and under software WebGL (SwiftShader, 2 cores) one frame of the
   * demo county costs ~1.2 s of GPU-process CPU, which starved the page's main thread while the pointer moved.
   */
  private syncHover(s: AppState): void {
    if (s.hover === this.hover) return;
    this.hover = s.hover;
    this.drawHover();
    this.map.getCanvas().style.cursor = s.hover ? 'pointer' : '';
  }
  private hover: AppState['hover'];
  private hoverPath?: SVGPathElement;

  private drawHover(): void {
    if (!this.hoverPath) {
      const NS = 'http://www.w3.org/2000/svg';
      const svg = document.createElementNS(NS, 'svg');
      svg.setAttribute('class', 'hover-overlay');
      svg.setAttribute('aria-hidden', 'true');
      const path = document.createElementNS(NS, 'path');
      path.setAttribute('data-testid', 'hover-outline');
      svg.appendChild(path);
      // above the map canvas, below the HTML place labels (appended to the same container later)
      this.map.getCanvas().after(svg);
      this.hoverPath = path;
      this.map.on('render', () => {
        if (this.hover) this.drawHover();
      });
    }
    const h = this.hover;
    let d = '';
    if (h) {
      const g = h.geometry;
      for (const poly of g.type === 'Polygon' ? [g.coordinates] : g.coordinates)
        for (const ring of poly) {
          for (let i = 0; i < ring.length; i++) {
            const p = this.map.project([ring[i][0], ring[i][1]]);
            d += `${i ? 'L' : 'M'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`;
          }
          d += 'Z';
        }
    }
    const path = this.hoverPath;
    if (path.getAttribute('d') !== d) path.setAttribute('d', d);
    path.dataset.layerId = h?.layerId ?? '';
    path.dataset.pid = h ? String(h.pid) : '';
  }

  /**
   * The selection is drawn by a tiny overlay source holding only the selected parcels — not by feature-state on the
   * big sources, which re-uploads whole paint buffers on every change (seconds on 20k parcels).
   */
  private ensureOverlays(): void {
    if (this.map.getSource('selection')) return;
    const empty = { type: 'FeatureCollection' as const, features: [] };
    // 永久基本农田 not yet in 高标准农田 (the indicators' candidates): a small overlay source, hidden until asked for
    this.map.addSource('hs-remainder', { type: 'geojson', data: empty });
    this.map.addLayer({ id: 'hs-remainder-fill', type: 'fill', source: 'hs-remainder', layout: { visibility: 'none' }, paint: { 'fill-color': REMAINDER_COLOR, 'fill-opacity': 0.75 } });
    this.map.addLayer({ id: 'hs-remainder-line', type: 'line', source: 'hs-remainder', layout: { visibility: 'none' }, paint: { 'line-color': '#67000d', 'line-width': 1.2 } });
    this.map.addSource('selection', { type: 'geojson', data: empty });
    this.map.addLayer({ id: 'selection-line', type: 'line', source: 'selection', paint: { 'line-color': '#0b63ce', 'line-width': 3 } });
  }

  private syncSelection(s: AppState): void {
    if (s.selection === this.selection) return;
    this.selection = s.selection;
    const src = this.map.getSource('selection') as maplibregl.GeoJSONSource | undefined;
    src?.setData({ type: 'FeatureCollection', features: s.selection.map((h) => ({ type: 'Feature', properties: {}, geometry: h.geometry })) });
  }
  private selection: AppState['selection'] = [];

  /** The remainder highlight: data when the engine's answer changes, visibility when the toggle does. */
  private syncRemainder(s: AppState): void {
    if (s.remainder !== this.remainder) {
      this.remainder = s.remainder;
      const src = this.map.getSource('hs-remainder') as maplibregl.GeoJSONSource | undefined;
      src?.setData(s.remainder ?? { type: 'FeatureCollection', features: [] });
    }
    const vis = s.showRemainder ? 'visible' : 'none';
    for (const id of REMAINDER_LAYERS) if (this.map.getLayer(id) && this.map.getLayoutProperty(id, 'visibility') !== vis) this.map.setLayoutProperty(id, 'visibility', vis);
    this.map.getContainer().dataset.remainderShown = String(s.showRemainder && (s.remainder?.features.length ?? 0) > 0);
  }
  private remainder: AppState['remainder'];

  /** Outside the selected township: a translucent veil from the (tiny) townships source; the township outlined. */
  private syncRegionMask(s: AppState): void {
    const key = s.region ? `${s.region.level}:${s.region.code}` : '';
    if (key === this.regionKey || !this.map.getSource('townships')) return;
    this.regionKey = key;
    const { mask, outline } = regionMaskFilters(s.region);
    // validated in regionMask.test.ts: MapLibre's validator here cost ~4 ms of the region change's map frame
    this.map.setFilter('region-mask', mask, { validate: false });
    this.map.setFilter('region-outline', outline, { validate: false });
  }
  private regionKey = '';
}

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

/** A north arrow that turns with the map's bearing (also printed with the map). */
class NorthArrow implements maplibregl.IControl {
  private el?: HTMLDivElement;
  private map?: maplibregl.Map;
  private readonly onRotate = () => {
    if (this.el && this.map) this.el.style.transform = `rotate(${-this.map.getBearing()}deg)`;
  };
  onAdd(map: maplibregl.Map): HTMLElement {
    this.map = map;
    const el = document.createElement('div');
    el.className = 'maplibregl-ctrl north-arrow';
    el.setAttribute('aria-label', 'N');
    el.innerHTML =
      '<svg viewBox="0 0 24 36" width="24" height="36" aria-hidden="true"><polygon points="12,2 20,26 12,21 4,26" fill="#1d2b3a"/><polygon points="12,2 12,21 4,26" fill="#8a99a8"/><text x="12" y="35" text-anchor="middle" font-size="9" font-weight="700" fill="#1d2b3a">N</text></svg>';
    this.el = el;
    map.on('rotate', this.onRotate);
    return el;
  }
  onRemove(): void {
    this.map?.off('rotate', this.onRotate);
    this.el?.remove();
  }
}
