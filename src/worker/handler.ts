/**
 * The engine side of the worker protocol: a router of one-line handlers over core's use cases (src/core/engine).
 * The state (layers, order, region names, targets; the drawing tools' config and prepared site) lives in a core
 * Workspace and DrawingSession, not here. Pure (no `self`, no DOM): worker.ts wires it to postMessage, and tests
 * call it in-process.
 */
import { ChangeSession } from '../core/engine/changeSession';
import { DrawingSession, readDrawnPolygons } from '../core/engine/drawing';
import { type BoxParcels, layersFromBox } from '../core/engine/boxLayers';
import { givenSummaryExport } from '../core/engine/givenSummaryExport';
import { importLayer } from '../core/engine/importLayer';
import type { Layer } from '../core/layers/layer';
import { type OwnedBytes, ownedBytes } from '../core/io/ownedBytes';
import { startFlatScan } from '../core/io/flatGeojson';
import type { Prescan } from '../core/io/importTypes';
import type { GdalLoader } from '../core/io/readImportAsync';
import { layerInfo, Workspace } from '../core/engine/workspace';
import { ledger } from '../core/analysis/ledger';
import { snapEdges } from '../core/overlay/snap';
import type { Finding, Parcel } from '../core/types';
import { attrOf } from '../core/layers/attrTable';
import { changeInputBytes, vintageBytes } from './changeInput';
import { detectedOf, tableInfo } from './importInfo';
import { fetchBytes as fetchUrl } from './fetchBytes';
import { freeBytes } from './freeBytes';
import { createIndicatorHandlers } from './indicatorsHandler';
import { EarlyLoad, type ImportReq } from './earlyLoad';
import type { Progress, Req, RequestType, Res, StreamSource } from './protocol';
import { receiveStream } from './streamedBytes';
import { packedTransferables, packParcels } from './tiles/packed';

export interface HandlerContext {
  progress: (p: Progress) => void;
  /** Buffers to transfer with the answer. */
  transfer: (buf: ArrayBuffer) => void;
}

type Handlers = { [T in RequestType]: (req: Req<T>, ctx: HandlerContext) => Promise<Res<T>> | Res<T> };

type Source = { url: string } | { bytes: ArrayBuffer };
type Fetch = (url: string) => Promise<ArrayBuffer>;

/** Numeric columns carried into the map's tiles (styling only: areas never come from tiles). */
const MAP_COLUMNS = {
  gddj: (p: Parcel) => attrOf(p, 'gddj'),
  gdpdjb: (p: Parcel) => attrOf(p, 'gdpdjb'),
};

/**
 * The bytes of a source, or the finding that says why they cannot be read. Owned (core/io/ownedBytes.ts): no local
 * of the caller keeps them, and an import frees a large file's memory once it is read (freeBytes.ts).
 */
async function sourceBytes(source: Source, file: string, fetchBytes: Fetch): Promise<OwnedBytes | Finding> {
  try {
    return ownedBytes('url' in source ? new Uint8Array(await fetchBytes(source.url)) : new Uint8Array(source.bytes), freeBytes);
  } catch (err) {
    return cannotRead(file, err);
  }
}

/** A read failure as a finding naming the file; a message already in both languages ("中文 / English") goes into each half. */
function cannotRead(file: string, err: unknown): Finding {
  const why = err instanceof Error ? err.message : String(err);
  const [zh, en] = why.includes(' / ') ? [why.slice(0, why.indexOf(' / ')), why.slice(why.indexOf(' / ') + 3)] : [why, why];
  return { severity: 'error', code: 'io.fetch', message: `${file}: 无法读取（${zh}） / cannot read (${en})`, file };
}

/**
 * A layer file the page streams (streamedBytes.ts): gathered while the flat GeoJSON scan reads the features that have
 * come (core/io/flatGeojson.ts startFlatScan; any other format makes that scan give up at its first byte). The
 * import then finishes that scan instead of starting one (`prescan`).
 */
async function streamedBytes(source: StreamSource, file: string, shared: boolean, progress: (p: Progress) => void): Promise<{ bytes: OwnedBytes; prescan: Prescan } | Finding> {
  const scan = startFlatScan({ size: source.size, shared });
  try {
    const r = await receiveStream(source.stream, file, {
      size: source.size,
      free: freeBytes,
      onBytes: (b) => {
        scan.feed(b);
        progress({ phase: 'fetch', done: b.length, ...(source.size ? { total: source.size } : {}) });
      },
    });
    return { bytes: ownedBytes(r.bytes, () => freeBytes(r.whole)), prescan: { bytes: r.bytes, finish: scan.finish } };
  } catch (err) {
    return cannotRead(file, err);
  }
}

const isFinding = (b: object): b is Finding => 'severity' in b;

/** An ArrayBuffer holding exactly these bytes, handed to `transfer`. */
function transferred(bytes: Uint8Array, ctx: HandlerContext): ArrayBuffer {
  const buf = (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) as ArrayBuffer;
  ctx.transfer(buf);
  return buf;
}

