/**
 * Padding for fitBounds that keeps a fitted extent out from under the panels floating over the map (the draw panel
 * top left, the inspect panel top right; on a phone the panels may span the width at the top or bottom). A side is
 * padded by the panel's extent into the map plus a margin, as long as at least 30 % of the map stays free.
 */
export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const PANEL_SELECTOR = '.draw-panel, .inspect';

export function paddingFor(map: { left: number; top: number; width: number; height: number }, panels: readonly { left: number; top: number; width: number; height: number }[], margin = 40): Padding {
  const p: Padding = { top: margin, right: margin, bottom: margin, left: margin };
  for (const r of panels) {
    if (r.width <= 0 || r.height <= 0) continue;
    const x0 = Math.max(r.left, map.left) - map.left;
    const x1 = Math.min(r.left + r.width, map.left + map.width) - map.left;
    const y0 = Math.max(r.top, map.top) - map.top;
    const y1 = Math.min(r.top + r.height, map.top + map.height) - map.top;
    if (x1 <= x0 || y1 <= y0) continue;
    const wide = x1 - x0 > 0.6 * map.width;
    if (!wide) {
      if (x0 + x1 < map.width) p.left = Math.max(p.left, x1 + 20);
      else p.right = Math.max(p.right, map.width - x0 + 20);
    } else if (y0 + y1 < map.height) p.top = Math.max(p.top, y1 + 20);
    else p.bottom = Math.max(p.bottom, map.height - y0 + 20);
  }
  // never squeeze the map below 30 % of its size: drop the panel padding on an axis that would
  if (p.left + p.right > 0.7 * map.width) {
    p.left = margin;
    p.right = margin;
  }
  if (p.top + p.bottom > 0.7 * map.height) {
    p.top = margin;
    p.bottom = margin;
  }
  return p;
}

/** The padding for the map's container from the panels now on screen. */
export function panelPadding(container: HTMLElement): Padding {
  const c = container.getBoundingClientRect();
  const panels = [...document.querySelectorAll<HTMLElement>(PANEL_SELECTOR)].map((el) => el.getBoundingClientRect());
  return paddingFor(c, panels);
}
