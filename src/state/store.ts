/**
 * The app state (zustand vanilla store): slices for layers, view, filter, ui/language and settings. Actions are
 * thin: they call the engine worker and put its answers in the store. Settings and language persist in
 * localStorage; view, visible layers and region filter live in the URL (see src/app/urlState.ts).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { layerKindInfo } from '../core/layers/kinds';
import type { FieldMapping } from '../core/layers/layer';
import type { AreaBasis } from '../core/area/netArea';
import type { AreaGeometry, AreaMethod, BBox, Finding, LayerKind, Region } from '../core/types';
import { type EngineClient, Superseded } from '../worker/client';
import type { PackedParcels } from '../worker/tiles/packed';
import type { InspectHit, LayerInfo, LayerStats, Progress, RegionEntry, Summary, SummaryFormat } from '../worker/protocol';

export type Lang = 'zh' | 'en';
export type CultivatedStyle = 'kind' | 'grade' | 'slope';
export type BasemapChoice = 'offline' | 'tianditu' | 'xyz';

export interface Manifest {
  name: string;
  layers: { kind: LayerKind; file: string; name?: string }[];
  targets?: string;
  config?: string;
  basemap?: { roads?: string; townships?: string; places?: string };
}

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
}

/** Options of an import beyond the kind: explicit CRS, attribute encoding, field mapping. */
export interface ImportOptions {
  epsg?: number;
  encoding?: string;
  mapping?: FieldMapping;
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

export interface AppState {
  // data
  manifestUrl?: string;
  manifest?: Manifest;
  /** Absolute URLs of basemap files. */
  basemapUrls: { roads?: string; townships?: string; places?: string };
  status: 'idle' | 'loading' | 'ready' | 'error';
  statusMessage?: string;
  // layers slice (draw order: first = bottom)
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
  regions: RegionEntry[];
  // filter slice
  region?: Region;
  // view slice
  view?: ViewState;
  /** A request for the map to fit a bbox (seq makes repeated requests distinct). */
  fitRequest?: { bbox: BBox; seq: number };
  // ui slice
  lang: Lang;
  tab: 'layers' | 'stats' | 'import' | 'export' | 'settings';
  selection: InspectHit[];
  selectionAt?: [number, number];
  /** The parcel under the pointer (top visible layer), from the engine's index — not from rendered tiles. */
  hover?: { layerId: string; pid: number; geometry: InspectHit['geometry'] };
  cursor?: [number, number];
  progress?: { label: string; progress?: Progress };
  importReport?: ImportReport;
  reportOpen: boolean;
  // settings slice
  settings: Settings;
  /** Layer ids the URL asked to show (applied once the layers load). */
  pendingVisible?: string[];
}

export interface AppActions {
  loadManifest(url: string): Promise<void>;
  importFile(file: { name: string; bytes: ArrayBuffer }, kind: LayerKind | 'auto', options?: ImportOptions): Promise<ImportReport>;
  /** Drop a layer (imports only, in the UI): from the engine, the map and every total. */
  removeLayer(layerId: string): Promise<void>;
  setVisible(layerId: string, visible: boolean): void;
  setOpacity(layerId: string, opacity: number): void;
  moveLayer(layerId: string, delta: 1 | -1): void;
  setRegion(region: Region | undefined): void;
  setLang(lang: Lang): void;
  setTab(tab: AppState['tab']): void;
  setSettings(patch: Partial<Settings>): void;
  setView(view: ViewState): void;
  setCursor(pos: [number, number] | undefined): void;
  inspectAt(lon: number, lat: number): Promise<void>;
  hoverAt(pos: [number, number] | undefined): Promise<void>;
  clearSelection(): void;
  fitTo(bbox: BBox): void;
  refreshStats(): Promise<void>;
  exportLayer(layerId: string): Promise<{ bytes: ArrayBuffer; file: string }>;
  exportSummary(format: SummaryFormat): Promise<{ bytes: ArrayBuffer; file: string; mime: string }>;
  setReportOpen(open: boolean): void;
}

export type AppStore = StoreApi<AppState & AppActions>;

export const DEFAULT_SETTINGS: Settings = {
  basemap: 'offline',
  tiandituKey: '',
  xyzUrl: '',
  areaMethod: 'ellipsoidal',
  cultivatedStyle: 'kind',
  areaBasis: 'net',
};

/** Default draw order of manifest layers (bottom first): wide overlays under parcels, red lines on top. */
const KIND_RANK: Record<LayerKind, number> = {
  'black-soil': 0,
  'saline-alkali': 1,
  cultivated: 2,
  'high-standard': 3,
  'permanent-basic': 4,
  abandoned: 5,
  'no-supplement': 6,
  'urban-boundary': 7,
  'eco-redline': 8,
};
/** Wide overlays start translucent so the parcels under them stay readable. */
const DEFAULT_OPACITY: Partial<Record<LayerKind, number>> = { 'black-soil': 0.35, 'saline-alkali': 0.7 };

export const unionBBox = (boxes: readonly BBox[]): BBox =>
  boxes.reduce<BBox>((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])], [180, 90, -180, -90]);

