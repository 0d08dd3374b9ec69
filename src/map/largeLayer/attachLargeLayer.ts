/**
 * Large layers on a MapLibre map: parcels go to a tile worker once (transferred, not cloned), the worker cuts
 * vector tiles on demand, and MapLibre reads them through the `fa-tiles://` protocol. The main thread never
 * serialises the layer — the cost that makes a 500k-feature GeoJSON source take 16 s and 3.4 GB.
 *
 * Areas are never computed from these tiles (they are clipped, quantised and aggregated): use src/core on the
 * source geometry. See docs/large-layers.md.
 */
import * as maplibregl from 'maplibre-gl';
import type { LayerKind } from '../../core/types';
import { type HasGeometry, type PackedParcels, packedTransferables, packParcels } from '../../worker/tiles/packed';
import type { Cutter, FromTileWorker, ToTileWorker } from '../../worker/tiles/protocol';
import { AGG_LAYER, PARCEL_LAYER, type TileIndexInfo, type TileIndexOptions } from '../../worker/tiles/tileIndex';
import { OUTLINE_FROM_ZOOM, parcelPaint, setParcelOpacity } from './parcelPaint';
import { lineProgramCompiled, releaseWarmup, warmFillPrograms } from './programWarmup';

export const PROTOCOL = 'fa-tiles';
export { OUTLINE_FROM_ZOOM } from './parcelPaint';

type FillPaint = NonNullable<maplibregl.FillLayerSpecification['paint']>;
type LinePaint = NonNullable<maplibregl.LineLayerSpecification['paint']>;

export interface LargeLayerOptions {
  /** Unique per map; also the MapLibre source id. Style layers: `${id}-agg`, `${id}-warm`, `${id}-fill`, `${id}-line`. */
  id: string;
  /** Layer kind: legend colour, and outline-only drawing for red-line (boundary) kinds. */
  kind?: LayerKind;
  /** Overrides the kind's colour (#rrggbb). */
  color?: string;
  /**
   * Packed geometry (preferred: packed in the engine worker with `packParcels` and transferred). Its buffers are
   * transferred to the tile worker: the caller's arrays become empty (detached) after this call.
   */
  packed?: PackedParcels;
  /** Or plain features (packed here on the main thread — fine up to ~50k parcels). */
  features?: readonly HasGeometry[];
  /** Insert the style layers before this layer id. */
  beforeId?: string;
  /** Layer opacity 0..1 (default 1). */
  opacity?: number;
  /** Tile cutting options (detail zoom, parcels-per-tile budget, aggregate grid). */
  tiles?: TileIndexOptions;
  /** Tile cutter. 'index' (default) is the measured choice; 'geojson-vt' exists for the benchmark. */
  cutter?: Cutter;
}

export interface LargeLayerHandle {
  readonly id: string;
  readonly sourceId: string;
  /** Style layer ids now on the map (agg, warm-up, fill, line, warm-up), bottom to top. */
  readonly layerIds: readonly string[];
  /** Resolves once the worker has indexed the layer (tiles are requested before that and answered after). */
  readonly ready: Promise<TileIndexInfo>;
  setVisible(visible: boolean): void;
  setOpacity(opacity: number): void;
  /** MapLibre filter on the parcel layers (tile properties are the packed columns). Null clears. Aggregates ignore it. */
  setFilter(filter: maplibregl.FilterSpecification | null): void;
  /**
   * Show only the features whose byte is non-zero — in parcel tiles and in the low-zoom aggregates (unlike
   * setFilter). One byte per packed feature (e.g. the parcels of the selected region, from the engine); the buffer
   * is transferred. Null shows all. The source's tiles are re-cut.
   */
  setMask(mask: Uint8Array | null): void;
  /** Fill colour of parcels: a colour or a MapLibre expression over the packed columns (e.g. grade classes). */
  setFillColor(color: maplibregl.DataDrivenPropertyValueSpecification<string>): void;
  /**
   * Any paint property of the parcel fill or line layer (e.g. the red lines' width and dashes).
   * Line paint is mirrored onto the warm-up layers while they exist (except the opacity) so that the variant they
   * compile is the one the outlines will use;
   * keep fill-color and fill-opacity data-driven (an expression) for the same reason.
   */
  setPaint<K extends keyof FillPaint>(layer: 'fill', property: K, value: FillPaint[K]): void;
  setPaint<K extends keyof LinePaint>(layer: 'line', property: K, value: LinePaint[K]): void;
  /** Remove the style layers and source, and free the worker's copy. Idempotent. */
  dispose(): void;
}

