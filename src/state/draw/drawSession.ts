/**
 * The drawing session: the drawing (a DrawPort — the map's DrawController in the app), the engine worker (impact,
 * balance, ledger) and the scenario store (IndexedDB). A zustand vanilla store the draw panel renders; no React,
 * no MapLibre here.
 *
 * Live path: the drawing reports the site at most once per animation frame; one request is in flight at a time
 * and only the newest geometry waits behind it (latestOnly.ts: older ones are dropped before they reach the
 * worker), and every request carries the key 'drawLive' so the client drops any stale answer. Latency = frame
 * that saw the change → answer in the store (the panel renders in the same task).
 *
 * Commit path: every committed change (a finished shape, an edit, undo/redo, a load) is autosaved (draft.ts) and
 * its full impact — and the balance, with supplements — computed; an answer older than the newest commit is dropped.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BalanceReport } from '../../core/analysis/balance';
import type { ImpactReport } from '../../core/analysis/impact';
import type { LedgerReport } from '../../core/analysis/ledger';
import type { AreaGeometry } from '../../core/types';
import { type EngineClient, Superseded } from '../../worker/client';
import type { FullImpact, LiveImpact } from '../../worker/impactProtocol';
import type { ScenarioStore } from '../scenarios/scenarioStore';
import { type DrawnFeature, figuresOf, ledgerProjects, type Scenario } from '../scenarios/types';
import { type DraftKeeper, draftKeeper } from './draft';
import { LatestOnly } from './latestOnly';
import type { DrawMessage, DrawPort, DrawPortFactory, DrawRole, DrawTool } from './port';

export interface SessionState {
  tool: DrawTool;
  role: DrawRole;
  snapping: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** A drawing refusal, or a notice: the draft restored, a short link's scenario opened or not found (app/openShortLink.ts). */
  message?: DrawMessage | 'draftRestored' | 'linkOpened' | 'linkMissing';
  importFindings: string[];
  site: DrawnFeature[];
  supplements: DrawnFeature[];
  live?: LiveImpact & { latencyMs: number };
  full?: FullImpact;
  /**
   * Why the last impact (live or full) failed — a province server's refusal or an unreachable server, as its
   * message ("中文 / English": the panel shows its language's side); cleared by the next answer.
   */
  impactError?: string;
  balance?: BalanceReport;
  /** The impact the balance was computed against (same site). */
  balanceImpact?: ImpactReport;
  busy: boolean;
  /** Reopened / last saved scenario. */
  scenarioId?: string;
  name: string;
  year: number;
  ledger?: LedgerReport;
  /** Recent live latencies (ms), newest last. */
  latencies: number[];
}

export interface SessionActions {
  setTool(t: DrawTool): void;
  setRole(r: DrawRole): void;
  setSnapping(on: boolean): void;
  undo(): void;
  redo(): void;
  deleteSelected(): void;
  clear(): void;
  importFile(file: { name: string; bytes: ArrayBuffer }, role: DrawRole): Promise<void>;
  setName(n: string): void;
  setYear(y: number): void;
  saveScenario(): Promise<Scenario | undefined>;
  openScenario(s: Scenario): void;
  newScenario(): void;
  refreshLedger(): Promise<void>;
  /** Compute the figures of the drawing again (the analysis config changed); the drawing is left alone. */
  refresh(): void;
  /** The full impact of any site (a saved scenario's, for its report), the drawing left alone. */
  impactOf(site: AreaGeometry[]): Promise<FullImpact>;
  destroy(): void;
}

export interface SessionOptions {
  /** Source files of the visible parcel layers: the snap targets (all parcel layers when undefined). */
  snapFiles?: () => string[] | undefined;
  /** Clock for the live latency (performance.now in the browser). */
  now?: () => number;
}

/** The part of the engine client the session uses (the worker client in the app). */
export type DrawEngine = Pick<EngineClient, 'request'>;

export type DrawSession = StoreApi<SessionState & SessionActions> & { port: DrawPort };

const geoms = (fs: DrawnFeature[]): AreaGeometry[] => fs.map((f) => f.geometry);

