/**
 * The app store's shape: the state and actions of its slices (data, view, draw, scenarios, settings), and what every slice may use
 * (StoreDeps). Each slice file builds its part; store.ts puts them together.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { FieldMapping } from '../../core/layers/layer';
import type { ProjectManifest } from '../../core/layers/projectManifest';
import type { AreaBasis } from '../../core/area/netArea';
import type { AreaMethod, BBox, Finding, LayerKind, Region } from '../../core/types';
import type { EngineClient } from '../../worker/client';
import type { DrawSession, SessionOptions } from '../draw/drawSession';
import type { ChangeActions, ChangeSliceState } from './change';
import type { DrawPortFactory } from '../draw/port';
import type { ScenarioStore } from '../scenarios/scenarioStore';
import type { ScenarioStorage } from '../scenarios/storage';
import type { PackedParcels } from '../../worker/tiles/packed';
import type { StreamBytes } from './downloads';
import type { ImportDetected, ImportTable, InspectHit, LayerInfo, LayerStats, Progress, RegionEntry, Summary, SummaryFormat } from '../../worker/protocol';
import type { Indicators, IndicatorsListed, RemainderCollection } from '../../worker/indicatorsProtocol';

export type Lang = 'zh' | 'en';
export type CultivatedStyle = 'kind' | 'grade' | 'slope';
export type BasemapChoice = 'offline' | 'tianditu' | 'xyz';

export type Manifest = ProjectManifest;

export interface LayerEntry {
  info: LayerInfo;
  visible: boolean;
  opacity: number;
  findings: Finding[];
  /**
   * The layer's geometry packed in typed arrays by the engine worker, for the map's tile worker. The map
   * transfers it there once, after which its arrays are detached (empty): read areas from the engine, never here.
   */
  packed: PackedParcels;
  /** Where it came from: the manifest or a user import. */
  origin: 'manifest' | 'import';
  /** false: left out of "my county" — on the map, out of the totals (setInTotals). Default true. */
  inTotals?: boolean;
  /** Server mode: the vector tiles' URL template on the province server (`…/tiles/KIND/{z}/{x}/{y}.mvt`); `packed` is then empty. */
  serverTiles?: string;
}

export interface ImportReport {
  file: string;
  /** The kind used (chosen, or recognised from the fields when 'auto'); undefined when it could not be told. */
  kind?: LayerKind;
  findings: Finding[];
  blocked: boolean;
  layerId?: string;
  /** The file's field names, for the field mapping. */
  fields?: string[];
  /** 'auto' could not tell the kind from the fields: the user must choose. */
  needsKind?: boolean;
  /** Every table of a GeoPackage / FileGDB / multi-layer zip, to pick from (re-import with options.layerName). */
  tables?: ImportTable[];
  /** The detected CRS and encoding and the rule that decided each. */
  detected?: ImportDetected;
  /** The options this report was read with (for re-import with overrides). */
  options?: ImportOptions;
}

/** Options of an import beyond the kind: explicit CRS, attribute encoding, field mapping. */
export interface ImportOptions {
  epsg?: number;
  encoding?: string;
  mapping?: FieldMapping;
  /** Projected sources: vertices every ≤ this many metres along edges, straight as drawn in the source projection. */
  densifyM?: number;
  /** The table to take from a file with several. */
  layerName?: string;
}

export interface Settings {
  basemap: BasemapChoice;
  tiandituKey: string;
  xyzUrl: string;
  areaMethod: AreaMethod;
  cultivatedStyle: CultivatedStyle;
  /** Which area the 耕地 cards and target lines use: 地类面积 (net of 田坎, default) or 图斑面积. */
  areaBasis: AreaBasis;
}

export interface ViewState {
  center: [number, number];
  zoom: number;
  bearing: number;
}

