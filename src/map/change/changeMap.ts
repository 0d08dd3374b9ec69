/**
 * The 变化 tab on the map: the changed pieces coloured by flow, and either vintage's parcels under them (the
 * before/after toggle). Owns only its own sources and layers (ids `change-*`); the panel calls these functions.
 */
import type * as maplibregl from 'maplibre-gl';
import type { FlowCategory } from '../../core/change/report';
import type { ChangePieceView } from '../../worker/changeProtocol';

export const CHANGE_COLORS: Record<FlowCategory, string> = {
  'lost-construction': '#d7191c',
  'lost-agricultural': '#fdae61',
  'lost-other': '#a6611a',
  gained: '#1a9641',
  restored: '#2b83ba',
  abandoned: '#7b3294',
  'cultivated-internal': '#e3c16f',
  other: '#999999',
};

/** 一级 class colours for the vintages (耕地 like the 耕地 layer). */
const CLASS_COLORS: [string, string][] = [
  ['01', '#e3c16f'], ['02', '#b5d36b'], ['03', '#4c9f38'], ['04', '#a8d5a2'], ['05', '#e78ac3'], ['06', '#b15928'],
  ['07', '#fb9a99'], ['08', '#cab2d6'], ['09', '#6a3d9a'], ['10', '#777777'], ['11', '#74a9cf'], ['12', '#d9d9d9'],
];

const SIDES = ['before', 'after'] as const;
export type ChangeSide = (typeof SIDES)[number];

const empty = { type: 'FeatureCollection' as const, features: [] };

type FillPaint = NonNullable<maplibregl.FillLayerSpecification['paint']>;
type LinePaint = NonNullable<maplibregl.LineLayerSpecification['paint']>;
const SELECTED_STATE = ['boolean', ['feature-state', 'selected'], false];
/**
 * The paints of the change layers. `opacity` (and `line` colours) are the only differences of the warm-up layers:
 * MapLibre's shader variant depends on which properties are per-feature, not on their values.
 */
const vintagePaint = (opacity: number): FillPaint => ({ 'fill-color': ['match', ['get', 'l1'], ...CLASS_COLORS.flat(), '#cccccc'] as never, 'fill-opacity': opacity, 'fill-outline-color': '#666666' });
const pieceFillPaint = (opacity: number): FillPaint => ({ 'fill-color': ['match', ['get', 'category'], ...Object.entries(CHANGE_COLORS).flat(), '#999999'] as never, 'fill-opacity': opacity });
const pieceLinePaint = (selected: string, other: string): LinePaint => ({
  'line-color': ['case', SELECTED_STATE, selected, other] as never,
  'line-width': ['case', SELECTED_STATE, 4, 1.5] as never,
});

function setSource(map: maplibregl.Map, id: string, data: unknown): void {
  const src = map.getSource(id) as maplibregl.GeoJSONSource | undefined;
  if (src) src.setData(data as never);
  else map.addSource(id, { type: 'geojson', data: data as never });
}

const WARM_LAYERS = ['change-warm-vintage', 'change-warm-fill', 'change-warm-line'];

/**
 * Compile the change layers' shader variants now (the tab was opened), not in the frame that first draws a result:
 * under SwiftShader (software WebGL) each compile and link blocks the main thread for 0.3–0.9 s (see
 * docs/large-layers.md, "Shader warm-up"). One small square at the map's centre is drawn by layers with the same
 * per-feature properties as the real ones but alpha 1/255 (fills) or transparent (outline); showChange removes them.
 */
export function warmChangePrograms(map: maplibregl.Map): void {
  if (map.getSource('change-warm') || map.getSource('change-pieces')) return;
  // a square of 8 × 8 px at the centre of the view (a smaller one would vanish in the tiles' simplification)
  const { x, y } = map.project(map.getCenter());
  const ll = (dx: number, dy: number) => map.unproject([x + dx, y + dy]).toArray();
  const ring = [ll(-4, 4), ll(4, 4), ll(4, -4), ll(-4, -4), ll(-4, 4)];
  const square = { type: 'Feature', properties: { category: 'other', l1: '01' }, geometry: { type: 'Polygon', coordinates: [ring] } };
  map.addSource('change-warm', { type: 'geojson', data: { type: 'FeatureCollection', features: [square] } as never });
  const alpha = 1 / 255;
  map.addLayer({ id: 'change-warm-vintage', type: 'fill', source: 'change-warm', paint: vintagePaint(alpha) });
  map.addLayer({ id: 'change-warm-fill', type: 'fill', source: 'change-warm', paint: pieceFillPaint(alpha) });
  map.addLayer({ id: 'change-warm-line', type: 'line', source: 'change-warm', paint: pieceLinePaint('rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)') });
}