export function createDrawSession(makePort: DrawPortFactory, engine: DrawEngine, scenarios: ScenarioStore, opts: SessionOptions = {}): DrawSession {
  const now = opts.now ?? (() => performance.now());
  let port!: DrawPort;
  let draft!: DraftKeeper;
  let commitSeq = 0;

  const store = createStore<SessionState & SessionActions>()((set, get) => {
    const live = new LatestOnly<{ site: AreaGeometry[]; t: number }>(({ site, t }) =>
      engine
        .request('drawLive', { site }, { key: 'drawLive' })
        .then((res) => {
          const latencyMs = now() - t;
          set((s) => ({ live: { ...res, latencyMs }, latencies: [...s.latencies.slice(-199), latencyMs], impactError: undefined }));
        })
        .catch((err) => {
          if (!(err instanceof Superseded)) failed('live impact failed', err);
        }),
    );
    const failed = (what: string, err: unknown) => {
      console.warn(what, err);
      set({ impactError: err instanceof Error ? err.message : String(err) });
    };
    const sendLive = (site: AreaGeometry[], t: number) => {
      if (site.length === 0) set({ live: undefined });
      else live.send({ site, t });
    };

    const recompute = async (site: DrawnFeature[], supplements: DrawnFeature[]) => {
      const seq = ++commitSeq;
      if (site.length === 0) {
        set({ full: undefined, balance: undefined, balanceImpact: undefined, impactError: undefined });
        port.setHighlight([]);
        return;
      }
      set({ busy: true });
      try {
        const full = await engine.request('drawImpact', { site: geoms(site) }, { key: 'drawImpact' });
        if (seq !== commitSeq) return;
        set({ full, impactError: undefined });
        port.setHighlight(full.highlight);
        if (supplements.length) {
          const b = await engine.request('drawBalance', { site: geoms(site), supplements }, { key: 'drawBalance' });
          if (seq !== commitSeq) return;
          set({ balance: b.balance, balanceImpact: b.impact });
        } else set({ balance: undefined, balanceImpact: undefined });
      } catch (err) {
        if (!(err instanceof Superseded) && seq === commitSeq) failed('impact failed', err);
      } finally {
        if (seq === commitSeq) set({ busy: false });
      }
    };

    const saveDraft = () => draft.save({ scenarioId: get().scenarioId, name: get().name });

    port = makePort(
      {
        onLive: sendLive,
        onCommit: ({ site, supplements }) => {
          set({ site, supplements });
          void saveDraft();
          void recompute(site, supplements);
        },
        onMessage: (code) => set({ message: code }),
        onHistory: (h) => set(h),
        onProgress: () => void saveDraft(),
      },
      (bbox) => engine.request('drawSnap', { bbox, files: opts.snapFiles?.() }, { key: 'drawSnap' }),
    );
    draft = draftKeeper(port, scenarios);

    return {
      tool: 'static',
      role: 'site',
      snapping: true,
      canUndo: false,
      canRedo: false,
      importFindings: [],
      site: [],
      supplements: [],
      busy: false,
      name: '',
      year: new Date().getFullYear(),
      latencies: [],

      setTool(tool) {
        port.setTool(tool);
        set({ tool });
      },
      setRole(role) {
        port.setRole(role);
        set({ role });
      },
      setSnapping(snapping) {
        port.setSnapping(snapping);
        set({ snapping });
      },
      undo: () => port.undo(),
      redo: () => port.redo(),
      deleteSelected: () => port.deleteSelected(),
      clear: () => port.clear(),
      async importFile(file, role) {
        const res = await engine.request('drawReadPolygons', { file: file.name, bytes: file.bytes }, { transfer: [file.bytes] });
        set({ importFindings: res.findings.filter((f) => f.severity === 'error').map((f) => f.message) });
        if (res.features.length) port.add(res.features, role);
      },
      setName(name) {
        set({ name });
        void saveDraft();
      },
      setYear: (year) => set({ year }),
      async saveScenario() {
        const s = get();
        if (s.site.length === 0) return undefined;
        const full = s.full;
        const figures = full ? figuresOf(s.balanceImpact ?? full.report, s.supplements.length ? s.balance : undefined) : undefined;
        const saved = await scenarios.getState().save({ id: s.scenarioId, name: s.name, year: s.year, site: s.site, supplements: s.supplements, figures });
        set({ scenarioId: saved.id, name: saved.name });
        await saveDraft();
        await get().refreshLedger();
        return saved;
      },
      openScenario(sc) {
        set({ scenarioId: sc.id, name: sc.name, year: sc.year });
        port.load({ site: sc.site, supplements: sc.supplements });
      },
      newScenario() {
        set({ scenarioId: undefined, name: '' });
        port.clear();
      },
      async refreshLedger() {
        const projects = ledgerProjects(scenarios.getState().scenarios);
        if (!projects.length) {
          set({ ledger: undefined });
          return;
        }
        try {
          set({ ledger: await engine.request('drawLedger', { projects }, { key: 'drawLedger' }) });
        } catch (err) {
          if (!(err instanceof Superseded)) console.error('ledger failed', err);
        }
      },
      refresh() {
        const s = get();
        void recompute(s.site, s.supplements);
        port.refreshLive();
      },
      impactOf: (site) => engine.request('drawImpact', { site }),
      destroy() {
        port.destroy();
      },
    };
  });

  // the autosaved drawing comes back after a reload or a crash, the unfinished shape ready to go on
  const drafted = scenarios.getState().draft;
  const restored = draft.restore((meta) => store.setState(meta));
  if (restored) {
    if (restored.resumed) store.setState({ tool: port.getTool(), role: port.getRole() });
    // the notice last: drawing the shape again clears messages on the way (valid commits do). Only when the drawing
    // was in fact unsaved: a draft equal to its saved scenario is that scenario reopened, not lost work
    const saved = drafted?.scenarioId ? scenarios.getState().scenarios.find((x) => x.id === drafted.scenarioId) : undefined;
    const same = (a: DrawnFeature[], b: DrawnFeature[]) => JSON.stringify(a.map((f) => f.geometry)) === JSON.stringify(b.map((f) => f.geometry));
    const unsaved = restored.resumed || !saved || !drafted || !same(saved.site, drafted.site ?? []) || !same(saved.supplements, drafted.supplements ?? []);
    if (unsaved) store.setState({ message: 'draftRestored' });
    void draft.save({ scenarioId: store.getState().scenarioId, name: store.getState().name });
  }
  void store.getState().refreshLedger();
  return Object.assign(store, { port });
}
