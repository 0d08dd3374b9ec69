/**
 * The one typed request/response map between the app and the engine worker. Every message the worker answers is
 * listed here; `worker.ts` and `client.ts` are typed by it, and the handler is tested in-process against it.
 * Values are plain data (structured-clone safe); big payloads travel as transferred ArrayBuffers.
 */
import type { AreaBasis } from '../core/area/netArea';
import type { Summary } from '../core/analysis/summary';
import type { InspectHit } from '../core/engine/inspect';
import type { RegionEntry } from '../core/engine/regionTree';
import type { SummaryFormat } from '../core/engine/summaryExport';
import type { LayerInfo, LayerStats } from '../core/engine/workspace';
import type { FieldMapping } from '../core/layers/layer';
import type { AreaGeometry, AreaMethod, Finding, LayerKind, Region } from '../core/types';
import type { ChangeRequests } from './changeProtocol';
import type { DrawRequests } from './impactProtocol';
import type { IndicatorRequests, Indicators } from './indicatorsProtocol';
import type { PackedParcels } from './tiles/packed';

// the engine's answer types live with the use cases in core; re-exported so the app imports one protocol
export type { InspectHit, LayerInfo, LayerStats, RegionEntry, Summary, SummaryFormat };

/** Where a layer's bytes come from: a URL the worker fetches (demo data), or bytes the user dropped. */
export type LayerSource = { url: string } | { bytes: ArrayBuffer };
/**
 * A layer file the page is downloading, its pieces arriving on a port (worker/streamedBytes.ts) while the worker
 * already reads them; `size` when the page knows it (Content-Length) or can estimate it (a gzip file it inflates):
 * the worker's buffer is sized by it, and grows if more bytes come.
 */
export type StreamSource = { stream: MessagePort; size?: number };

