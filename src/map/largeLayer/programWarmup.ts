/**
 * Compile the fill shader variants of the large layers during load, then drop the layers that compiled them.
 *
 * The parcel fills paint with uniforms (one colour, one opacity: no per-vertex paint arrays, which were 3 of the
 * 3.9 MB uploaded in the frame after a jump to a township); the grade / slope colouring paints a per-vertex colour;
 * the aggregate cells a per-vertex opacity. Each is its own shader variant, and MapLibre compiles a variant the first
 * time it draws it — under SwiftShader (software WebGL) a compile and link blocks the main thread for 0.3–0.8 s,
 * i.e. on the first zoom to parcels or the first switch to grade colouring. So while the first large layer loads,
 * hidden-in-plain-sight layers (alpha 1/255, 1 parcel in 512 and the aggregate cells) draw each variant once; when
 * MapLibre's program cache holds all three they are removed, and later layers need none.
 *
 * The program cache is internal to MapLibre: if it cannot be read the warm-up layers simply stay (correct, a few
 * draw calls per frame dearer).
 */
import type * as maplibregl from 'maplibre-gl';

const ALPHA = 1 / 255;
type FillPaint = NonNullable<maplibregl.FillLayerSpecification['paint']>;
/**
 * The fill variants, by the binders in MapLibre's program key (e.g. `fill/u_fill-color/u_fill-opacity/…/mercator/`;
 * `a_` = per vertex, `u_` = uniform).
 */
const VARIANTS: { binders: string[]; paint: FillPaint }[] = [
  { binders: ['u_fill-color', 'u_fill-opacity'], paint: { 'fill-color': '#000000', 'fill-opacity': ALPHA } },
  // feature-dependent expressions with equal branches: per-vertex arrays, the same value everywhere
  { binders: ['a_fill-color', 'u_fill-opacity'], paint: { 'fill-color': ['case', ['has', 'fa_warm'], '#000000', '#000000'], 'fill-opacity': ALPHA } },
  { binders: ['u_fill-color', 'a_fill-opacity'], paint: { 'fill-color': '#000000', 'fill-opacity': ['case', ['has', 'fa_warm'], ALPHA, ALPHA] } },
];

interface Warmup {
  source: string;
  layers: string[];
  done: boolean;
  stop?: () => void;
}
const state = new WeakMap<maplibregl.Map, Warmup>();

/** Program-cache keys, or null when MapLibre's internals are not what this module expects. */
function programKeys(map: maplibregl.Map): string[] | null {
  const cache = (map as unknown as { painter?: { programCache?: { programs?: unknown } } }).painter?.programCache?.programs;
  return cache && typeof cache === 'object' ? Object.keys(cache) : null;
}

/**
 * The outline program of parcels and red lines (`line/u_line-color/…/u_line-opacity/…/u_line-width/…`: every binder
 * a uniform — colours, widths and opacities are constants or zoom functions). Compiled by the first line drawn: the
 * basemap's roads, a red line, or a large layer's own warm-up line layers, which can then go.
 */
export function lineProgramCompiled(map: maplibregl.Map): boolean | null {
  const keys = programKeys(map);
  if (!keys) return null;
  return keys.some((k) => k.startsWith('line/') && ['u_line-color', 'u_line-opacity', 'u_line-width'].every((b) => k.includes(`/${b}/`)));
}

export function fillProgramsCompiled(map: maplibregl.Map): boolean | null {
  const keys = programKeys(map);
  if (!keys) return null;
  return VARIANTS.every((v) => keys.some((k) => k.startsWith('fill/') && v.binders.every((b) => k.includes(`/${b}/`))));
}

/** Called for each new large layer: starts the warm-up on its source unless one runs or is done. */
export function warmFillPrograms(map: maplibregl.Map, source: string, layerNames: { parcels: string; agg: string }): void {
  const prev = state.get(map);
  if (prev && (prev.done || prev.layers.length)) return;
  if (fillProgramsCompiled(map) === true) {
    state.set(map, { source, layers: [], done: true });
    return;
  }
  const w: Warmup = { source, layers: [], done: false };
  state.set(map, w);
  VARIANTS.forEach((v, i) => {
    for (const [name, sourceLayer] of [
      ['parcels', layerNames.parcels],
      ['agg', layerNames.agg],
    ] as const) {
      const id = `fa-warm-fill-${i}-${name}`;
      map.addLayer({
        id,
        type: 'fill',
        source,
        'source-layer': sourceLayer,
        ...(name === 'parcels' ? { filter: ['==', ['%', ['id'], 512], 0] as maplibregl.FilterSpecification } : {}),
        paint: { ...v.paint, 'fill-antialias': false },
      });
      w.layers.push(id);
    }
  });
  const check = () => {
    const compiled = fillProgramsCompiled(map);
    if (compiled === false) return;
    w.stop?.();
    if (compiled === null) return; // cannot tell: keep the layers
    remove(map, w);
    w.done = true;
  };
  w.stop = () => map.off('render', check);
  map.on('render', check);
}

function remove(map: maplibregl.Map, w: Warmup): void {
  for (const id of w.layers) if (map.getLayer(id)) map.removeLayer(id);
  w.layers = [];
}

/** Before a large layer's source is removed: take the warm-up off it (the next layer starts a new one). */
export function releaseWarmup(map: maplibregl.Map, source: string): void {
  const w = state.get(map);
  if (!w || w.source !== source || !w.layers.length) return;
  w.stop?.();
  remove(map, w);
  state.delete(map);
}

/** For tests: the warm-up layers now on the map. */
export function warmupLayers(map: maplibregl.Map): readonly string[] {
  return state.get(map)?.layers ?? [];
}
