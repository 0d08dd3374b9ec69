/**
 * The drawing port: what the draw session (state/draw/drawSession.ts) needs from whatever draws on the map, and
 * what it hears back. The map side (src/map/draw/DrawController.ts, on terra-draw) implements it; a unit test
 * implements it with a plain object. terra-draw does the same between its core and a map library
 * (`TerraDrawAdapter`): the session never sees MapLibre or terra-draw, the controller never sees the engine or
 * the scenario store.
 */
import type { AreaGeometry, BBox, LayerKind } from '../../core/types';
import type { DrawnFeature, SnapAnswer } from '../../worker/impactProtocol';
import type { InProgressShape } from '../scenarios/types';

export type DrawTool = 'polygon' | 'rectangle' | 'freehand' | 'select' | 'static';
export type DrawRole = 'site' | 'supplement';
export type DrawMode = 'polygon' | 'rectangle' | 'freehand';

/** The finished polygons of a drawing, by role. */
export interface DrawSnapshot {
  site: DrawnFeature[];
  supplements: DrawnFeature[];
}

/** A shape still being drawn: the vertices placed so far (polygon), the start corner (rectangle) or the stroke (freehand). */
export type InProgress = InProgressShape;

export type DrawMessage = 'selfIntersects' | 'invalidImport';

/** What the drawing reports to the session. */
export interface DrawEvents {
  /** Site polygons as they are now, the one being drawn or edited included (≤ once per frame); `t` is when the frame saw them. */
  onLive?(site: AreaGeometry[], t: number): void;
  /** After a finished shape, an edit, a delete, undo/redo or a load. */
  onCommit?(state: DrawSnapshot): void;
  /** A refusal (self-intersection, an import terra-draw would not take) or undefined to clear. */
  onMessage?(code: DrawMessage | undefined): void;
  onHistory?(h: { canUndo: boolean; canRedo: boolean }): void;
  /** Worth autosaving: a vertex placed or a shape started / finished / cancelled (at once), a stroke or an edit going on (≤ every 500 ms). */
  onProgress?(): void;
}

/** Source edges of parcels near a box (the engine's `drawSnap`). */
export type SnapFetch = (bbox: BBox) => Promise<SnapAnswer>;

/** The drawing as the session drives it. */
export interface DrawPort {
  setTool(tool: DrawTool): void;
  getTool(): DrawTool;
  setRole(role: DrawRole): void;
  getRole(): DrawRole;
  setSnapping(on: boolean): void;
  undo(): void;
  redo(): void;
  deleteSelected(): void;
  /** Remove every polygon, or those of one role. */
  clear(role?: DrawRole): void;
  /** Replace the drawing (a draft, a reopened scenario); MultiPolygons become one feature per part. */
  load(state: DrawSnapshot, opts?: { history?: boolean }): { rejected: number };
  /** Add polygons (an imported site or supplements). */
  add(features: DrawnFeature[], role: DrawRole): { rejected: number };
  /** The finished polygons (the shape being drawn left out unless `includeDrawing`). */
  getSnapshot(includeDrawing?: boolean): DrawSnapshot;
  /** The shape still being drawn, if any: what a reload must bring back. */
  getInProgress(): InProgress | undefined;
  /** Draw a saved unfinished shape again, ready to go on. */
  resume(p: InProgress): void;
  /** Show the parcels the site touches. */
  setHighlight(items: { kind: LayerKind; geometry: AreaGeometry }[]): void;
  /** Report the live site again (the analysis config changed). */
  refreshLive(): void;
  destroy(): void;
}

/** Builds the drawing's map side for a session: the session hands in its event handlers and the engine's snap source. */
export type DrawPortFactory = (events: DrawEvents, snapFetch: SnapFetch) => DrawPort;
