/**
 * The drawing session: wires the DrawController (map), the engine worker (impact, balance, ledger) and the
 * scenario store (IndexedDB). A zustand vanilla store the draw panel renders; no React here.
 *
 * Live path: the controller reports the site at most once per animation frame; one request is in flight at a time
 * and only the newest geometry waits behind it (older ones are dropped before they reach the worker), and every
 * request carries the key 'drawLive' so the client drops any stale answer. Latency = frame that saw the change →
 * answer in the store (the panel renders in the same task).
 *
 * Autosave: the drawing — finished shapes, the shape still being drawn (its placed vertices, mode and role) and
 * the scenario it belongs to — is written to IndexedDB as the draft whenever the controller says it is worth it
 * (every vertex, every commit, ≤ every 500 ms during a stroke or an edit) and only when it changed; a reload or a
 * crashed tab brings it back, the unfinished shape ready to go on.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BalanceReport } from '../../core/analysis/balance';
import type { ImpactReport } from '../../core/analysis/impact';
import type { LedgerReport } from '../../core/analysis/ledger';
import type { AreaGeometry, BBox } from '../../core/types';
import { DrawController, type DrawRole, type DrawTool } from '../../map/draw/DrawController';
import type { ScenarioStore } from '../../state/scenarios/scenarioStore';
import { type Draft, type DrawnFeature, figuresOf, ledgerProjects, type Scenario } from '../../state/scenarios/types';
import { type EngineClient, Superseded } from '../../worker/client';
import type { FullImpact, LiveImpact } from '../../worker/impactProtocol';
import type * as maplibregl from 'maplibre-gl';

export interface SessionState {
  tool: DrawTool;
  role: DrawRole;
  snapping: boolean;
  canUndo: boolean;
  canRedo: boolean;
  message?: 'selfIntersects' | 'invalidImport' | 'draftRestored';
  importFindings: string[];
  site: DrawnFeature[];
  supplements: DrawnFeature[];
  live?: LiveImpact & { latencyMs: number };
  full?: FullImpact;
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
  /** Compute the figures of the drawing again (the analysis config changed); the map is left alone. */
  refresh(): void;
  destroy(): void;
}

export interface SessionOptions {
  /** Source files of the visible parcel layers: the snap targets (all parcel layers when undefined). */
  snapFiles?: () => string[] | undefined;
}

export type DrawSession = StoreApi<SessionState & SessionActions> & { controller: DrawController };

const geoms = (fs: DrawnFeature[]): AreaGeometry[] => fs.map((f) => f.geometry);

