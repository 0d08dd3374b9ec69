/**
 * The hovered parcel is an SVG path over the map canvas, re-projected on each map frame — not a map source:
 * changing a source re-renders the whole map, and under software WebGL (SwiftShader, 2 cores) one frame of the
 * demo county costs ~1.2 s of GPU-process CPU, which starved the page's main thread while the pointer moved.
 */
import type * as maplibregl from 'maplibre-gl';
import type { AppState } from '../state/store';

type Hover = AppState['hover'];
type Geometry = NonNullable<Hover>['geometry'];

/** SVG path data of a (multi)polygon's rings through `project` (lon/lat → screen pixels), one decimal. */
export function outlinePath(g: Geometry, project: (p: [number, number]) => { x: number; y: number }): string {
  let d = '';
  for (const poly of g.type === 'Polygon' ? [g.coordinates] : g.coordinates)
    for (const ring of poly) {
      for (let i = 0; i < ring.length; i++) {
        const p = project([ring[i][0], ring[i][1]]);
        d += `${i ? 'L' : 'M'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`;
      }
      d += 'Z';
    }
  return d;
}

export class HoverOutline {
  private hover: Hover;
  private path?: SVGPathElement;

  constructor(private readonly map: maplibregl.Map) {}

  /** Show the store's hovered parcel (or none), and a pointer cursor over one. */
  sync(hover: Hover): void {
    if (hover === this.hover) return;
    this.hover = hover;
    this.draw();
    this.map.getCanvas().style.cursor = hover ? 'pointer' : '';
  }

  private draw(): void {
    if (!this.path) {
      const NS = 'http://www.w3.org/2000/svg';
      const svg = document.createElementNS(NS, 'svg');
      svg.setAttribute('class', 'hover-overlay');
      svg.setAttribute('aria-hidden', 'true');
      const path = document.createElementNS(NS, 'path');
      path.setAttribute('data-testid', 'hover-outline');
      svg.appendChild(path);
      // above the map canvas, below the HTML place labels (appended to the same container later)
      this.map.getCanvas().after(svg);
      this.path = path;
      this.map.on('render', () => {
        if (this.hover) this.draw();
      });
    }
    const h = this.hover;
    const d = h ? outlinePath(h.geometry, (p) => this.map.project(p)) : '';
    const path = this.path;
    if (path.getAttribute('d') !== d) path.setAttribute('d', d);
    path.dataset.layerId = h?.layerId ?? '';
    path.dataset.pid = h ? String(h.pid) : '';
  }
}