const stem = (file: string) => file.replace(/^.*\//, '').replace(/\.[^.]+$/, '');

export interface StoreDeps {
  client: EngineClient;
  /** Fetch JSON (manifest, basemap names); window.fetch in the browser. */
  fetchJson: (url: string) => Promise<unknown>;
  /** Base for resolving relative URLs (document.baseURI in the browser). */
  baseUrl: string;
  /** Where settings and language persist (localStorage in the browser); written only when they change. */
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
}

const STORAGE_KEY = 'farmland-atlas';

function readPersisted(storage: StoreDeps['storage']): Partial<Pick<AppState, 'settings' | 'lang'>> {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (!raw) return {};
    const p = JSON.parse(raw) as { lang?: unknown; settings?: Partial<Settings> };
    const out: Partial<Pick<AppState, 'settings' | 'lang'>> = {};
    if (p.lang === 'zh' || p.lang === 'en') out.lang = p.lang;
    if (p.settings && typeof p.settings === 'object') out.settings = { ...DEFAULT_SETTINGS, ...p.settings };
    return out;
  } catch {
    return {};
  }
}

export function createAppStore(deps: StoreDeps, initial: Partial<AppState> = {}): AppStore {
  const { client } = deps;
  let importSeq = 0;
  let fitSeq = 0;
  /** Township polygons of the basemap by code (state of this store, not of the module). */
  const boundaries = new Map<string, AreaGeometry>();
  const store = createStore<AppState & AppActions>()(
      (set, get) => {
        const progressFor = (label: string) => (p: Progress) => set({ progress: { label, progress: p } });

        const addLoaded = (res: { layer?: LayerInfo; packed?: PackedParcels; findings: Finding[] }, origin: LayerEntry['origin']) => {
          if (!res.layer || !res.packed) return;
          const entry: LayerEntry = {
            info: res.layer,
            visible: true,
            opacity: origin === 'manifest' ? (DEFAULT_OPACITY[res.layer.kind] ?? 1) : 1,
            findings: res.findings,
            packed: res.packed,
            origin,
          };
          set((s) => {
            const layers = s.layers.filter((l) => l.info.id !== entry.info.id);
            // imports go on top; manifest layers take their kind's place in the default order
            const at = origin === 'import' ? layers.length : layers.findIndex((l) => l.origin === 'import' || KIND_RANK[l.info.kind] > KIND_RANK[entry.info.kind]);
            layers.splice(at < 0 ? layers.length : at, 0, entry);
            return { layers };
          });
        };

        const refreshRegions = async () => {
          const { regions } = await client.request('regions', {}, { key: 'regions' });
          set({ regions });
        };

        return {
          basemapUrls: {},
          status: 'idle',
          layers: [],
          stats: [],
          targetFindings: [],
          regions: [],
          lang: 'zh',
          tab: 'stats',
          selection: [],
          reportOpen: false,
          settings: { ...DEFAULT_SETTINGS },
          ...readPersisted(deps.storage),
          ...initial,

          async loadManifest(url) {
            const manifestUrl = new URL(url, deps.baseUrl).href;
            set({ status: 'loading', manifestUrl, statusMessage: undefined });
            let manifest: Manifest;
            try {
              manifest = (await deps.fetchJson(manifestUrl)) as Manifest;
              if (!manifest || !Array.isArray(manifest.layers)) throw new Error('manifest has no "layers" list');
            } catch (err) {
              set({ status: 'error', statusMessage: `${url}: ${err instanceof Error ? err.message : String(err)}` });
              return;
            }
            const rel = (f: string | undefined) => (f ? new URL(f, manifestUrl).href : undefined);
            const basemapUrls = { roads: rel(manifest.basemap?.roads), townships: rel(manifest.basemap?.townships), places: rel(manifest.basemap?.places) };
            set({ manifest, basemapUrls });
            // township names for the region list, from the basemap (best effort)
            if (basemapUrls.townships) {
              try {
                const fc = (await deps.fetchJson(basemapUrls.townships)) as { features?: { properties?: Record<string, unknown> }[] };
                const names: Record<string, string> = {};
                for (const f of fc.features ?? []) {
                  const p = f.properties ?? {};
                  const code = p.code ?? p.XZQDM ?? p.xzqdm;
                  const name = p.name ?? p.XZQMC ?? p.NAME;
                  if ((typeof code === 'string' || typeof code === 'number') && typeof name === 'string') names[String(code)] = name;
                  // township polygons: layers without region codes are clipped to them when a township is selected
                  const g = (f as { geometry?: { type?: string } }).geometry;
                  if ((typeof code === 'string' || typeof code === 'number') && (g?.type === 'Polygon' || g?.type === 'MultiPolygon')) boundaries.set(String(code), g as AreaGeometry);
                }
                await client.request('setRegionNames', { names });
              } catch {
                // names are cosmetic: codes are shown instead
              }
            }
            if (manifest.targets) {
              const file = manifest.targets;
              try {
                const res = await client.request('setTargets', { file, source: { url: rel(file)! } });
                set({ targetFindings: res.findings });
              } catch (err) {
                set({ targetFindings: [{ severity: 'error', code: 'worker', message: String(err), file }] });
              }
            }
            const seen = new Set<string>();
            for (const [i, l] of manifest.layers.entries()) {
              let id = stem(l.file);
              if (seen.has(id)) id = `${id}-${i}`;
              seen.add(id);
              set({ progress: { label: l.name ?? layerKindInfo(l.kind).zh } });
              try {
                const res = await client.request(
                  'load',
                  { layerId: id, kind: l.kind, name: l.name, file: l.file, source: { url: rel(l.file)! }, blockOnError: false },
                  { onProgress: progressFor(l.name ?? l.file) },
                );
                addLoaded(res, 'manifest');
              } catch (err) {
                set({ statusMessage: `${l.file}: ${err instanceof Error ? err.message : String(err)}` });
              }
            }
            const pending = get().pendingVisible;
            if (pending) set((s) => ({ layers: s.layers.map((l) => ({ ...l, visible: pending.includes(l.info.id) })), pendingVisible: undefined }));
            set({ status: 'ready', progress: undefined });
            await Promise.all([refreshRegions(), get().refreshStats()]);
          },

          async importFile(file, kind, options = {}) {
            const layerId = `import-${++importSeq}-${stem(file.name)}`;
            set({ progress: { label: file.name } });
            try {
              const res = await client.request(
                'load',
                {
                  layerId,
                  kind,
                  file: file.name,
                  ...(kind !== 'auto' ? { name: `${layerKindInfo(kind)[get().lang]} · ${file.name}` } : {}),
                  source: { bytes: file.bytes },
                  blockOnError: true,
                  ...options,
                },
                { transfer: [file.bytes], onProgress: progressFor(file.name) },
              );
              addLoaded(res, 'import');
              const report: ImportReport = {
                file: file.name,
                kind: res.kind,
                findings: res.findings,
                blocked: res.blocked,
                layerId: res.blocked ? undefined : layerId,
                fields: res.fields,
                needsKind: res.needsKind,
              };
              set({ importReport: report, progress: undefined });
              if (!res.blocked) await Promise.all([refreshRegions(), get().refreshStats()]);
              return report;
            } catch (err) {
              const report: ImportReport = {
                file: file.name,
                ...(kind !== 'auto' ? { kind } : {}),
                blocked: true,
                findings: [{ severity: 'error', code: 'worker', message: err instanceof Error ? err.message : String(err), file: file.name }],
              };
              set({ importReport: report, progress: undefined });
              return report;
            }
          },

          async removeLayer(layerId) {
            const entry = get().layers.find((l) => l.info.id === layerId);
            if (!entry) return;
            await client.request('remove', { layerId });
            set((s) => ({ layers: s.layers.filter((l) => l.info.id !== layerId), selection: s.selection.filter((h) => h.layerId !== layerId) }));
            await Promise.all([refreshRegions(), get().refreshStats()]);
          },
          setVisible(layerId, visible) {
            set((s) => ({ layers: s.layers.map((l) => (l.info.id === layerId ? { ...l, visible } : l)) }));
          },
          setOpacity(layerId, opacity) {
            set((s) => ({ layers: s.layers.map((l) => (l.info.id === layerId ? { ...l, opacity: Math.min(1, Math.max(0, opacity)) } : l)) }));
          },
          moveLayer(layerId, delta) {
            const layers = [...get().layers];
            const i = layers.findIndex((l) => l.info.id === layerId);
            const j = i + delta;
            if (i < 0 || j < 0 || j >= layers.length) return;
            [layers[i], layers[j]] = [layers[j], layers[i]];
            set({ layers });
          },
          setRegion(region) {
            set({ region });
            const entry = region && get().regions.find((r) => r.level === region.level && r.code === region.code);
            if (entry) get().fitTo(entry.bbox);
            else if (!region && get().layers.length) get().fitTo(unionBBox(get().layers.map((l) => l.info.bbox)));
            void get().refreshStats();
          },
          setLang(lang) {
            set({ lang });
          },
          setTab(tab) {
            set({ tab });
          },
          setSettings(patch) {
            const before = get().settings;
            set({ settings: { ...before, ...patch } });
            if (patch.areaMethod && patch.areaMethod !== before.areaMethod) void get().refreshStats();
            else if (patch.areaBasis && patch.areaBasis !== before.areaBasis) void get().refreshStats();
          },
          setView(view) {
            set({ view });
          },
          setCursor(cursor) {
            set({ cursor });
          },
          async inspectAt(lon, lat) {
            const layerIds = [...get().layers].reverse().filter((l) => l.visible).map((l) => l.info.id);
            try {
              const { hits } = await client.request('inspect', { lon, lat, layerIds }, { key: 'inspect' });
              set({ selection: hits, selectionAt: [lon, lat] });
            } catch (err) {
              if (!(err instanceof Superseded)) throw err;
            }
          },
          async hoverAt(pos) {
            if (!pos) {
              if (get().hover) set({ hover: undefined });
              return;
            }
            const layerIds = [...get().layers].reverse().filter((l) => l.visible && l.opacity > 0).map((l) => l.info.id);
            try {
              const { hits } = await client.request('inspect', { lon: pos[0], lat: pos[1], layerIds, first: true }, { key: 'hover' });
              const h = hits[0];
              const cur = get().hover;
              if (!h) {
                if (cur) set({ hover: undefined });
              } else if (!cur || cur.layerId !== h.layerId || cur.pid !== h.pid) set({ hover: { layerId: h.layerId, pid: h.pid, geometry: h.geometry } });
            } catch (err) {
              if (!(err instanceof Superseded)) throw err;
            }
          },
          clearSelection() {
            set({ selection: [], selectionAt: undefined });
          },
          fitTo(bbox) {
            set({ fitRequest: { bbox, seq: ++fitSeq } });
          },
          async refreshStats() {
            const region = get().region;
            const q = { region, method: get().settings.areaMethod };
            const stats = client.request('stats', q, { key: 'stats' }).then((r) => set({ stats: r.stats, statsFor: q }));
            const summary = client
              .request('summary', { region: region?.code, basis: get().settings.areaBasis, boundary: region ? boundaries.get(region.code) : undefined }, { key: 'summary' })
              .then((r) => set({ summary: r.summary, summaryFor: { region }, conflictsError: r.conflictsError }));
            try {
              await Promise.all([stats, summary]);
            } catch (err) {
              if (!(err instanceof Superseded)) throw err;
            }
          },
          exportSummary(format) {
            const code = get().region?.code;
            return client.request('exportSummary', { format, region: code, now: new Date().toISOString(), basis: get().settings.areaBasis, boundary: code ? boundaries.get(code) : undefined });
          },
          exportLayer(layerId) {
            return client.request('exportLayer', { layerId });
          },
          setReportOpen(reportOpen) {
            set({ reportOpen });
          },
        };
      },
  );
  // persist settings and language, only when they change (not on every store update)
  store.subscribe((st, prev) => {
    if (st.settings === prev.settings && st.lang === prev.lang) return;
    try {
      deps.storage?.setItem(STORAGE_KEY, JSON.stringify({ settings: st.settings, lang: st.lang }));
    } catch {
      // storage full or disabled: settings live for this session only
    }
  });
  return store;
}