function removeWarmup(map: maplibregl.Map): void {
  for (const id of WARM_LAYERS) if (map.getLayer(id)) map.removeLayer(id);
  if (map.getSource('change-warm')) map.removeSource('change-warm');
}

/** Blob URLs of the vintages now on each map, revoked when replaced. */
const VINTAGE_URLS = new WeakMap<maplibregl.Map, string[]>();

/**
 * A vintage's GeoJSON bytes as a blob URL: MapLibre fetches and parses it in its own worker, so the main thread does
 * not clone the parcels (setData with an object serialises all of it here first).
 */
function vintageData(map: maplibregl.Map, bytes: ArrayBuffer | null): unknown {
  if (!bytes) return empty;
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/geo+json' }));
  VINTAGE_URLS.set(map, [...(VINTAGE_URLS.get(map) ?? []), url]);
  return url;
}

function revokeVintages(map: maplibregl.Map): void {
  for (const url of VINTAGE_URLS.get(map) ?? []) URL.revokeObjectURL(url);
  VINTAGE_URLS.delete(map);
}

/** Draw the result (replacing any earlier one) and fit the map to it; `before`/`after`: the vintages' GeoJSON bytes. */
export function showChange(map: maplibregl.Map, pieces: readonly ChangePieceView[], before: ArrayBuffer | null, after: ArrayBuffer | null, side: ChangeSide): void {
  removeWarmup(map);
  revokeVintages(map);
  for (const s of SIDES) {
    setSource(map, `change-${s}`, vintageData(map, s === 'before' ? before : after));
    if (!map.getLayer(`change-${s}-fill`)) {
      map.addLayer({ id: `change-${s}-fill`, type: 'fill', source: `change-${s}`, paint: vintagePaint(0.45) });
    }
  }
  const fc = {
    type: 'FeatureCollection',
    features: pieces.filter((p) => p.coords).map((p) => ({ type: 'Feature', id: p.piece, properties: { piece: p.piece, category: p.category, from: p.from, to: p.to }, geometry: { type: 'MultiPolygon', coordinates: p.coords } })),
  };
  setSource(map, 'change-pieces', fc);
  if (!map.getLayer('change-pieces-fill')) {
    map.addLayer({ id: 'change-pieces-fill', type: 'fill', source: 'change-pieces', paint: pieceFillPaint(0.85) });
    map.addLayer({ id: 'change-pieces-line', type: 'line', source: 'change-pieces', paint: pieceLinePaint('#00e5ff', '#000000') });
  }
  setChangeSide(map, side);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of pieces)
    for (const poly of p.coords ?? [])
      for (const q of poly[0]) {
        minX = Math.min(minX, q[0]);
        minY = Math.min(minY, q[1]);
        maxX = Math.max(maxX, q[0]);
        maxY = Math.max(maxY, q[1]);
      }
  if (Number.isFinite(minX)) map.fitBounds([minX, minY, maxX, maxY], { padding: 60, duration: 0 });
}

/** The outlined piece of each map (state per map, not per module). */
const SELECTED = new WeakMap<maplibregl.Map, number>();

/** Outline the selected piece (null: none). */
export function selectChangePiece(map: maplibregl.Map, piece: number | null): void {
  if (!map.getSource('change-pieces')) return;
  const last = SELECTED.get(map);
  if (last !== undefined) map.setFeatureState({ source: 'change-pieces', id: last }, { selected: false });
  SELECTED.delete(map);
  if (piece !== null) {
    map.setFeatureState({ source: 'change-pieces', id: piece }, { selected: true });
    SELECTED.set(map, piece);
  }
}

export function setChangeSide(map: maplibregl.Map, side: ChangeSide): void {
  for (const s of SIDES) if (map.getLayer(`change-${s}-fill`)) map.setLayoutProperty(`change-${s}-fill`, 'visibility', s === side ? 'visible' : 'none');
}

export function clearChange(map: maplibregl.Map): void {
  removeWarmup(map);
  revokeVintages(map);
  for (const id of ['change-pieces-line', 'change-pieces-fill', 'change-before-fill', 'change-after-fill']) if (map.getLayer(id)) map.removeLayer(id);
  for (const id of ['change-pieces', 'change-before', 'change-after']) if (map.getSource(id)) map.removeSource(id);
}

/** Call `cb(piece)` when a change piece is clicked; returns the unsubscribe function. */
export function onChangePieceClick(map: maplibregl.Map, cb: (piece: number) => void): () => void {
  const handler = (e: maplibregl.MapMouseEvent & { features?: maplibregl.MapGeoJSONFeature[] }) => {
    const piece = e.features?.[0]?.properties?.piece;
    if (typeof piece === 'number') cb(piece);
  };
  map.on('click', 'change-pieces-fill', handler);
  return () => {
    map.off('click', 'change-pieces-fill', handler);
  };
}
