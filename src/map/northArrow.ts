/** A north arrow that turns with the map's bearing (also printed with the map). */
import type * as maplibregl from 'maplibre-gl';

export class NorthArrow implements maplibregl.IControl {
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