// ---- one tile worker per page, shared by every large layer -------------------------------------------------

interface Pending {
  resolve: (data: ArrayBuffer | null) => void;
  reject: (e: Error) => void;
}

interface Shared {
  worker: Worker;
  pending: Map<number, Pending>;
  ready: Map<string, { resolve: (i: TileIndexInfo) => void; reject: (e: Error) => void }>;
  users: number;
  nextReq: number;
}

let shared: Shared | null = null;
let protocolAdded = false;

function getShared(): Shared {
  if (shared) {
    shared.users++;
    return shared;
  }
  const worker = new Worker(new URL('../../worker/tiles/tileWorker.ts', import.meta.url), { type: 'module', name: 'fa-tiles' });
  const s: Shared = { worker, pending: new Map(), ready: new Map(), users: 1, nextReq: 1 };
  worker.onmessage = (ev: MessageEvent<FromTileWorker>) => {
    const msg = ev.data;
    if (msg.type === 'tile') {
      const p = s.pending.get(msg.reqId);
      s.pending.delete(msg.reqId);
      p?.resolve(msg.data);
    } else if (msg.type === 'ready') {
      s.ready.get(msg.layerId)?.resolve(msg.info);
      s.ready.delete(msg.layerId);
    } else if (msg.type === 'error') {
      const err = new Error(`tile worker: ${msg.message}`);
      if (msg.reqId !== undefined) {
        s.pending.get(msg.reqId)?.reject(err);
        s.pending.delete(msg.reqId);
      } else if (msg.layerId !== undefined) {
        s.ready.get(msg.layerId)?.reject(err);
        s.ready.delete(msg.layerId);
      }
    }
  };
  worker.onerror = (ev) => {
    const err = new Error(`tile worker failed: ${ev.message}`);
    for (const p of s.pending.values()) p.reject(err);
    for (const r of s.ready.values()) r.reject(err);
    s.pending.clear();
    s.ready.clear();
  };
  shared = s;
  if (!protocolAdded) {
    maplibregl.addProtocol(PROTOCOL, loadTile);
    protocolAdded = true;
  }
  return s;
}

function releaseShared(): void {
  if (!shared) return;
  shared.users--;
  if (shared.users > 0) return;
  shared.worker.terminate();
  for (const p of shared.pending.values()) p.reject(new Error('tile worker stopped'));
  shared = null;
}

function send(s: Shared, msg: ToTileWorker, transfer: Transferable[] = []): void {
  s.worker.postMessage(msg, transfer);
}

/**
 * An empty tile. A fresh buffer each time: MapLibre transfers the tile's buffer to its own worker, so one shared
 * empty buffer is detached by the first empty tile and every later one fails ("ArrayBuffer … already detached").
 */
const empty = () => new ArrayBuffer(0);

/** `fa-tiles://<layer id>/<z>/<x>/<y>` → MVT bytes from the tile worker. */
async function loadTile(params: maplibregl.RequestParameters, abort: AbortController): Promise<{ data: ArrayBuffer }> {
  const m = /^fa-tiles:\/\/([^/]+)\/(\d+)\/(\d+)\/(\d+)(\?.*)?$/.exec(params.url);
  if (!m) throw new Error(`bad tile url ${params.url}`);
  const s = shared;
  if (!s) return { data: empty() };
  const reqId = s.nextReq++;
  const data = await new Promise<ArrayBuffer | null>((resolve, reject) => {
    s.pending.set(reqId, { resolve, reject });
    abort.signal.addEventListener('abort', () => {
      if (!s.pending.has(reqId)) return;
      s.pending.delete(reqId);
      send(s, { type: 'cancel', reqId });
      reject(new DOMException('tile request aborted', 'AbortError'));
    });
    send(s, { type: 'tile', reqId, layerId: decodeURIComponent(m[1]), z: Number(m[2]), x: Number(m[3]), y: Number(m[4]) });
  });
  return { data: data ?? empty() };
}

