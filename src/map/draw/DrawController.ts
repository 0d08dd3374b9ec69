/**
 * Drawing on the map (issue 6): owns a terra-draw instance on the MapController's MapLibre map, with polygon,
 * rectangle and freehand modes, select mode for vertex editing and delete, its own undo/redo history of snapshots,
 * snapping to parcel vertices and edges (terra-draw's `toCustom` snapping, fed by the rendered parcels under the
 * cursor), and self-intersecting shapes refused (terra-draw validation hooks) while drawing and while editing.
 *
 * Two roles share the canvas: the project site (red) and supplementary parcels (green, compensation mode). The
 * controller reports the geometry being drawn at most once per animation frame (`onLive`) and every committed
 * change (`onCommit`); the UI sends them to the worker. Touched parcels are shown by a tiny overlay source.
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
import type { DrawnFeature } from '../../worker/impactProtocol';
import { drawHub } from './drawHub';

export type DrawTool = 'polygon' | 'rectangle' | 'freehand' | 'select' | 'static';
export type DrawRole = 'site' | 'supplement';

export interface DrawCallbacks {
  /** Site polygons as they are now, the one being drawn or edited included (≤ once per frame). */
  onLive?(site: AreaGeometry[], t: number): void;
  /** After a finished shape, an edit, a delete, undo/redo or a load. */
  onCommit?(state: { site: DrawnFeature[]; supplements: DrawnFeature[] }): void;
  /** A refusal (self-intersection) or undefined to clear. */
  onMessage?(code: 'selfIntersects' | 'invalidImport' | undefined): void;
  onHistory?(h: { canUndo: boolean; canRedo: boolean }): void;
}

type Snapshot = { site: DrawnFeature[]; supplements: DrawnFeature[] };

