/**
 * Owns the MapLibre map. Fed by the store (zustand subscribe, no React re-renders): hands each layer's packed
 * geometry to the tile worker once (attachLargeLayer: vector tiles cut on demand, aggregates at low zoom — the
 * main thread never walks, clones or stringifies the parcels; docs/large-layers.md), then only flips paint/layout
 * properties when visibility, opacity, order or colouring change. Areas never come from the map: inspect, hover
 * and totals ask the engine. Offline by default: no tile URLs and no glyphs; place names are HTML text (placeLabels.ts), so
 * Chinese and Latin labels render with the system's fonts and nothing is fetched. Online rasters (天地图, XYZ)
 * are added beneath the data when chosen in settings.
 *
 * Its parts: basemap.ts (townships, roads, labels, rasters, region veil), layerPaint.ts (a data layer's style),
 * overlays.ts (selection, remainder), hoverOutline.ts (the hovered parcel), sheetSource.ts (the view for a map
 * sheet), northArrow.ts. This file keeps the store subscription, the layers' lifetime and order, and fit requests.
 */
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { AppState, AppStore, LayerEntry } from '../state/store';
import { attachServerLayer } from './serverLayer';
import type { SheetSource } from '../ui/sheet/source';
import { type SiteShapes, withSiteShown } from './reportSite';
import { keepInspectedClear } from './inspectClear';
import { Basemap } from './basemap';
import { HoverOutline } from './hoverOutline';
import { attachLargeLayer, type LargeLayerHandle } from './largeLayer';
import { paintLayer } from './layerPaint';
import { NorthArrow } from './northArrow';
import { Overlays, TOP_LAYERS } from './overlays';
import { panelPadding } from './panelPadding';
import { serverHoverAt } from './serverHover';
import { VILLAGE_LABELS_FROM_ZOOM } from './placeLabels';
import { reuseClippingMasks } from './reuseClippingMasks';
import { sheetSource } from './sheetSource';
import { baseStyle } from './styles';
import { labelControls } from './controlLabels';

maplibregl.setWorkerUrl(workerUrl);

/** Map id of a layer: its vector source, and the prefix of its style layers (`${mapLayerId(id)}-fill`, `-line`, …). */
export const mapLayerId = (id: string) => `layer-${id}`;

export { REMAINDER_COLOR, REMAINDER_LAYERS } from './overlays';

export class MapController {
  readonly map: maplibregl.Map;
  private added = new Map<string, LayerEntry>();
  private handles = new Map<string, LargeLayerHandle>();
  private orderKey = '';
  private styleKey = '';
  private fitSeq = 0;
  private syncFrame = 0;
  private readonly basemap: Basemap;
  private readonly overlays: Overlays;
  private readonly hover: HoverOutline;
  private unsubscribe: () => void;
  private rafPending = false;
  private lastMouse?: maplibregl.MapMouseEvent;
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
    this.basemap = new Basemap(this.map);
    this.overlays = new Overlays(this.map);
    this.hover = new HoverOutline(this.map);
    this.map.addControl(new maplibregl.NavigationControl({ visualizePitch: false }), 'top-right');
    this.map.addControl(new NorthArrow(), 'top-right');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric', maxWidth: 140 }), 'bottom-right');
    this.map.addControl(new maplibregl.AttributionControl({ compact: true }), 'bottom-right');
    labelControls(container, store.getState().lang);
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
    // the inspect panel never covers the parcel just clicked (inspectClear.ts)
    const offInspect = keepInspectedClear(this.map, store);
    const offStore = store.subscribe((s, prev) => {
      if (s.lang !== prev.lang) labelControls(container, s.lang);
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
      else if (s.hover !== prev.hover) this.hover.sync(s.hover);
    });
    this.unsubscribe = () => {
      offStore();
      offInspect();
    };
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

  /** Whether a map click inspects the parcels under it (not while a drawing tool is active). */
  setInspectOnClick(on: boolean): void {
    this.inspectOnClick = on;
  }

  destroy(): void {
    this.unsubscribe();
    cancelAnimationFrame(this.syncFrame);
    for (const h of this.handles.values()) h.dispose();
    this.handles.clear();
    this.basemap.remove();
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

  /** What a map sheet (src/ui/sheet) needs of the view, after a fresh render (sheetSource.ts). */
  sheetSource(focus?: [number, number]): Promise<SheetSource> {
    return sheetSource(this.map, focus);
  }

  /** A sheet of a scenario's site, whatever is drawn now (reportSite.ts); the map is put back afterwards. */
  siteSheetSource(shapes: SiteShapes, focus?: [number, number]): Promise<SheetSource> {
    return withSiteShown(this.map, shapes, () => this.sheetSource(focus));
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
    this.basemap.sync(s);
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
    this.overlays.ensure();
    const orderKey = s.layers.map((l) => l.info.id).join('|');
    if (orderKey !== this.orderKey) {
      this.orderKey = orderKey;
      for (const l of s.layers) for (const lid of this.handles.get(l.info.id)?.layerIds ?? []) this.map.moveLayer(lid);
      for (const id of TOP_LAYERS) if (this.map.getLayer(id)) this.map.moveLayer(id);
    }
    this.overlays.sync(s);
    this.hover.sync(s.hover);
    this.basemap.syncRegionMask(s.region);
    if (s.fitRequest && s.fitRequest.seq !== this.fitSeq) {
      this.fitSeq = s.fitRequest.seq;
      const b = s.fitRequest.bbox;
      const v = s.fitRequest.view;
      if (v) this.map.jumpTo({ center: v.center, zoom: v.zoom, bearing: v.bearing });
      else this.map.fitBounds([b[0], b[1], b[2], b[3]], { padding: panelPadding(this.map.getContainer()), duration: 0, maxZoom: 17 });
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
    if (h) paintLayer(h, entry, s.settings.cultivatedStyle);
  }

  private onHover(e: maplibregl.MapMouseEvent): void {
    const pos: [number, number] = [e.lngLat.lng, e.lngLat.lat];
    const st = this.store.getState();
    st.setCursor(pos);
    // server mode: the parcel under the pointer is read from the server's tiles the map holds (serverHover.ts)
    if (st.layers.some((l) => l.serverTiles)) st.showHover(serverHoverAt(this.map, st.layers, e.point, mapLayerId));
    // the parcel under the pointer comes from the engine's spatial index in the worker (no tile decoding here)
    else void st.hoverAt(pos);
  }
}

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