// ---- the layer ---------------------------------------------------------------------------------------------

export function attachLargeLayer(map: maplibregl.Map, opts: LargeLayerOptions): LargeLayerHandle {
  const { id } = opts;
  const paint = parcelPaint(opts.kind, opts.color);
  const { color, boundary, lineColor, lineWidth } = paint;
  const packed = opts.packed ?? (opts.features ? packParcels(opts.features) : undefined);
  if (!packed) throw new Error(`attachLargeLayer(${id}): give packed or features`);
  const s = getShared();
  const ready = new Promise<TileIndexInfo>((resolve, reject) => s.ready.set(id, { resolve, reject }));
  ready.catch(() => undefined); // a caller that never awaits `ready` must not see an unhandled rejection
  send(s, { type: 'add', layerId: id, packed, options: opts.tiles ?? {}, cutter: opts.cutter ?? 'index' }, packedTransferables(packed));

  const maxZoom = opts.tiles?.maxZoom ?? 14;
  const tileUrl = (version: number) => `${PROTOCOL}://${encodeURIComponent(id)}/{z}/{x}/{y}?v=${version}`;
  let version = 0;
  map.addSource(id, {
    type: 'vector',
    tiles: [tileUrl(version)],
    minzoom: 0,
    maxzoom: maxZoom,
  });
  let opacity = opts.opacity ?? 1;
  const aggId = `${id}-agg`;
  const fillId = `${id}-fill`;
  const lineId = `${id}-line`;
  const warmId = `${id}-warm`;
  const aggOpacity = () => paint.aggOpacity(opacity);
  // Parcel fills paint with uniforms (a colour and an opacity; grade / slope colouring makes the colour per vertex),
  // the aggregate cells with a per-vertex opacity. MapLibre compiles a shader variant the first time it draws it,
  // which under SwiftShader blocks the main thread for 0.3–0.8 s: programWarmup.ts draws every fill variant once
  // while the first layer loads. No fill antialiasing (parcel outlines are the line layer); a warm-up line layer
  // over the aggregate cells at alpha 1/255 compiles the outline program.
  const parcelOpacity = () => paint.parcelOpacity(opacity);
  // Parcel outlines fade in from OUTLINE_FROM_ZOOM (the layer's minzoom): below it parcels are a few pixels wide,
  // their 0.3 px outlines only darken the fill, and they cost about half of every software-rendered frame
  // (SwiftShader, measured on the demo county at its overview, z≈10.2) and 4.3 of the 10.5 MB uploaded to the GPU
  // in the frame after a jump to a township (z≈11.7) — measured while they were merely transparent there. The
  // minzoom keeps them out of those tiles altogether. Red lines (boundary kinds) are always outlined.
  const lineOpacity = () => paint.lineOpacity(opacity);
  map.addLayer(
    {
      id: aggId,
      type: 'fill',
      source: id,
      'source-layer': AGG_LAYER,
      paint: { 'fill-color': color, 'fill-opacity': aggOpacity(), 'fill-antialias': false },
    },
    opts.beforeId,
  );
  map.addLayer(
    {
      id: warmId,
      type: 'line',
      source: id,
      'source-layer': AGG_LAYER,
      paint: { 'line-color': lineColor, 'line-width': lineWidth, 'line-opacity': 1 / 255 },
    },
    opts.beforeId,
  );
  map.addLayer(
    {
      id: fillId,
      type: 'fill',
      source: id,
      'source-layer': PARCEL_LAYER,
      paint: { 'fill-color': color, 'fill-opacity': parcelOpacity(), 'fill-antialias': false },
    },
    opts.beforeId,
  );
  map.addLayer(
    {
      id: lineId,
      type: 'line',
      source: id,
      'source-layer': PARCEL_LAYER,
      ...(boundary ? {} : { minzoom: OUTLINE_FROM_ZOOM }),
      paint: { 'line-color': lineColor, 'line-width': lineWidth, 'line-opacity': lineOpacity() },
    },
    opts.beforeId,
  );
  // The outline program is compiled when a line layer first draws something. Where the overview shows parcels (no
  // aggregate cells for the warm-up layer above) and their outlines are faded out, a sparse warm-up over 1 parcel in
  // 512 at alpha 1/255 compiles it during load instead of on the first zoom in.
  const warmParcelsId = `${id}-warm-parcels`;
  map.addLayer(
    {
      id: warmParcelsId,
      type: 'line',
      source: id,
      'source-layer': PARCEL_LAYER,
      filter: ['==', ['%', ['id'], 512], 0],
      paint: { 'line-color': lineColor, 'line-width': lineWidth, 'line-opacity': 1 / 255 },
    },
    opts.beforeId,
  );
  let layerIds: readonly string[] = [aggId, warmId, fillId, lineId, warmParcelsId];
  warmFillPrograms(map, id, { parcels: PARCEL_LAYER, agg: AGG_LAYER });
  let disposed = false;
  // The warm-up line layers go once MapLibre holds the outline program (usually compiled by the basemap's roads or a
  // red line in the first frame): each drew a few near-invisible lines per tile in every frame (~20 of the ~130 draw
  // calls of a demo overview frame) for nothing. If the program cache cannot be read they stay.
  const dropWarmLines = () => {
    const compiled = lineProgramCompiled(map);
    if (disposed || compiled === false) return;
    map.off('render', dropWarmLines);
    if (compiled === null) return;
    for (const w of [warmId, warmParcelsId]) if (map.getLayer(w)) map.removeLayer(w);
    layerIds = layerIds.filter((l) => l !== warmId && l !== warmParcelsId);
  };
  map.on('render', dropWarmLines);

  return {
    id,
    sourceId: id,
    get layerIds() {
      return layerIds;
    },
    ready,
    setVisible(visible) {
      if (disposed) return;
      for (const l of layerIds) map.setLayoutProperty(l, 'visibility', visible ? 'visible' : 'none');
    },
    setOpacity(o) {
      if (disposed) return;
      opacity = Math.max(0, Math.min(1, o));
      setParcelOpacity(map, id, paint, opacity);
    },
    setFilter(filter) {
      if (disposed) return;
      map.setFilter(fillId, filter);
      map.setFilter(lineId, filter);
    },
    setMask(mask) {
      if (disposed) return;
      send(s, { type: 'mask', layerId: id, mask }, mask ? [mask.buffer as ArrayBuffer] : []);
      version++;
      (map.getSource(id) as maplibregl.VectorTileSource | undefined)?.setTiles([tileUrl(version)]);
    },
    setFillColor(c) {
      if (disposed) return;
      map.setPaintProperty(fillId, 'fill-color', c);
    },
    setPaint(layer: 'fill' | 'line', property: keyof FillPaint | keyof LinePaint, value: unknown) {
      if (disposed) return;
      // the overloads above type property and value per layer; MapLibre's setter is keyed on all paint properties
      const set = map.setPaintProperty.bind(map) as (l: string, p: string, v: unknown) => void;
      if (layer === 'fill') {
        set(fillId, property, value);
        return;
      }
      set(lineId, property, value);
      if (property !== 'line-opacity') for (const w of [warmId, warmParcelsId]) if (layerIds.includes(w)) set(w, property, value);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      map.off('render', dropWarmLines);
      for (const l of layerIds) if (map.getLayer(l)) map.removeLayer(l);
      releaseWarmup(map, id);
      if (map.getSource(id)) map.removeSource(id);
      send(s, { type: 'remove', layerId: id });
      s.ready.get(id)?.reject(new Error('disposed'));
      s.ready.delete(id);
      releaseShared();
    },
  };
}