const COLORS: Record<DrawRole, `#${string}`> = { site: '#d7301f', supplement: '#1a9850' };
const DRAW_MODES = ['polygon', 'rectangle', 'freehand'] as const;
const HL_SRC = 'draw-touched';
const HL_LAYERS = ['draw-touched-fill', 'draw-touched-line'];
const SNAP_PX = 10;
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
  private readonly onKey = (e: KeyboardEvent) => this.keydown(e);
  private readonly onStyle = () => this.keepOnTop();

  constructor(
    private readonly map: maplibregl.Map,
    private readonly cb: DrawCallbacks = {},
    /** Map layer ids whose rendered parcels are snap targets (the parcel fills). */
    private readonly snapLayerIds?: () => string[],
  ) {
    // refuse self-intersections; rings with fewer than 4 distinct vertices (a shape being started) cannot cross.
    // A refusal stays on screen until a committed update is valid (provisional cursor moves do not clear it).
    const validation = (feature: GeoJSONStoreFeatures, ctx?: { updateType?: string }) => {
      const r = notSelfIntersecting(feature);
      if (!r.valid) this.cb.onMessage?.('selfIntersects');
      else if (ctx?.updateType !== undefined && ctx.updateType !== 'provisional') this.cb.onMessage?.(undefined);
      return r;
    };
    const fill = (f: GeoJSONStoreFeatures) => COLORS[f.properties?.role === undefined ? this.role : roleOf(f)];
    const polygonStyles = { fillColor: fill, outlineColor: fill, fillOpacity: 0.25, outlineWidth: 2 };
    const snapping = { toCustom: (e: TerraDrawMouseEvent, c: SnappableContext) => this.snapTo(e, c) };
    const editable = {
      feature: {
        draggable: true,
        selfIntersectable: false,
        validation,
        coordinates: { midpoints: true, draggable: true, deletable: true, snappable: snapping },
      },
    };
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: 9 } as ConstructorParameters<typeof TerraDrawMapLibreGLAdapter>[0]),
      modes: [
        new TerraDrawPolygonMode({ validation, snapping, styles: polygonStyles, pointerDistance: 12 }),
        new TerraDrawRectangleMode({ validation, styles: polygonStyles }),
        new TerraDrawFreehandMode({ validation, styles: polygonStyles }),
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
      // deletes (select mode, Delete key) end no 'finish': commit them here
      if (type === 'delete') this.scheduleCommit();
    });
    this.draw.on('finish', (id, ctx) => {
      if (this.restoring) return;
      if ((DRAW_MODES as readonly string[]).includes(ctx.mode) && this.draw.hasFeature(id)) {
        this.draw.updateFeatureProperties(id, { role: this.role });
      }
      this.cb.onMessage?.(undefined);
      this.scheduleCommit();
    });
    window.addEventListener('keydown', this.onKey);
    map.on('styledata', this.onStyle);
    this.pushHistory();
  }

  destroy(): void {
    drawHub.toolActive = false;
    window.removeEventListener('keydown', this.onKey);
    this.map.off('styledata', this.onStyle);
    clearTimeout(this.commitTimer);
    try {
      this.draw.stop();
    } catch {
      // the map may already be gone
    }
  }

  // ---------------------------------------------------------------- tools

  setTool(tool: DrawTool): void {
    this.tool = tool;
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
    if (!this.canUndo()) return;
    this.at--;
    this.replace(this.history[this.at]);
    this.afterHistoryMove();
  }
  redo(): void {
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

  /** Nearest parcel vertex within SNAP_PX, else the nearest point on a parcel edge, from the rendered parcels. */
  private snapTo(e: TerraDrawMouseEvent, _c: SnappableContext): [number, number] | undefined {
    if (!this.snapping) return undefined;
    const x = e.containerX;
    const y = e.containerY;
    const key = `${x},${y}`;
    if (this.snapCache?.key === key) return this.snapCache.at;
    const found = this.snapSearch(x, y);
    // terra-draw refuses coordinates finer than its precision when features are added back (undo, reload)
    const at = found && ([round9(found[0]), round9(found[1])] as [number, number]);
    this.snapCache = { key, at };
    return at;
  }
  private snapCache?: { key: string; at: [number, number] | undefined };

  private snapSearch(x: number, y: number): [number, number] | undefined {
    const layers = (this.snapLayerIds?.() ?? []).filter((id) => this.map.getLayer(id) && this.map.getLayoutProperty(id, 'visibility') !== 'none');
    if (!layers.length) return undefined;
    let feats: maplibregl.MapGeoJSONFeature[];
    try {
      feats = this.map.queryRenderedFeatures([[x - SNAP_PX, y - SNAP_PX], [x + SNAP_PX, y + SNAP_PX]], { layers });
    } catch {
      return undefined;
    }
    let bestV: [number, number] | undefined;
    let dV = SNAP_PX;
    let bestE: [number, number] | undefined;
    let dE = SNAP_PX;
    for (const f of feats.slice(0, 12)) {
      const g = f.geometry;
      const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
      for (const poly of polys)
        for (const ring of poly) {
          if (ring.length > 400) continue; // big zones (黑土地, 红线) are not snap targets
          let prev: { x: number; y: number } | undefined;
          let prevLL: number[] | undefined;
          for (const ll of ring) {
            const p = this.map.project([ll[0], ll[1]]);
            const d = Math.hypot(p.x - x, p.y - y);
            if (d < dV) {
              dV = d;
              bestV = [ll[0], ll[1]];
            }
            if (prev && prevLL) {
              const vx = p.x - prev.x;
              const vy = p.y - prev.y;
              const len2 = vx * vx + vy * vy;
              const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - prev.x) * vx + (y - prev.y) * vy) / len2)) : 0;
              const de = Math.hypot(prev.x + t * vx - x, prev.y + t * vy - y);
              if (de < dE) {
                dE = de;
                const ll2 = this.map.unproject([prev.x + t * vx, prev.y + t * vy]);
                bestE = [ll2.lng, ll2.lat];
              }
            }
            prev = p;
            prevLL = ll;
          }
        }
    }
    return bestV ?? bestE;
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
