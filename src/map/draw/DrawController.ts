/**
 * Drawing on the map (issue 6): owns a terra-draw instance on the MapController's MapLibre map, with polygon,
 * rectangle and freehand modes, select mode for vertex editing and delete, its own undo/redo history of snapshots,
 * snapping to parcel vertices and edges (terra-draw's `toCustom` snapping, fed by the source geometry the engine
 * worker sends for the cursor's neighbourhood — snapCache.ts — never by rendered tiles), and self-intersecting
 * shapes refused (terra-draw validation hooks) while drawing and while editing.
 *
 * Two roles share the canvas: the project site (red) and supplementary parcels (green, compensation mode). The
 * controller reports the geometry being drawn at most once per animation frame (`onLive`), every committed
 * change (`onCommit`), and what an autosave must keep (`onProgress`: each vertex placed, and at most every 500 ms
 * while a shape is drawn or edited); the shape still being drawn can be read (`getInProgress`) and drawn again
 * after a reload (`resume`). Touched parcels are shown by a tiny overlay source.
 */
import type * as maplibregl from 'maplibre-gl';
import {
  type GeoJSONStoreFeatures,
  type SnappableContext,
  TerraDraw,
  type TerraDrawMouseEvent,
  TerraDrawFreehandMode,
  TerraDrawPolygonMode,
  TerraDrawRectangleMode,
  TerraDrawSelectMode,
  ValidateNotSelfIntersecting,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { AreaGeometry, LayerKind } from '../../core/types';
import type { InProgressShape } from '../../state/scenarios/types';
import type { DrawnFeature } from '../../worker/impactProtocol';
import { drawHub } from './drawHub';
import { SnapCache, type SnapFetch } from './snapCache';

export type DrawTool = 'polygon' | 'rectangle' | 'freehand' | 'select' | 'static';
export type DrawRole = 'site' | 'supplement';
export type DrawMode = 'polygon' | 'rectangle' | 'freehand';

/** A shape still being drawn: the vertices placed so far (polygon), the start corner (rectangle) or the stroke (freehand). */
export type InProgress = InProgressShape;

export interface DrawCallbacks {
  /** Site polygons as they are now, the one being drawn or edited included (≤ once per frame). */
  onLive?(site: AreaGeometry[], t: number): void;
  /** After a finished shape, an edit, a delete, undo/redo or a load. */
  onCommit?(state: { site: DrawnFeature[]; supplements: DrawnFeature[] }): void;
  /** A refusal (self-intersection) or undefined to clear. */
  onMessage?(code: 'selfIntersects' | 'invalidImport' | undefined): void;
  onHistory?(h: { canUndo: boolean; canRedo: boolean }): void;
  /** Worth autosaving: a vertex placed or a shape started / finished / cancelled (at once), a stroke or an edit going on (≤ every 500 ms). */
  onProgress?(): void;
}

export interface DrawOptions {
  /** Source edges of parcels near a box (the engine's `drawSnap`); no snapping without it. */
  snapFetch?: SnapFetch;
}

type Snapshot = { site: DrawnFeature[]; supplements: DrawnFeature[] };

const COLORS: Record<DrawRole, `#${string}`> = { site: '#d7301f', supplement: '#1a9850' };
const DRAW_MODES = ['polygon', 'rectangle', 'freehand'] as const;
const HL_SRC = 'draw-touched';
const HL_LAYERS = ['draw-touched-fill', 'draw-touched-line'];
const SNAP_PX = 10;
/** Autosave throttle while a stroke or an edit goes on (ms). */
const PROGRESS_MS = 500;
/** terra-draw's coordinate precision (9 decimals ≈ 0.1 mm). */
const round9 = (v: number) => Math.round(v * 1e9) / 1e9;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** ValidateNotSelfIntersecting on the ring without repeated consecutive vertices (terra-draw's own in-progress rings repeat the cursor). */
function notSelfIntersecting(feature: GeoJSONStoreFeatures): { valid: boolean; reason?: string } {
  if (feature.geometry.type !== 'Polygon') return ValidateNotSelfIntersecting(feature);
  const rings = (feature.geometry.coordinates as number[][][]).map((ring) => ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1][0] || p[1] !== ring[i - 1][1]));
  const outer = rings[0] ?? [];
  const distinct = new Set(outer.map((p) => `${p[0]},${p[1]}`)).size;
  if (distinct < 4) return { valid: true };
  return ValidateNotSelfIntersecting({ ...feature, geometry: { type: 'Polygon', coordinates: rings } } as GeoJSONStoreFeatures);
}