/** Data slice: the manifest, the layers (draw order: first = bottom), the engine's figures for them, imports. */
export interface DataState {
  manifestUrl?: string;
  manifest?: Manifest;
  /** Absolute URLs of basemap files. */
  basemapUrls: { roads?: string; townships?: string; places?: string };
  status: 'idle' | 'loading' | 'ready' | 'error';
  statusMessage?: string;
  /** Manifest layers that did not load, with the first error's message (shown until dismissed). */
  layerFailures?: { file: string; message: string }[];
  layers: LayerEntry[];
  stats: LayerStats[];
  statsFor?: { region?: Region; method: AreaMethod };
  /** The engine's summary (overlaps once, breakdowns, targets) for the region filter. */
  summary?: Summary;
  summaryFor?: { region?: Region };
  /** Why 三区三线 conflicts could not be computed, if they could not. */
  conflictsError?: string;
  /** Findings of the targets table, if it had problems. */
  targetFindings: Finding[];
  /** A targets table the user imported (docs/targets-format.md), in place of the manifest's; kept by the workspace. */
  userTargets?: { file: string; bytes: ArrayBuffer };
  regions: RegionEntry[];
  progress?: { label: string; progress?: Progress };
  importReport?: ImportReport;
  /** Layer ids the URL asked to show (applied once the layers load). */
  pendingVisible?: string[];
}

export interface DataActions {
  loadManifest(url: string): Promise<void>;
  importFile(file: { name: string; bytes: ArrayBuffer }, kind: LayerKind | 'auto', options?: ImportOptions): Promise<ImportReport>;
  /**
   * Use the user's targets table (CSV / JSON, docs/targets-format.md) in place of the manifest's; undefined goes back
   * to the manifest's (or none). Resolves to the table's findings (file, row, field).
   */
  importTargets(file: { name: string; bytes: ArrayBuffer } | undefined): Promise<Finding[]>;
  /** Drop a layer (imports only, in the UI): from the engine, the map and every total. */
  removeLayer(layerId: string): Promise<void>;
  /** Count a layer in "my county" or leave it out of every total (it stays on the map). */
  setInTotals(layerId: string, inTotals: boolean): Promise<void>;
  setVisible(layerId: string, visible: boolean): void;
  setOpacity(layerId: string, opacity: number): void;
  moveLayer(layerId: string, delta: 1 | -1): void;
  refreshStats(): Promise<void>;
  exportLayer(layerId: string): Promise<{ bytes: ArrayBuffer; file: string }>;
  exportSummary(format: SummaryFormat): Promise<{ bytes: ArrayBuffer; file: string; mime: string }>;
}

/** View slice: where the map looks, the region filter, the tab, what is selected or hovered. */
export interface ViewSliceState {
  region?: Region;
  view?: ViewState;
  /** A request for the map to fit a bbox (seq makes repeated requests distinct). */
  fitRequest?: { bbox: BBox; seq: number; view?: ViewState };
  tab: 'layers' | 'stats' | 'import' | 'export' | 'settings' | 'change';
  selection: InspectHit[];
  selectionAt?: [number, number];
  /** The parcel under the pointer (top visible layer), from the engine's index — not from rendered tiles. */
  hover?: { layerId: string; pid: number; geometry: InspectHit['geometry'] };
  cursor?: [number, number];
  reportOpen: boolean;
}

export interface ViewActions {
  setRegion(region: Region | undefined): void;
  setTab(tab: ViewSliceState['tab']): void;
  setView(view: ViewState): void;
  setCursor(pos: [number, number] | undefined): void;
  inspectAt(lon: number, lat: number): Promise<void>;
  hoverAt(pos: [number, number] | undefined): Promise<void>;
  /** Show a hovered parcel found elsewhere (server mode: from the server's tiles), or none. */
  showHover(hover: ViewSliceState['hover']): void;
  clearSelection(): void;
  fitTo(bbox: BBox): void;
  /** Move the map to a saved view (centre, zoom, bearing), e.g. a restored workspace's. */
  goToView(view: ViewState): void;
  setReportOpen(open: boolean): void;
}

