/**
 * The inspect panel must not cover the parcel just clicked (issue 18 §3). Once the panel is drawn (and again when
 * its content grows), if the clicked point lies under it the map is panned by the least distance that puts the point
 * beside the panel — left of it on a laptop, above it where the panel is a bottom sheet (phone).
 */
import type * as maplibregl from 'maplibre-gl';
import type { AppStore } from '../state/store';

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * The screen move [dx, dy] that takes `pt` out from under `panel` (with `margin` to spare) while keeping it inside
 * the map (`width` × `height`, the same coordinates) and away from its edges; undefined when the point is clear already or cannot be cleared.
 */
export function clearOffset(pt: { x: number; y: number }, panel: Rect, width: number, height: number, margin = 24, edge = 60): [number, number] | undefined {
  const under = pt.x > panel.left - margin && pt.x < panel.right + margin && pt.y > panel.top - margin && pt.y < panel.bottom + margin;
  if (!under) return undefined;
  // only to where the point stays `edge` px inside the map (not squeezed under the map's own controls at its edges)
  const moves: [number, number][] = [];
  if (panel.left - margin >= edge) moves.push([panel.left - margin - pt.x, 0]);
  if (panel.right + margin <= width - edge) moves.push([panel.right + margin - pt.x, 0]);
  if (panel.top - margin >= edge) moves.push([0, panel.top - margin - pt.y]);
  if (panel.bottom + margin <= height - edge) moves.push([0, panel.bottom + margin - pt.y]);
  if (!moves.length) return undefined;
  const len = (m: [number, number]) => Math.abs(m[0]) + Math.abs(m[1]); // one of the two is 0
  return moves.reduce((a, b) => (len(b) < len(a) ? b : a));
}

/** Watch the selection; pan the map when the inspect panel covers the clicked point. Returns the unsubscribe. */
export function keepInspectedClear(map: maplibregl.Map, store: AppStore, selector = '.inspect'): () => void {
  let frame = 0;
  const check = () => {
    frame = 0;
    const at = store.getState().selectionAt;
    const panel = document.querySelector<HTMLElement>(selector);
    if (!at || !panel) return;
    const box = map.getContainer().getBoundingClientRect();
    const r = panel.getBoundingClientRect();
    const p = map.project(at);
    const off = clearOffset(p, { left: r.left - box.left, top: r.top - box.top, right: r.right - box.left, bottom: r.bottom - box.top }, box.width, box.height);
    // panBy moves the view: the content, and the point, move the other way
    if (off) map.panBy([-off[0], -off[1]], { duration: 250 });
  };
  // after React has drawn the panel: two frames
  const schedule = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(check);
    });
  };
  const off = store.subscribe((s, prev) => {
    if (s.selectionAt && (s.selectionAt !== prev.selectionAt || s.selection !== prev.selection)) schedule();
  });
  return () => {
    off();
    cancelAnimationFrame(frame);
  };
}
