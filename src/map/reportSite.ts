/**
 * A saved scenario's site shown on the map just long enough to take a map sheet of it (the scenario report, issue 18
 * §2), whichever drawing is on the map now: the live drawing and its highlight are hidden, the scenario's site,
 * supplements and touched parcels are drawn by a small overlay source of their own, the view is fitted to them, and
 * afterwards everything — overlay, drawing, view — is put back as it was.
 */
import type * as maplibregl from 'maplibre-gl';
import type { AreaGeometry, BBox, LayerKind } from '../core/types';
import { geometryBBox } from '../core/index/spatialIndex';
import { unionBBox } from '../state/slices/layerOrder';
import { DRAW_COLORS } from '../ui/legend/entries';

export interface SiteShapes {
  site: AreaGeometry[];
  supplements: AreaGeometry[];
  /** Touched 耕地 / 永久基本农田 parcels, filled under the site. */
  touched: { kind: LayerKind; geometry: AreaGeometry }[];
}

/** The same colours as the drawing (map/draw/behaviors/modes.ts) and its legend. */
const SITE = DRAW_COLORS.site;
const SUPPLEMENT = DRAW_COLORS.supplement;
/** The drawing's touched-parcel highlight (map/draw/behaviors/highlight.ts). */
export const TOUCHED_COLOR = '#ffd400';
const SRC = 'report-site';
export const REPORT_SITE_LAYERS = ['report-site-touched', 'report-site-fill', 'report-site-line'] as const;

/** Bounding box of polygons (lon/lat), or undefined when there are none. */
export function shapesBBox(gs: readonly AreaGeometry[]): BBox | undefined {
  return gs.length ? unionBBox(gs.map(geometryBBox)) : undefined;
}

/** The drawing's own layers (terra-draw's td-*, the touched highlight): hidden while the scenario is shown. */
const isDrawingLayer = (id: string) => id.startsWith('td-') || id.startsWith('draw-touched');

/** Run `take` with the scenario's shapes on the map and the view fitted to them; restore the map afterwards. */
export async function withSiteShown<T>(map: maplibregl.Map, shapes: SiteShapes, take: () => Promise<T>): Promise<T> {
  const camera = { center: map.getCenter(), zoom: map.getZoom(), bearing: map.getBearing() };
  const hidden = (map.getStyle()?.layers ?? []).filter((l) => isDrawingLayer(l.id) && map.getLayoutProperty(l.id, 'visibility') !== 'none').map((l) => l.id);
  for (const id of hidden) map.setLayoutProperty(id, 'visibility', 'none');
  const feature = (role: string, color: string) => (geometry: AreaGeometry) => ({ type: 'Feature' as const, properties: { role, color }, geometry });
  const data = {
    type: 'FeatureCollection' as const,
    features: [...shapes.touched.map((t) => feature('touched', TOUCHED_COLOR)(t.geometry)), ...shapes.site.map(feature('site', SITE)), ...shapes.supplements.map(feature('supplement', SUPPLEMENT))],
  };
  map.addSource(SRC, { type: 'geojson', data });
  map.addLayer({ id: REPORT_SITE_LAYERS[0], type: 'fill', source: SRC, filter: ['==', ['get', 'role'], 'touched'], paint: { 'fill-color': TOUCHED_COLOR, 'fill-opacity': 0.55, 'fill-antialias': false } });
  map.addLayer({ id: REPORT_SITE_LAYERS[1], type: 'fill', source: SRC, filter: ['!=', ['get', 'role'], 'touched'], paint: { 'fill-color': ['get', 'color'], 'fill-opacity': 0.18 } });
  map.addLayer({ id: REPORT_SITE_LAYERS[2], type: 'line', source: SRC, filter: ['!=', ['get', 'role'], 'touched'], paint: { 'line-color': ['get', 'color'], 'line-width': 3 } });
  try {
    const box = shapesBBox([...shapes.site, ...shapes.supplements]);
    if (box) {
      const c = map.getContainer();
      const pad = Math.round(0.18 * Math.min(c.clientWidth, c.clientHeight));
      map.fitBounds(box, { padding: pad, duration: 0, maxZoom: 17, bearing: camera.bearing });
    }
    return await take();
  } finally {
    for (const id of REPORT_SITE_LAYERS) if (map.getLayer(id)) map.removeLayer(id);
    if (map.getSource(SRC)) map.removeSource(SRC);
    for (const id of hidden) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', 'visible');
    map.jumpTo(camera);
  }
}
