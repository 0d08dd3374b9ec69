/**
 * What a map sheet (src/ui/sheet) needs of the view, after a fresh render: the canvas, its CSS size, the bearing,
 * metres per CSS pixel at the centre (measured across the centre) and the place names shown (DOM labels, not in
 * the canvas) with their positions.
 */
import type * as maplibregl from 'maplibre-gl';
import type { SheetSource } from '../ui/sheet/source';
import { haversineM as sheetHaversine } from '../ui/sheet/sheetLayout';

export async function sheetSource(map: maplibregl.Map, focus?: [number, number]): Promise<SheetSource> {
  await new Promise<void>((resolve) => {
    map.once('idle', () => resolve());
    map.triggerRepaint();
  });
  const c = map.getContainer();
  const w = c.clientWidth;
  const h = c.clientHeight;
  const a = map.unproject([w / 2 - 50, h / 2]);
  const b = map.unproject([w / 2 + 50, h / 2]);
  const box = c.getBoundingClientRect();
  const labels = [...c.querySelectorAll<HTMLElement>('.place-label')]
    .filter((el) => getComputedStyle(el).visibility !== 'hidden' && el.textContent)
    .map((el) => {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      return { text: el.textContent ?? '', x: r.left - box.left + r.width / 2, y: r.top - box.top + r.height / 2, font: `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`, color: cs.color };
    })
    .filter((l) => l.x >= 0 && l.y >= 0 && l.x <= w && l.y <= h);
  const fp = focus ? map.project(focus) : undefined;
  return { canvas: map.getCanvas(), cssWidth: w, cssHeight: h, bearing: map.getBearing(), metersPerCssPx: sheetHaversine([a.lng, a.lat], [b.lng, b.lat]) / 100, labels, ...(fp ? { focus: [fp.x, fp.y] as [number, number] } : {}) };
}
