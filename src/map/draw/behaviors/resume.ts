/**
 * Drawing a saved unfinished shape again, as if its vertices were clicked now (the draft autosave brings it back
 * after a reload): a polygon's vertices are clicked in turn, a rectangle's start corner is clicked, a freehand
 * stroke is started and followed. The events are placed far off screen so that none counts as a click on the
 * first vertex (which would close the polygon).
 */
import type { TerraDrawMouseEvent } from 'terra-draw';
import type { DrawMode } from '../../../state/draw/port';
import { round9 } from './features';

/** The part of a terra-draw mode a replay drives. */
export interface ReplayMode {
  onClick(e: TerraDrawMouseEvent): void;
  onMouseMove(e: TerraDrawMouseEvent): void;
}

/** The saved vertices that can be drawn again (finite pairs), at terra-draw's precision. */
export function replayable(coordinates: readonly unknown[]): [number, number][] {
  return coordinates
    .filter((c): c is number[] => Array.isArray(c) && Number.isFinite(c[0]) && Number.isFinite(c[1]))
    .map((c) => [round9(c[0]), round9(c[1])] as [number, number]);
}

export function replayShape(mode: ReplayMode, kind: DrawMode, coords: readonly [number, number][]): void {
  const ev = (c: [number, number]): TerraDrawMouseEvent => ({ lng: c[0], lat: c[1], containerX: -1e9, containerY: -1e9, button: 'left', heldKeys: [], isContextMenu: false });
  if (coords.length === 0) return;
  if (kind === 'polygon')
    for (const c of coords) {
      mode.onMouseMove(ev(c));
      mode.onClick(ev(c));
    }
  else if (kind === 'rectangle') mode.onClick(ev(coords[0]));
  else {
    mode.onClick(ev(coords[0]));
    for (const c of coords.slice(1)) mode.onMouseMove(ev(c));
  }
}