/** Settings slice: what persists in localStorage (settings and language). */
export interface SettingsState {
  lang: Lang;
  settings: Settings;
}

export interface SettingsActions {
  setLang(lang: Lang): void;
  setSettings(patch: Partial<Settings>): void;
}

/** Draw slice: the drawing session, while the draw panel runs one (its own store: live figures change every frame). */
export interface DrawSliceState {
  drawSession?: DrawSession;
}

export interface DrawActions {
  /** Start the session (once; the running one is returned after that): `makePort` builds the map's side. Needs the scenarios open. */
  startDrawing(makePort: DrawPortFactory, opts?: SessionOptions): DrawSession;
  /** End the session and its drawing. */
  stopDrawing(): void;
  /** Send the manifest's analysis config (fee rates, capacity table) to the engine, then recompute the drawing's figures. */
  applyDrawConfig(): Promise<void>;
}

/** Scenarios slice: saved scenarios and the autosaved draft (their own store, persisted through a ScenarioStorage). */
export interface ScenarioSliceState {
  scenarioStore?: ScenarioStore;
}

export interface ScenariosActions {
  /** Open the scenarios from `storage` (once: later calls get the same store). */
  openScenarios(storage: ScenarioStorage): Promise<ScenarioStore>;
}

/** Indicators slice: the quality indicators (core/analysis/indicators via the worker) and the remainder highlight. */
export interface IndicatorsSliceState {
  indicators?: Indicators;
  indicatorsFor?: { region?: Region };
  /**
   * The 永久基本农田 parcels not yet in 高标准农田 (the ranked candidates), for the map's highlight. Undefined while a
   * long remainder (`indicatorsListed`) has not been asked for: turning the highlight on fetches it.
   */
  remainder?: RemainderCollection;
  /** Set when the engine listed only the top candidates (worker/indicatorsProtocol.ts IndicatorsListed). */
  indicatorsListed?: IndicatorsListed;
  /** The remainder's parcels are being fetched for the highlight; or why they could not be. */
  remainderLoading?: boolean;
  remainderError?: string;
  indicatorsError?: string;
  /** Highlight the remainder on the map. */
  showRemainder: boolean;
}

export interface IndicatorsActions {
  /** Ask the engine for the indicators of the region filter (the manifest's reward / compensation rates first, once). */
  refreshIndicators(): Promise<void>;
  /** Show or hide the remainder highlight (fetching a long remainder's parcels the first time it is shown). */
  setShowRemainder(on: boolean): void;
}

export type AppState = DataState & ViewSliceState & DrawSliceState & ScenarioSliceState & SettingsState & IndicatorsSliceState & ChangeSliceState;
export type AppActions = DataActions & ViewActions & DrawActions & ScenariosActions & SettingsActions & IndicatorsActions & ChangeActions;

export interface StoreDeps {
  client: EngineClient;
  /** Fetch JSON (manifest, basemap names); window.fetch in the browser. */
  fetchJson: (url: string) => Promise<unknown>;
  /**
   * Fetch a layer file's bytes on the page's thread (worker/fetchBytes.ts in the browser: a `.gz` inflated as it
   * downloads); without it the engine worker fetches each URL itself.
   */
  fetchBytes?: (url: string) => Promise<ArrayBuffer>;
  /**
   * Fetch a layer file as it arrives (worker/fetchBytes.ts fetchStream): the worker gets its pieces over a port and
   * reads them while the rest downloads (downloads.ts streamInOrder). Taken before `fetchBytes` when given.
   */
  streamBytes?: StreamBytes;
  /** Base for resolving relative URLs (document.baseURI in the browser). */
  baseUrl: string;
  /** Where settings and language persist (localStorage in the browser); written only when they change. */
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
}

/** A slice: its part of the store, built with the whole store's set/get. */
export type Slice<T> = StateCreator<AppState & AppActions, [], [], T>;
