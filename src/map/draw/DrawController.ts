/**
 * Drawing on the map (issue 6): the map side of the drawing port (src/state/draw/port.ts). It owns a terra-draw
 * instance on the MapLibre map — polygon, rectangle and freehand modes, select mode for vertex editing and delete,
 * snapping to parcel vertices and edges (terra-draw's `toCustom` snapping, fed by the source geometry the engine
 * sends for the cursor's neighbourhood — snapCache.ts — never by rendered tiles) — assembled from behaviours:
 *
 * - behaviors/modes.ts     terra-draw's modes configured (styles by role, snapping, editing flags)
 * - behaviors/refusal.ts   self-intersections refused with a message, while drawing and editing
 * - behaviors/history.ts   undo/redo of the finished drawing (snapshots)
 * - behaviors/frameThrottle.ts  the live site reported at most once per animation frame
 * - behaviors/progress.ts  when the drawing is worth autosaving (each vertex; ≤ every 500 ms during a stroke or an edit)
 * - behaviors/highlight.ts the parcels the site touches, and the drawing kept on top
 * - behaviors/keys.ts      Ctrl/⌘+Z, Ctrl/⌘+Shift+Z, Ctrl/⌘+Y
 * - behaviors/features.ts  terra-draw's store features ↔ the drawing (roles, ids, what is measurable)
 * - behaviors/resume.ts    an unfinished shape drawn again after a reload
 *
 * Two roles share the canvas: the project site (red) and supplementary parcels (green, compensation mode).
 */
import type * as maplibregl from 'maplibre-gl';
import { type SnappableContext, TerraDraw, type TerraDrawMouseEvent } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { AreaGeometry, LayerKind } from '../../core/types';
import type { DrawEvents, DrawPort, DrawRole, DrawSnapshot, DrawTool, InProgress, SnapFetch } from '../../state/draw/port';
import type { DrawnFeature } from '../../worker/impactProtocol';
import { FrameThrottle } from './behaviors/frameThrottle';
import { inProgressOf, liveSiteOf, round9, snapshotOf, storeFeaturesOf } from './behaviors/features';
import { TouchedHighlight } from './behaviors/highlight';
import { SnapshotHistory } from './behaviors/history';
import { bindHistoryKeys } from './behaviors/keys';
import { type DrawModes, drawModes } from './behaviors/modes';
import { ProgressTracker } from './behaviors/progress';
import { RefusalGuard } from './behaviors/refusal';
import { replayable, replayShape } from './behaviors/resume';
import { SnapCache } from './snapCache';

export interface DrawOptions {
  /** Source edges of parcels near a box (the engine's `drawSnap`); no snapping without it. */
  snapFetch?: SnapFetch;
  /** A drawing or editing tool became active or inactive (the map's click-to-inspect steps aside meanwhile). */
  onToolActive?(active: boolean): void;
}

const DRAW_MODES = ['polygon', 'rectangle', 'freehand'] as const;
const SNAP_PX = 10;

export class DrawController implements DrawPort {
  readonly draw: TerraDraw;
  readonly snapCache?: SnapCache;
  private readonly history = new SnapshotHistory<DrawSnapshot>();
  private readonly live: FrameThrottle;
  private readonly progress: ProgressTracker;
  private readonly highlight: TouchedHighlight;
  private readonly unbindKeys: () => void;
  private readonly modes: DrawModes;
  private readonly refusal: RefusalGuard;
  private restoring = false;
  private role: DrawRole = 'site';
  private snapping = true;
  private tool: DrawTool = 'static';
  private commitTimer: ReturnType<typeof setTimeout> | undefined;
  /** Snapping and autosave paused (a draft being drawn again). */
  private resuming = false;
  private readonly onMouseMove = (e: maplibregl.MapMouseEvent) => {
    if (this.snapping && this.tool !== 'static') this.snapCache?.prefetch(e.lngLat.lng, e.lngLat.lat);
  };