export interface Requests extends DrawRequests, IndicatorRequests, ChangeRequests {
  /**
   * Load a layer: fetch/parse → validate → area → index; answers the layer, its findings and its geometry packed
   * in typed arrays for the map's tile worker (transferred, never cloned: docs/large-layers.md). Packed feature i
   * is parcel i (`pid`); columns `gddj`, `gdpdjb` (numbers) drive the grade / slope colouring.
   */
  load: {
    /**
     * `kind: 'auto'` takes the kind the fields make obvious (YJJBNTTBBH → 永久基本农田, HXBM → 生态保护红线, …) and
     * answers `needsKind` when they do not. `epsg` / `encoding` override the .prj / .cpg; `mapping` names the
     * fields that hold non-standard attributes.
     */
    req: {
      layerId: string;
      kind: LayerKind | 'auto';
      name?: string;
      file: string;
      source: LayerSource | StreamSource;
      blockOnError: boolean;
      epsg?: number;
      encoding?: string;
      /** Projected sources: densify edges every ≤ this many metres in the source projection (io/densify.ts). */
      densifyM?: number;
      mapping?: FieldMapping;
      /** The table to import from a file with several (GeoPackage, File Geodatabase, multi-Shapefile zip). */
      layerName?: string;
    };
    res: {
      layer?: LayerInfo;
      findings: Finding[];
      blocked: boolean;
      packed?: PackedParcels;
      kind?: LayerKind;
      needsKind?: boolean;
      fields?: string[];
      /** Every table of the file when it has several (or is a GeoPackage / FileGDB), for the user to pick. */
      tables?: ImportTable[];
      /** The chosen table's detected CRS and encoding, with the rule that decided each. */
      detected?: ImportDetected;
    };
  };
  /**
   * Begin the first `load` before it is asked for (app/boot.ts: the manifest's first layer pack, before the app's
   * bundle has run): download `url` and, with `layer` (the manifest's file, kind and name for it), import it. The
   * first load takes what it asks for exactly; any other first load drops it, as does a minute unclaimed
   * (worker/earlyLoad.ts).
   */
  prefetch: { req: { url: string; layer?: { file: string; kind: string; name?: string } }; res: { started: boolean } };
  remove: { req: { layerId: string }; res: { removed: boolean } };
  /**
   * Whether a layer counts in "my county" (issue 16 §2): a layer left out stays on the map but out of the totals,
   * summaries, regions, exports and impact checks. Answers the layers left out.
   */
  setInTotals: { req: { layerId: string; inTotals: boolean }; res: { excluded: string[] } };
  /** Township names from the basemap, so region lists read as names. */
  setRegionNames: { req: { names: Record<string, string> }; res: { count: number } };
  regions: { req: Record<string, never>; res: { regions: RegionEntry[] } };
  stats: { req: { region?: Region; method: AreaMethod }; res: { stats: LayerStats[] } };
  /** Parcels under a point in the given layers (top first); `first`: only the topmost (hover). */
  inspect: { req: { lon: number; lat: number; layerIds: string[]; first?: boolean }; res: { hits: InspectHit[] } };
  /** The region's allocated targets (JSON or CSV table, docs/targets-format.md). */
  setTargets: { req: { file: string; source: LayerSource }; res: { findings: Finding[]; regions: number } };
  /** The engine's summary (core/analysis/summary: overlaps once, breakdowns, targets) for a region code prefix. */
  summary: { req: { region?: string; basis?: AreaBasis; boundary?: AreaGeometry }; res: { summary: Summary; conflictsError?: string } };
  /** The summary as a file, written by the core writers exactly as `farmland summary` writes it. */
  exportSummary: {
    /** `given`: server mode — the province server's summary and its input files, written instead of the workspace's. */
    req: { format: SummaryFormat; region?: string; now: string; basis?: AreaBasis; boundary?: AreaGeometry; given?: { summary: Summary; inputs: { file: string; role: string; features?: number }[]; indicators?: Indicators } };
    res: { bytes: ArrayBuffer; file: string; mime: string };
  };
  /** A layer as GeoJSON (UTF-8 bytes), for export. */
  exportLayer: { req: { layerId: string }; res: { bytes: ArrayBuffer; file: string } };
  /**
   * Server mode: the parcels of a box from a province server (`/api/parcels?bbox=…` of `farmland serve`, fetched
   * here) become the layers the drawing tools read (core/engine/boxLayers.ts) — in the dashboard, snapping's source
   * edges: impact and 占补平衡 are asked of the server itself (`/api/impact`, `/api/balance`, app/serverMode.ts);
   * `url: null` goes back to the workspace's layers.
   */
  serverBox: { req: { url: string | null }; res: { layers: number; parcels: number } };
}

/** One table of an imported file (worker/importInfo.ts). */
export interface ImportTable {
  name: string;
  alias?: string;
  format: string;
  featureCount: number;
  geometryType?: string;
  /** "EPSG:4527 CGCS2000 / 3-degree Gauss-Kruger zone 39". */
  crs?: string;
  kind?: LayerKind;
  /** The 三调 table it was recognised as by name ("DLTB 地类图斑"). */
  standardTable?: string;
  /** Read without errors and has features. */
  usable: boolean;
  /** Field aliases the file carries (GeoPackage gpkg_data_columns.name, FileGDB field alias), by field name. */
  fieldAliases?: Record<string, string>;
}

/** How the chosen table's CRS and encoding were decided (sources: see core/io/readAny.ts CrsInfo, encoding.ts). */
export interface ImportDetected {
  layer: string;
  format: string;
  crs?: { epsg?: number; name: string; source: string };
  /** `alternatives`: other encodings that scored close and read the text differently — the user is asked. */
  encoding?: { encoding: string; source: string; detail: string; alternatives?: string[] };
}

export type RequestType = keyof Requests;
export type Req<T extends RequestType> = Requests[T]['req'];
export type Res<T extends RequestType> = Requests[T]['res'];

/** Messages main → worker. */
export interface RequestMessage<T extends RequestType = RequestType> {
  id: number;
  type: T;
  payload: Req<T>;
}

export type Progress = { phase: 'fetch' | 'parse' | 'validate' | 'index' | 'serialize' | 'compute'; done?: number; total?: number };

/** Messages worker → main. */
export type ResponseMessage =
  | { id: number; kind: 'result'; result: unknown }
  | { id: number; kind: 'error'; message: string }
  | { id: number; kind: 'progress'; progress: Progress };