/** A file made in the worker, its bytes transferred. */
function exported(out: { bytes: Uint8Array; file: string; mime: string }, ctx: HandlerContext): { bytes: ArrayBuffer; file: string; mime: string } {
  return { bytes: transferred(out.bytes, ctx), file: out.file, mime: out.mime };
}

/** An import's outcome: the layer when it loaded, and the load's answer but for the layer's own parts. */
interface Imported {
  layer?: Layer;
  featureCount: number;
  answer: Omit<Res<'load'>, 'layer' | 'packed'>;
}

/**
 * `loadGdal`: GDAL for GeoPackage / File Geodatabase (worker.ts passes gdalBrowser.ts; tests the Node one).
 * `sharedGeometry`: layers keep their positions in shared memory, which the packed answer lends to the tile worker
 * instead of a copy (worker.ts: when the page is cross-origin isolated; tiles/packed.ts packParcels).
 */
export function createHandler(fetchBytes: Fetch = defaultFetch, loadGdal?: GdalLoader, sharedGeometry = false) {
  const ws = new Workspace();
  const change = new ChangeSession();
  // server mode: the drawing tools read the parcels of a box fetched from the server (serverBox; the dashboard uses
  // it for snapping — impact and balance are the server's)
  let box: Layer[] | undefined;
  const drawLayers = () => box ?? ws.layers();
  const drawing = new DrawingSession(drawLayers);

  // quality indicators (core/analysis/indicators): targets of the region from the workspace's summary
  const indicatorHandlers = createIndicatorHandlers(() => ws.layers(), (region) => ws.summary(region).summary.targets, fetchBytes);

  /** Fetch (or take the bytes of) a layer's file and import it: read → choose → kind → validate → load. */
  async function importOf(req: ImportReq, progress: (p: Progress) => void, fetch: Fetch): Promise<Imported> {
    const source = req.source;
    if (!('bytes' in source)) progress({ phase: 'fetch' });
    const got = 'stream' in source ? await streamedBytes(source, req.file, sharedGeometry, progress) : await sourceBytes(source, req.file, fetch);
    if (isFinding(got)) return { featureCount: 0, answer: { findings: [got], blocked: true } };
    const { bytes, prescan } = 'prescan' in got ? got : { bytes: got, prescan: undefined };
    progress({ phase: 'parse', done: 0, total: 1 });
    const r = await importLayer(req.file, bytes, {
      ...(prescan ? { prescan } : {}),
      kind: req.kind,
      name: req.name,
      mapping: req.mapping,
      blockOnError: req.blockOnError,
      layerName: req.layerName,
      loadGdal,
      sharedGeometry,
      onProgress: (f) => progress({ phase: 'parse', done: f, total: 1 }),
      onValidate: (n) => progress({ phase: 'validate', total: n }),
      ...(req.epsg !== undefined ? { epsg: req.epsg } : {}),
      ...(req.encoding !== undefined ? { encoding: req.encoding } : {}),
      ...(req.densifyM !== undefined ? { densifyM: req.densifyM } : {}),
    });
    // what the import panel shows: every table of a multi-table file, the chosen one's detected CRS / encoding
    const extra = { ...(r.severalTables ? { tables: r.read.layers.map(tableInfo) } : {}), ...(r.chosen ? { detected: detectedOf(r.chosen) } : {}) };
    const featureCount = r.featureCount;
    if (r.needsKind) return { featureCount, answer: { findings: r.findings, blocked: true, needsKind: true, fields: r.fields, ...extra } };
    if (r.blocked || !r.layer) return { featureCount, answer: { findings: r.findings, blocked: true, ...(r.kind ? { kind: r.kind } : {}), ...(r.fields ? { fields: r.fields } : {}), ...extra } };
    return { layer: r.layer, featureCount, answer: { findings: r.findings, blocked: false, kind: r.kind, fields: r.fields, ...extra } };
  }
  // the first load, begun before the app asked for it (`prefetch`, earlyLoad.ts)
  const early = new EarlyLoad<Imported>(fetchBytes, importOf);

  const handlers: Handlers = {
    indicators: (req) => indicatorHandlers.indicators(req),
    remainder: (req) => indicatorHandlers.remainder(req),
    setRewardRates: (req) => indicatorHandlers.setRewardRates(req),
    prefetch: (req) => early.start(req),
    async load(req, ctx) {
      const begun = early.take(req, ctx.progress);
      let r = begun.outcome ? await begun.outcome : await importOf(req, ctx.progress, begun.fetch);
      // (an early download that failed is fetched again: the load reports that attempt's failure)
      if (begun.outcome && r.answer.findings.some((f) => f.code === 'io.fetch')) r = await importOf(req, ctx.progress, fetchBytes);
      if (!r.layer) return r.answer;
      ws.add(req.layerId, r.layer);
      ctx.progress({ phase: 'serialize' });
      // typed arrays, transferred (or shared, see createHandler): the main thread never walks or clones the parcels
      // (docs/large-layers.md)
      const packed = packParcels(r.layer.parcels, { area: (p) => p.areaM2, columns: MAP_COLUMNS });
      for (const buf of packedTransferables(packed)) ctx.transfer(buf);
      return { ...r.answer, layer: layerInfo(req.layerId, r.layer, r.featureCount), packed };
    },
    remove: (req) => ({ removed: ws.remove(req.layerId) }),
    setInTotals: (req) => ({ excluded: ws.setInTotals(req.layerId, req.inTotals) }),
    setRegionNames: (req) => ({ count: ws.setRegionNames(req.names) }),
    regions: () => ({ regions: ws.regions() }),
    stats: (req) => ({ stats: ws.stats(req.region, req.method) }),
    inspect: (req) => ({ hits: ws.inspect(req.lon, req.lat, req.layerIds, req.first) }),
    async setTargets(req) {
      const bytes = await sourceBytes(req.source, req.file, fetchBytes);
      return isFinding(bytes) ? { findings: [bytes], regions: 0 } : ws.setTargets(bytes.take(), req.file);
    },
    summary(req, ctx) {
      ctx.progress({ phase: 'compute' });
      return ws.summary(req.region || undefined, { basis: req.basis, boundary: req.boundary });
    },
    async exportSummary(req, ctx) {
      ctx.progress({ phase: 'compute' });
      const out = req.given
        ? await givenSummaryExport(req.format, req.given.summary, req.region || undefined, new Date(req.now), req.given.inputs, req.given.indicators)
        : await ws.exportSummary(req.format, req.region || undefined, new Date(req.now), { rates: indicatorHandlers.rewardRates(), basis: req.basis, boundary: req.boundary });
      return exported(out, ctx);
    },
    exportLayer(req, ctx) {
      const out = ws.exportLayer(req.layerId);
      return { bytes: transferred(new TextEncoder().encode(out.text), ctx), file: out.file };
    },

    // drawing tools
    drawLive: (req) => drawing.live(req.site),
    drawImpact: (req) => drawing.impact(req.site, { limit: req.limit, regionCode: req.regionCode }),
    drawBalance: (req) => drawing.balance(req.site, req.supplements, req.regionCode),
    drawLedger: (req) => ledger(req.projects ?? [], req.options ?? {}),
    async drawConfig(req) {
      const bytes = await sourceBytes(req.source, req.file, fetchBytes);
      return isFinding(bytes) ? { findings: [bytes], sources: drawing.analysisConfig.sources } : drawing.setConfig(bytes.take(), req.file);
    },
    drawSnap(req, ctx) {
      const b = req.bbox;
      if (!Array.isArray(b) || b.length !== 4 || !b.every(Number.isFinite)) return { bbox: b, edges: new Float64Array(0), truncated: false };
      const r = snapEdges(drawLayers(), b, { files: req.files, maxEdges: req.maxEdges });
      ctx.transfer(r.edges.buffer as ArrayBuffer);
      return { bbox: b, ...r };
    },
    async serverBox(req) {
      box = req.url === null ? undefined : layersFromBox(JSON.parse(new TextDecoder().decode(await fetchBytes(req.url))) as BoxParcels);
      return { layers: box?.length ?? 0, parcels: box?.reduce((n, l) => n + l.parcels.length, 0) ?? 0 };
    },
    drawReadPolygons: (req) => readDrawnPolygons(req.file, new Uint8Array(req.bytes), loadGdal),

    // year-on-year change (issue #17): changeOverlay, changePiece, changeVintages
    changePiece: (req) => change.piece(req.piece),
    changeReport: async (req) => change.report(req),
    changeExport: async (req, ctx) => exported(await change.exportReport(req.format, req, new Date(req.now)), ctx),
    changeVintages: async (req, ctx) => vintageBytes(change.vintages(req.maxParcels), ctx.transfer),
    changeOverlay: async (req, ctx) => change.overlay(await changeInputBytes(req, fetchBytes), ctx.progress),
  };

  return {
    handle<T extends RequestType>(type: T, payload: Req<T>, ctx: HandlerContext): Promise<Res<T>> {
      const fn = handlers[type] as (req: Req<T>, ctx: HandlerContext) => Promise<Res<T>> | Res<T>;
      if (!fn) return Promise.reject(new Error(`unknown request ${String(type)}`));
      return Promise.resolve(fn(payload, ctx));
    },
    /** For tests: the engine's layers, in load order. */
    layers: () => ws.layers(),
  };
}

export type Handler = ReturnType<typeof createHandler>;

/** fetchBytes.ts: a `.gz` file inflated while it downloads. */
const defaultFetch = (url: string): Promise<ArrayBuffer> => fetchUrl(url);