const roleOf = (f: { properties?: Record<string, unknown> | null }): DrawRole => (f.properties?.role === 'supplement' ? 'supplement' : 'site');

/** A polygon worth measuring: a ring of ≥ 3 distinct finite vertices. */
function measurable(g: { type: string; coordinates: unknown }): g is AreaGeometry {
  if (g.type !== 'Polygon') return false;
  const ring = (g.coordinates as number[][][])[0];
  if (!ring || ring.length < 4) return false;
  const seen = new Set(ring.map((p) => `${p[0]},${p[1]}`));
  return seen.size >= 3 && ring.every((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
}

export class DrawController {
  readonly draw: TerraDraw;
  private history: Snapshot[] = [];
  private at = -1;
  private restoring = false;
  private rafPending = false;
  private role: DrawRole = 'site';
  private snapping = true;
  private tool: DrawTool = 'static';
  private commitTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly modes: { polygon: TerraDrawPolygonMode; rectangle: TerraDrawRectangleMode; freehand: TerraDrawFreehandMode };
  readonly snapCache?: SnapCache;
  /** Snapping paused (a draft being drawn again). */
  private snapPaused = false;
  private resuming = false;
  /** A self-intersection was refused since the last finished action. */
  private refused = false;
  private progressKey = '';
  private progressAt = 0;
  private progressTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly onKey = (e: KeyboardEvent) => this.keydown(e);
  private readonly onStyle = () => this.keepOnTop();
  private readonly onMouseMove = (e: maplibregl.MapMouseEvent) => {
    if (this.snapping && this.tool !== 'static') this.snapCache?.prefetch(e.lngLat.lng, e.lngLat.lat);
  };

  constructor(
    private readonly map: maplibregl.Map,
    private readonly cb: DrawCallbacks = {},
    opts: DrawOptions = {},
  ) {
    if (opts.snapFetch) this.snapCache = new SnapCache(map, opts.snapFetch, { tolPx: SNAP_PX });
    // refuse self-intersections; rings with fewer than 4 distinct vertices (a shape being started) cannot cross.
    // A refusal stays on screen until a committed update is valid (provisional cursor moves do not clear it), and
    // after an edit that was refused on the way (a vertex dragged across an edge stops short: the message says why).
    const validation = (feature: GeoJSONStoreFeatures, ctx?: { updateType?: string }) => {
      const r = notSelfIntersecting(feature);
      if (!r.valid) {
        this.refused = true;
        this.cb.onMessage?.('selfIntersects');
      } else if (ctx?.updateType !== undefined && ctx.updateType !== 'provisional') this.cb.onMessage?.(undefined);
      return r;
    };
    const fill = (f: GeoJSONStoreFeatures) => COLORS[f.properties?.role === undefined ? this.role : roleOf(f)];
    const polygonStyles = { fillColor: fill, outlineColor: fill, fillOpacity: 0.25, outlineWidth: 2 };
    const snapping = { toCustom: (e: TerraDrawMouseEvent, c: SnappableContext) => this.snapTo(e, c) };
    const editable = {
      feature: {
        draggable: true,
        // refused by `validation` (with the message), not silently by terra-draw's own check
        selfIntersectable: true,
        validation,
        coordinates: { midpoints: true, draggable: true, deletable: true, snappable: snapping },
      },
    };
    this.modes = {
      polygon: new TerraDrawPolygonMode({ validation, snapping, styles: polygonStyles, pointerDistance: 12 }),
      rectangle: new TerraDrawRectangleMode({ validation, styles: polygonStyles }),
      freehand: new TerraDrawFreehandMode({ validation, styles: polygonStyles }),
    };
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: 9 } as ConstructorParameters<typeof TerraDrawMapLibreGLAdapter>[0]),
      modes: [
        this.modes.polygon,
        this.modes.rectangle,
        this.modes.freehand,
        new TerraDrawSelectMode({
          flags: {
            polygon: editable,
            rectangle: { feature: { draggable: true, validation, coordinates: { resizable: 'opposite', deletable: false } } },
            freehand: { feature: { draggable: true, validation } },
          },
          styles: { selectedPolygonColor: '#0b63ce', selectedPolygonOutlineColor: '#0b63ce', selectionPointColor: '#0b63ce' },
        }),
      ],
    });
    this.draw.start();
    this.draw.setMode('static');
    this.draw.on('change', (_ids, type) => {
      if (type === 'styling' || this.restoring) return;
      this.scheduleLive();
      this.trackProgress();
      // deletes (select mode, Delete key) end no 'finish': commit them here
      if (type === 'delete') this.scheduleCommit();
    });
    this.draw.on('finish', (id, ctx) => {
      if (this.restoring) return;
      if ((DRAW_MODES as readonly string[]).includes(ctx.mode) && this.draw.hasFeature(id)) {
        this.draw.updateFeatureProperties(id, { role: this.role });
      }
      // an edit refused on the way keeps its message; a finished drawing clears it
      this.cb.onMessage?.(this.refused && ctx.action !== 'draw' ? 'selfIntersects' : undefined);
      this.refused = false;
      this.scheduleCommit();
    });
    window.addEventListener('keydown', this.onKey);
    map.on('styledata', this.onStyle);
    map.on('mousemove', this.onMouseMove);
    this.pushHistory();
  }

  destroy(): void {
    drawHub.toolActive = false;
    window.removeEventListener('keydown', this.onKey);
    this.map.off('styledata', this.onStyle);
    this.map.off('mousemove', this.onMouseMove);
    clearTimeout(this.commitTimer);
    clearTimeout(this.progressTimer);
    try {
      this.draw.stop();
    } catch {
      // the map may already be gone
    }
  }

  // ---------------------------------------------------------------- tools

  setTool(tool: DrawTool): void {
    this.tool = tool;
    this.refused = false;
    this.draw.setMode(tool);
    drawHub.toolActive = tool !== 'static';
  }
  getTool(): DrawTool {
    return this.tool;
  }
  setRole(role: DrawRole): void {
    this.role = role;
  }
  getRole(): DrawRole {
    return this.role;
  }
  setSnapping(on: boolean): void {
    this.snapping = on;
  }
  /** The snap layers changed (loaded, hidden, removed): forget the fetched source edges. */
  invalidateSnap(): void {
    this.snapCache?.invalidate();
  }
  /** Ask the worker for the current drawing's live figures again (the analysis config changed). */
  refreshLive(): void {
    this.scheduleLive();
  }

  /** The drawn polygons (guidance points and unfinished shapes left out unless `includeDrawing`). */
  getSnapshot(includeDrawing = false): Snapshot {
    const site: DrawnFeature[] = [];
    const supplements: DrawnFeature[] = [];
    for (const f of this.draw.getSnapshot()) {
      if (f.geometry.type !== 'Polygon') continue;
      if (!includeDrawing && f.properties?.currentlyDrawing) continue;
      if (!measurable(f.geometry)) continue;
      const { role: _r, mode: _m, currentlyDrawing: _c, selected: _s, sid, ...rest } = (f.properties ?? {}) as Record<string, unknown>;
      const df: DrawnFeature = { id: typeof sid === 'string' ? sid : String(f.id), geometry: f.geometry as AreaGeometry, properties: rest };
      (roleOf(f) === 'supplement' ? supplements : site).push(df);
    }
    return { site, supplements };
  }

  /** Replace the drawing (a draft, a reopened scenario, an import); MultiPolygons become one feature per part. */
  load(state: Snapshot, opts: { history?: boolean } = {}): { rejected: number } {
    const rejected = this.replace(state);
    if (opts.history !== false) this.pushHistory();
    this.emitCommit();
    this.scheduleLive();
    return { rejected };
  }

  /** Add polygons (imported site or supplements) to the drawing. */
  add(features: DrawnFeature[], role: DrawRole): { rejected: number } {
    const cur = this.getSnapshot();
    const next: Snapshot = role === 'site' ? { site: [...cur.site, ...features], supplements: cur.supplements } : { site: cur.site, supplements: [...cur.supplements, ...features] };
    return this.load(next);
  }

  deleteSelected(): void {
    const ids = this.draw.getSnapshot().filter((f) => f.properties?.selected && f.geometry.type === 'Polygon').map((f) => f.id as string);
    if (ids.length === 0) return;
    for (const id of ids) this.draw.deselectFeature(id);
    this.draw.removeFeatures(ids);
    this.scheduleCommit();
  }

  clear(role?: DrawRole): void {
    const cur = this.getSnapshot();
    this.load(role === undefined ? { site: [], supplements: [] } : role === 'site' ? { site: [], supplements: cur.supplements } : { site: cur.site, supplements: [] });
  }

  // ---------------------------------------------------------------- history

  canUndo(): boolean {
    return this.at > 0;
  }
  canRedo(): boolean {
    return this.at < this.history.length - 1;
  }
  undo(): void {
    // while a shape is being drawn: a polygon loses its last vertex, another shape is cancelled
    const drawing = this.getInProgress();
    if (drawing) {
      if (drawing.mode === 'polygon' && this.draw.getMode() === 'polygon') this.modes.polygon.undo();
      else this.cancelDrawing();
      return;
    }
    if (!this.canUndo()) return;
    this.at--;
    this.replace(this.history[this.at]);
    this.afterHistoryMove();
  }
  redo(): void {
    if (this.getInProgress()?.mode === 'polygon' && this.draw.getMode() === 'polygon') {
      this.modes.polygon.redo();
      return;
    }
    if (!this.canRedo()) return;
    this.at++;
    this.replace(this.history[this.at]);
    this.afterHistoryMove();
  }

  private afterHistoryMove(): void {
    this.cb.onHistory?.({ canUndo: this.canUndo(), canRedo: this.canRedo() });
    this.emitCommit();
    this.scheduleLive();
  }

  private pushHistory(): void {
    const snap = structuredClone(this.getSnapshot());
    const last = this.history[this.at];
    if (last && JSON.stringify(last) === JSON.stringify(snap)) return;
    this.history = this.history.slice(0, this.at + 1);
    this.history.push(snap);
    if (this.history.length > 100) this.history.shift();
    this.at = this.history.length - 1;
    this.cb.onHistory?.({ canUndo: this.canUndo(), canRedo: this.canRedo() });
  }

  private scheduleCommit(): void {
    clearTimeout(this.commitTimer);
    this.commitTimer = setTimeout(() => {
      this.pushHistory();
      this.emitCommit();
      this.scheduleLive();
    }, 0);
  }

  private emitCommit(): void {
    this.cb.onCommit?.(this.getSnapshot());
  }

  private replace(state: Snapshot): number {
    this.restoring = true;
    let rejected = 0;
    try {
      const ids = this.draw.getSnapshot().filter((f) => f.geometry.type === 'Polygon').map((f) => f.id as string);
      if (this.tool === 'select') this.draw.setMode('static');
      if (ids.length) this.draw.removeFeatures(ids);
      const features: GeoJSONStoreFeatures[] = [];
      const push = (f: DrawnFeature, role: DrawRole) => {
        const parts = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
        parts.forEach((coords, i) => {
          // terra-draw wants UUID ids: other ids (an imported BSM) travel as the `sid` property
          const id = parts.length > 1 ? `${f.id}-${i + 1}` : f.id;
          const uuid = UUID.test(id) ? id : crypto.randomUUID();
          features.push({
            type: 'Feature',
            id: uuid,
            geometry: { type: 'Polygon', coordinates: (coords as number[][][]).map((r) => r.map((p) => [round9(p[0]), round9(p[1])])) },
            properties: { ...(f.properties ?? {}), ...(uuid !== id ? { sid: id } : {}), mode: 'polygon', role },
          } as GeoJSONStoreFeatures);
        });
      };
      for (const f of state.site) push(f, 'site');
      for (const f of state.supplements) push(f, 'supplement');
      const ok = features.length ? this.draw.addFeatures(features) : [];
      rejected = ok.filter((r) => !r.valid).length;
      if (rejected) {
        console.warn('draw: features refused', ok.filter((r) => !r.valid).map((r) => `${String(r.id)}: ${r.reason}`));
        this.cb.onMessage?.('invalidImport');
      }
      if (this.tool === 'select') this.draw.setMode('select');
    } finally {
      this.restoring = false;
      // a shape being drawn was dropped with the rest: the next one is news for the autosave
      this.progressKey = '';
    }
    return rejected;
  }

  // ---------------------------------------------------------------- live updates

  private scheduleLive(): void {
    if (this.rafPending || !this.cb.onLive) return;
    this.rafPending = true;
    requestAnimationFrame(() => {
      this.rafPending = false;
      const t = performance.now();
      const site = this.draw
        .getSnapshot()
        .filter((f) => f.geometry.type === 'Polygon' && roleOf(f) === 'site' && (f.properties?.role !== undefined || this.role === 'site'))
        .map((f) => f.geometry as AreaGeometry)
        .filter((g) => measurable(g) && notSelfIntersecting({ type: 'Feature', geometry: g, properties: {} } as GeoJSONStoreFeatures).valid);
      this.cb.onLive?.(site, t);
    });
  }

  // ---------------------------------------------------------------- snapping

  /** Nearest source vertex within SNAP_PX, else the nearest point of a source edge (snapCache.ts). */
  private snapTo(e: TerraDrawMouseEvent, _c: SnappableContext): [number, number] | undefined {
    if (!this.snapping || this.snapPaused || !this.snapCache) return undefined;
    const found = this.snapCache.snap(e.lng, e.lat);
    // terra-draw refuses coordinates finer than its precision when features are added back (undo, reload)
    return found && [round9(found[0]), round9(found[1])];
  }

  // ---------------------------------------------------------------- the shape being drawn (autosave)

  /** The shape still being drawn, if any: what a reload must bring back. */
  getInProgress(): InProgress | undefined {
    const f = this.draw.getSnapshot().find((x) => x.properties?.currentlyDrawing && x.geometry.type === 'Polygon');
    const mode = f?.properties?.mode;
    if (!f || (mode !== 'polygon' && mode !== 'rectangle' && mode !== 'freehand')) return undefined;
    const ring = (f.geometry.coordinates as number[][][])[0] ?? [];
    let pts: number[][];
    if (mode === 'polygon') {
      // the placed vertices come first; the ones after them follow the cursor
      const n = Number(f.properties.committedCoordinateCount ?? 0);
      pts = ring.slice(0, Number.isFinite(n) ? n : 0);
    } else if (mode === 'rectangle') pts = ring.slice(0, 1);
    else pts = ring.slice(0, -1).filter((p, i, a) => i === 0 || p[0] !== a[i - 1][0] || p[1] !== a[i - 1][1]);
    if (pts.length === 0) return undefined;
    return { mode, role: this.role, coordinates: pts.map((p) => [p[0], p[1]]) };
  }

  /**
   * Draw a saved unfinished shape again, as if its vertices were clicked now: the tool and role come back and the
   * user goes on (more vertices, a click on the first one or a double click to finish; Escape cancels). The map
   * moves to it when it is out of view.
   */
  resume(p: InProgress): void {
    const coords = p.coordinates.filter((c) => Array.isArray(c) && Number.isFinite(c[0]) && Number.isFinite(c[1])).map((c) => [round9(c[0]), round9(c[1])] as [number, number]);
    if (coords.length === 0 || !(p.mode in this.modes)) return;
    this.cancelDrawing();
    this.setRole(p.role === 'supplement' ? 'supplement' : 'site');
    this.setTool(p.mode);
    const b = this.map.getBounds();
    if (!coords.every((c) => b.contains(c))) {
      const xs = coords.map((c) => c[0]);
      const ys = coords.map((c) => c[1]);
      const cam = this.map.cameraForBounds([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], { padding: 120, maxZoom: Math.max(this.map.getZoom(), 16) });
      if (cam) this.map.jumpTo(cam);
    }
    // clicks far off screen: nothing counts as a click on the first vertex (which would close the polygon)
    const ev = (c: [number, number]): TerraDrawMouseEvent => ({ lng: c[0], lat: c[1], containerX: -1e9, containerY: -1e9, button: 'left', heldKeys: [], isContextMenu: false });
    const mode = this.modes[p.mode];
    this.snapPaused = true;
    this.resuming = true;
    try {
      if (p.mode === 'polygon')
        for (const c of coords) {
          mode.onMouseMove(ev(c));
          mode.onClick(ev(c));
        }
      else if (p.mode === 'rectangle') mode.onClick(ev(coords[0]));
      else {
        mode.onClick(ev(coords[0]));
        for (const c of coords.slice(1)) mode.onMouseMove(ev(c));
      }
    } finally {
      this.snapPaused = false;
      this.resuming = false;
    }
    this.progressKey = '';
    this.trackProgress();
    this.scheduleLive();
  }

  /** Drop the shape being drawn (as Escape does). */
  private cancelDrawing(): void {
    const ids = this.draw.getSnapshot().filter((f) => f.properties?.currentlyDrawing).map((f) => f.id as string);
    if (ids.length) this.draw.removeFeatures(ids);
  }

  /** Autosave at once when a vertex is placed or a shape starts or ends; at most every PROGRESS_MS during a stroke or an edit. */
  private trackProgress(): void {
    if (this.resuming || !this.cb.onProgress) return;
    const p = this.getInProgress();
    // a freehand stroke grows on every move: its start and its end are the events, the rest is throttled
    const key = p ? `${p.mode}:${p.role}:${p.mode === 'freehand' ? '' : p.coordinates.length}` : '';
    if (key !== this.progressKey) {
      this.progressKey = key;
      this.emitProgress();
      return;
    }
    if (!p && this.tool !== 'select') return;
    const wait = PROGRESS_MS - (performance.now() - this.progressAt);
    if (wait <= 0) this.emitProgress();
    else
      this.progressTimer ??= setTimeout(() => {
        this.progressTimer = undefined;
        this.emitProgress();
      }, wait);
  }

  private emitProgress(): void {
    clearTimeout(this.progressTimer);
    this.progressTimer = undefined;
    this.progressAt = performance.now();
    this.cb.onProgress?.();
  }

  // ---------------------------------------------------------------- map overlays

  /** Highlight the parcels the site touches (a tiny overlay source, not feature-state on the big sources). */
  setHighlight(items: { kind: LayerKind; geometry: AreaGeometry }[]): void {
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

  /** Layers added later (data loading after the draw started) must stay beneath the highlight and the drawing. */
  private keepOnTop(): void {
    const layers = this.map.getStyle()?.layers ?? [];
    const ours = layers.filter((l) => l.id.startsWith('td-') || HL_LAYERS.includes(l.id)).map((l) => l.id);
    if (!ours.length) return;
    const tail = layers.slice(layers.length - ours.length).map((l) => l.id);
    const wanted = [...HL_LAYERS.filter((id) => ours.includes(id)), ...ours.filter((id) => !HL_LAYERS.includes(id))];
    if (tail.join('|') === wanted.join('|')) return;
    for (const id of wanted) this.map.moveLayer(id);
  }

  // ---------------------------------------------------------------- keyboard

  private keydown(e: KeyboardEvent): void {
    const el = e.target as HTMLElement | null;
    if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable)) return;
    if (!(e.ctrlKey || e.metaKey)) return;
    const k = e.key.toLowerCase();
    if (k === 'z' && e.shiftKey) this.redo();
    else if (k === 'z') this.undo();
    else if (k === 'y') this.redo();
    else return;
    e.preventDefault();
  }
}