  constructor(
    private readonly map: maplibregl.Map,
    private readonly cb: DrawEvents = {},
    private readonly opts: DrawOptions = {},
  ) {
    if (opts.snapFetch) this.snapCache = new SnapCache(map, opts.snapFetch, { tolPx: SNAP_PX });
    this.live = new FrameThrottle(() => this.cb.onLive?.(liveSiteOf(this.draw.getSnapshot(), this.role), performance.now()));
    this.progress = new ProgressTracker(() => this.cb.onProgress?.());
    this.highlight = new TouchedHighlight(map);
    this.refusal = new RefusalGuard((code) => this.cb.onMessage?.(code));
    this.modes = drawModes({ validation: this.refusal.validate, snapTo: (e, c) => this.snapTo(e, c), currentRole: () => this.role });
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: 9 } as ConstructorParameters<typeof TerraDrawMapLibreGLAdapter>[0]),
      modes: [this.modes.polygon, this.modes.rectangle, this.modes.freehand, this.modes.select],
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
      if ((DRAW_MODES as readonly string[]).includes(ctx.mode) && this.draw.hasFeature(id)) this.draw.updateFeatureProperties(id, { role: this.role });
      this.refusal.finished(ctx.action);
      this.scheduleCommit();
    });
    this.unbindKeys = bindHistoryKeys(window, { undo: () => this.undo(), redo: () => this.redo() });
    map.on('mousemove', this.onMouseMove);
    this.pushHistory();
  }

  destroy(): void {
    this.opts.onToolActive?.(false);
    this.unbindKeys();
    this.highlight.dispose();
    this.map.off('mousemove', this.onMouseMove);
    clearTimeout(this.commitTimer);
    this.progress.dispose();
    try {
      this.draw.stop();
    } catch {
      // the map may already be gone
    }
  }

  // ---------------------------------------------------------------- tools

  setTool(tool: DrawTool): void {
    this.tool = tool;
    this.refusal.reset();
    this.draw.setMode(tool);
    this.opts.onToolActive?.(tool !== 'static');
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
  refreshLive(): void {
    this.scheduleLive();
  }

  getSnapshot(includeDrawing = false): DrawSnapshot {
    return snapshotOf(this.draw.getSnapshot(), includeDrawing);
  }

  load(state: DrawSnapshot, opts: { history?: boolean } = {}): { rejected: number } {
    const rejected = this.replace(state);
    if (opts.history !== false) this.pushHistory();
    this.emitCommit();
    this.scheduleLive();
    return { rejected };
  }

  add(features: DrawnFeature[], role: DrawRole): { rejected: number } {
    const cur = this.getSnapshot();
    const next: DrawSnapshot = role === 'site' ? { site: [...cur.site, ...features], supplements: cur.supplements } : { site: cur.site, supplements: [...cur.supplements, ...features] };
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

  undo(): void {
    // while a shape is being drawn: a polygon loses its last vertex, another shape is cancelled
    const drawing = this.getInProgress();
    if (drawing) {
      if (drawing.mode === 'polygon' && this.draw.getMode() === 'polygon') this.modes.polygon.undo();
      else this.cancelDrawing();
      return;
    }
    const snap = this.history.undo();
    if (snap) this.show(snap);
  }
  redo(): void {
    if (this.getInProgress()?.mode === 'polygon' && this.draw.getMode() === 'polygon') {
      this.modes.polygon.redo();
      return;
    }
    const snap = this.history.redo();
    if (snap) this.show(snap);
  }

  /** A state from the history on the map, and reported. */
  private show(snap: DrawSnapshot): void {
    this.replace(snap);
    this.emitHistory();
    this.emitCommit();
    this.scheduleLive();
  }

  private pushHistory(): void {
    if (this.history.push(this.getSnapshot())) this.emitHistory();
  }
  private emitHistory(): void {
    this.cb.onHistory?.({ canUndo: this.history.canUndo(), canRedo: this.history.canRedo() });
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

  private replace(state: DrawSnapshot): number {
    this.restoring = true;
    let rejected = 0;
    try {
      const ids = this.draw.getSnapshot().filter((f) => f.geometry.type === 'Polygon').map((f) => f.id as string);
      if (this.tool === 'select') this.draw.setMode('static');
      if (ids.length) this.draw.removeFeatures(ids);
      const features = storeFeaturesOf(state);
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
      this.progress.reset();
    }
    return rejected;
  }

  private scheduleLive(): void {
    if (this.cb.onLive) this.live.schedule();
  }

  /** Nearest source vertex within SNAP_PX, else the nearest point of a source edge (snapCache.ts). */
  private snapTo(e: TerraDrawMouseEvent, _c: SnappableContext): [number, number] | undefined {
    if (!this.snapping || this.resuming || !this.snapCache) return undefined;
    const found = this.snapCache.snap(e.lng, e.lat);
    // terra-draw refuses coordinates finer than its precision when features are added back (undo, reload)
    return found && [round9(found[0]), round9(found[1])];
  }

  // ---------------------------------------------------------------- the shape being drawn (autosave)

  getInProgress(): InProgress | undefined {
    return inProgressOf(this.draw.getSnapshot(), this.role);
  }

  /**
   * Draw a saved unfinished shape again, as if its vertices were clicked now: the tool and role come back and the
   * user goes on (more vertices, a click on the first one or a double click to finish; Escape cancels). The map
   * moves to it when it is out of view.
   */
  resume(p: InProgress): void {
    const coords = replayable(p.coordinates);
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
    this.resuming = true;
    try {
      replayShape(this.modes[p.mode], p.mode, coords);
    } finally {
      this.resuming = false;
    }
    this.progress.reset();
    this.trackProgress();
    this.scheduleLive();
  }

  /** Drop the shape being drawn (as Escape does). */
  private cancelDrawing(): void {
    const ids = this.draw.getSnapshot().filter((f) => f.properties?.currentlyDrawing).map((f) => f.id as string);
    if (ids.length) this.draw.removeFeatures(ids);
  }

  private trackProgress(): void {
    if (this.resuming || !this.cb.onProgress) return;
    this.progress.track(this.getInProgress(), this.tool === 'select');
  }

  // ---------------------------------------------------------------- map overlays

  setHighlight(items: { kind: LayerKind; geometry: AreaGeometry }[]): void {
    this.highlight.set(items);
  }
}