export function createDrawSession(map: maplibregl.Map, engine: EngineClient, scenarios: ScenarioStore, opts: SessionOptions = {}): DrawSession {
  let controller!: DrawController;
  let inFlight = false;
  let pending: { site: AreaGeometry[]; t: number } | undefined;
  let commitSeq = 0;
  // the draft as last written (JSON), and whether a restore is under way (nothing is written until it is done)
  let lastDraft = '';
  let restoring = false;

  const store = createStore<SessionState & SessionActions>()((set, get) => {
    const sendLive = (site: AreaGeometry[], t: number) => {
      if (site.length === 0) {
        set({ live: undefined });
        return;
      }
      if (inFlight) {
        pending = { site, t };
        return;
      }
      inFlight = true;
      engine
        .request('drawLive', { site }, { key: 'drawLive' })
        .then((res) => {
          const latencyMs = performance.now() - t;
          set((s) => ({ live: { ...res, latencyMs }, latencies: [...s.latencies.slice(-199), latencyMs] }));
        })
        .catch((err) => {
          if (!(err instanceof Superseded)) console.error('live impact failed', err);
        })
        .finally(() => {
          inFlight = false;
          const next = pending;
          pending = undefined;
          if (next) sendLive(next.site, next.t);
        });
    };

    const recompute = async (site: DrawnFeature[], supplements: DrawnFeature[]) => {
      const seq = ++commitSeq;
      if (site.length === 0) {
        set({ full: undefined, balance: undefined, balanceImpact: undefined });
        controller.setHighlight([]);
        return;
      }
      set({ busy: true });
      try {
        const full = await engine.request('drawImpact', { site: geoms(site) }, { key: 'drawImpact' });
        if (seq !== commitSeq) return;
        set({ full });
        controller.setHighlight(full.highlight);
        if (supplements.length) {
          const b = await engine.request('drawBalance', { site: geoms(site), supplements }, { key: 'drawBalance' });
          if (seq !== commitSeq) return;
          set({ balance: b.balance, balanceImpact: b.impact });
        } else set({ balance: undefined, balanceImpact: undefined });
      } catch (err) {
        if (!(err instanceof Superseded)) console.error('impact failed', err);
      } finally {
        if (seq === commitSeq) set({ busy: false });
      }
    };

    controller = new DrawController(
      map,
      {
        onLive: (site, t) => sendLive(site, t),
        onCommit: ({ site, supplements }) => {
          set({ site, supplements });
          void saveDraft();
          void recompute(site, supplements);
        },
        onMessage: (code) => set({ message: code }),
        onHistory: (h) => set(h),
        onProgress: () => void saveDraft(),
      },
      {
        snapFetch: (bbox: BBox) => engine.request('drawSnap', { bbox, files: opts.snapFiles?.() }, { key: 'drawSnap' }),
      },
    );

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
        controller.setTool(tool);
        set({ tool });
      },
      setRole(role) {
        controller.setRole(role);
        set({ role });
      },
      setSnapping(snapping) {
        controller.setSnapping(snapping);
        set({ snapping });
      },
      undo: () => controller.undo(),
      redo: () => controller.redo(),
      deleteSelected: () => controller.deleteSelected(),
      clear: () => controller.clear(),
      async importFile(file, role) {
        const res = await engine.request('drawReadPolygons', { file: file.name, bytes: file.bytes }, { transfer: [file.bytes] });
        set({ importFindings: res.findings.filter((f) => f.severity === 'error').map((f) => f.message) });
        if (res.features.length) controller.add(res.features, role);
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
        controller.load({ site: sc.site, supplements: sc.supplements });
      },
      newScenario() {
        set({ scenarioId: undefined, name: '' });
        controller.clear();
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
        controller.refreshLive();
      },
      destroy() {
        controller.destroy();
      },
    };
  });

  /** Write the drawing as the draft when it changed (finished shapes as they are now — mid-edit too — and the unfinished one). */
  function saveDraft(): Promise<void> {
    if (restoring) return Promise.resolve();
    const s = store.getState();
    const { site, supplements } = controller.getSnapshot();
    const inProgress = controller.getInProgress();
    const d: Omit<Draft, 'savedAt'> = { site, supplements, scenarioId: s.scenarioId, name: s.name, ...(inProgress ? { inProgress } : {}) };
    const json = JSON.stringify(d);
    if (json === lastDraft) return Promise.resolve();
    lastDraft = json;
    return scenarios.getState().setDraft(d);
  }

  // the autosaved drawing comes back after a reload or a crash, the unfinished shape ready to go on
  const draft = scenarios.getState().draft;
  if (draft && (draft.site.length || draft.supplements.length || draft.inProgress?.coordinates.length)) {
    restoring = true;
    try {
      store.setState({ scenarioId: draft.scenarioId, name: draft.name ?? '' });
      controller.load({ site: draft.site ?? [], supplements: draft.supplements ?? [] });
      if (draft.inProgress?.coordinates.length) {
        controller.resume(draft.inProgress);
        store.setState({ tool: controller.getTool(), role: controller.getRole() });
      }
    } catch (err) {
      console.error('draft restore failed', err);
    } finally {
      restoring = false;
    }
    // the notice last: drawing the shape again clears messages on the way (valid commits do)
    store.setState({ message: 'draftRestored' });
    void saveDraft();
  }
  void store.getState().refreshLedger();
  return Object.assign(store, { controller });
}
