/**
 * The workspace controller (issue 16 §2), beside the app store rather than inside it: it keeps the list of the
 * user's imports (file bytes, kind, options, visibility) in step with the app store's layers, saves it to
 * WorkspaceStorage after every change, restores it at start (with a notice the user can act on), asks whether an
 * import into the demo starts a new workspace or is added to the demo, and exports / opens a workspace file.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LayerKind } from '../../core/types';
import { type AppStore, type ImportOptions, type ImportReport, unionBBox } from '../store';
import { workspaceFromZip, workspaceToZip } from './file';
import type { WorkspaceStorage } from './storage';
import { type SavedImport, type SavedWorkspace, WORKSPACE_VERSION } from './types';

type Bi = { zh: string; en: string };

export interface WorkspaceImport extends SavedImport {
  /** The layer in the app store, once imported. */
  layerId?: string;
}

export interface WorkspaceState {
  kind: 'demo' | 'user';
  name: Bi;
  imports: WorkspaceImport[];
  /** Demo layers left out of "my county". */
  excludedDemo: string[];
  /** After a restore, or when saving failed. */
  notice?: { text: Bi; tone: 'info' | 'error'; restored?: boolean };
  /** An import into the demo waiting for the user's answer: new workspace, or add to the demo. */
  pending?: { file: { name: string; bytes: ArrayBuffer }; kind: LayerKind | 'auto'; options: ImportOptions };
  /** The user chose to add imports to the demo (asked once). */
  addToDemo: boolean;
  busy: boolean;
}

export interface WorkspaceActions {
  /** Restore the saved workspace, or load the demo (`loadDemo`) when there is none or it was the demo. */
  start(loadDemo: () => Promise<void>): Promise<void>;
  /** Import a file into the workspace; into the demo: sets `pending` and waits for `answer`. */
  importFile(file: { name: string; bytes: ArrayBuffer }, kind: LayerKind | 'auto', options?: ImportOptions): Promise<ImportReport | undefined>;
  answer(choice: 'new' | 'add' | 'cancel'): Promise<ImportReport | undefined>;
  /** Forget the saved workspace and drop the user's layers (back to the demo). */
  clear(loadDemo: () => Promise<void>): Promise<void>;
  exportFile(): Uint8Array;
  openFile(name: string, bytes: Uint8Array, loadDemo: () => Promise<void>): Promise<void>;
  dismissNotice(): void;
}

export type WorkspaceStore = StoreApi<WorkspaceState & WorkspaceActions>;

const DEMO_NAME: Bi = { zh: '演示数据', en: 'Demo data' };
const USER_NAME: Bi = { zh: '我的数据', en: 'My data' };

/** How long the map must rest before its view is saved. */
export const VIEW_SAVE_DELAY_MS = 400;

export function createWorkspace(app: AppStore, storage: WorkspaceStorage, now: () => Date = () => new Date()): WorkspaceStore {
  /** Nothing of the user's to keep: the demo as shipped (its view and region live in the URL). */
  const isEmpty = (w: WorkspaceState) => w.kind === 'demo' && w.imports.length === 0 && w.excludedDemo.length === 0 && !app.getState().userTargets;
  const snapshot = (w: WorkspaceState): SavedWorkspace => {
    const a = app.getState();
    return {
      version: WORKSPACE_VERSION,
      kind: w.kind,
      name: w.name.zh,
      savedAt: now().toISOString(),
      imports: w.imports.map(({ layerId: _id, ...im }) => im),
      excludedDemo: w.excludedDemo,
      settings: a.settings,
      ...(a.userTargets ? { targets: { file: a.userTargets.file, bytes: a.userTargets.bytes } } : {}),
      ...(a.region ? { region: a.region } : {}),
      ...(a.view ? { view: a.view } : {}),
    };
  };
  const quietSave = async () => {
    try {
      const cur = ws.getState();
      if (isEmpty(cur)) await storage.clear();
      else await storage.put(snapshot(cur));
    } catch {
      // reported on the next explicit save
    }
  };
  const ws: WorkspaceStore = createStore<WorkspaceState & WorkspaceActions>()((set, get) => {
    const saved = (): SavedWorkspace => snapshot(get());
    const save = async () => {
      try {
        if (isEmpty(get())) await storage.clear();
        else await storage.put(saved());
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        set({ notice: { tone: 'error', text: { zh: `工作区未能保存（${why}）`, en: `The workspace could not be saved (${why})` } } });
      }
    };
    const hasDemo = () => app.getState().layers.some((l) => l.origin === 'manifest');

    /** Import through the app store (which transfers the bytes to the worker: a copy is kept here). */
    const doImport = async (im: Omit<WorkspaceImport, 'layerId'>): Promise<ImportReport> => {
      const keep = im.bytes.slice(0);
      const report = await app.getState().importFile({ name: im.file, bytes: im.bytes.slice(0) }, im.kind, im.options);
      if (!report.blocked && report.layerId) {
        const entry: WorkspaceImport = { ...im, bytes: keep, kind: report.kind ?? im.kind, layerId: report.layerId };
        set((s) => ({ imports: [...s.imports, entry] }));
        if (!im.visible) app.getState().setVisible(report.layerId, false);
        if (im.inTotals === false) await app.getState().setInTotals(report.layerId, false);
        if (im.opacity !== 1) app.getState().setOpacity(report.layerId, im.opacity);
      }
      return report;
    };

    const dropDemo = async () => {
      for (const l of app.getState().layers.filter((x) => x.origin === 'manifest')) await app.getState().removeLayer(l.info.id);
      const m = app.getState().manifest;
      // the demo's targets are the demo county's, not the user's: only a table the user imported stays
      if (m) app.setState({ manifest: { ...m, name: USER_NAME[app.getState().lang], targets: undefined } });
      if (!app.getState().userTargets) await app.getState().importTargets(undefined);
    };

    const restore = async (w: SavedWorkspace, loadDemo: () => Promise<void>) => {
      if (w.kind === 'demo') await loadDemo();
      else {
        app.setState({ status: 'loading' });
        // the demo's manifest is still loaded for its basemap / targets? No: a user workspace has only its own data
      }
      set({ kind: w.kind, name: w.kind === 'demo' ? DEMO_NAME : USER_NAME, imports: [], addToDemo: w.kind === 'demo' && w.imports.length > 0, excludedDemo: [] });
      if (w.kind === 'demo')
        for (const id of w.excludedDemo ?? []) if (app.getState().layers.some((l) => l.info.id === id)) await app.getState().setInTotals(id, false);
      if (w.settings) app.getState().setSettings(w.settings);
      let failed = 0;
      for (const im of w.imports) {
        const r = await doImport({ ...im });
        if (r.blocked) failed++;
      }
      if (w.targets) await app.getState().importTargets({ name: w.targets.file, bytes: w.targets.bytes.slice(0) });
      if (w.kind === 'user') app.setState({ status: 'ready' });
      const layers = app.getState().layers.filter((l) => get().imports.some((im) => im.layerId === l.info.id));
      if (layers.length) app.getState().fitTo(unionBBox(layers.map((l) => l.info.bbox)));
      // the region filter and the map view as they were (the view last: setRegion fits to the region)
      if (w.region) app.getState().setRegion(w.region);
      if (w.view) app.getState().goToView(w.view);
      const when = new Date(w.savedAt);
      const date = Number.isNaN(when.getTime()) ? w.savedAt : when.toLocaleString();
      set({
        notice: {
          tone: failed ? 'error' : 'info',
          restored: true,
          text: {
            zh: `已恢复上次的工作区「${w.kind === 'demo' ? DEMO_NAME.zh : USER_NAME.zh}」：${w.imports.length - failed} 个导入图层（保存于 ${date}）${failed ? `，${failed} 个无法读取` : ''}`,
            en: `Restored your last workspace "${w.kind === 'demo' ? DEMO_NAME.en : USER_NAME.en}": ${w.imports.length - failed} imported layer(s) (saved ${date})${failed ? `; ${failed} could not be read` : ''}`,
          },
        },
      });
      await save();
    };

    return {
      kind: 'demo',
      name: DEMO_NAME,
      imports: [],
      excludedDemo: [],
      addToDemo: false,
      busy: false,

      async start(loadDemo) {
        set({ busy: true });
        let w: SavedWorkspace | undefined;
        try {
          w = await storage.get();
        } catch {
          w = undefined; // no IndexedDB (private mode): the app still works, nothing is kept
        }
        try {
          if (w && (w.imports.length > 0 || (w.excludedDemo ?? []).length > 0 || w.targets)) await restore(w, loadDemo);
          else await loadDemo();
        } finally {
          set({ busy: false });
        }
      },

      async importFile(file, kind, options = {}) {
        if (get().kind === 'demo' && hasDemo() && !get().addToDemo) {
          set({ pending: { file, kind, options } });
          return undefined;
        }
        const r = await doImport({ file: file.name, bytes: file.bytes, kind, options, visible: true, opacity: 1 });
        await save();
        return r;
      },

      async answer(choice) {
        const p = get().pending;
        set({ pending: undefined });
        if (!p || choice === 'cancel') return undefined;
        if (choice === 'new') {
          await dropDemo();
          set({ kind: 'user', name: USER_NAME });
        } else set({ addToDemo: true });
        const r = await doImport({ file: p.file.name, bytes: p.file.bytes, kind: p.kind, options: p.options, visible: true, opacity: 1 });
        await save();
        return r;
      },

      async clear(loadDemo) {
        const ids = get().imports.map((im) => im.layerId).filter((x): x is string => x !== undefined);
        set({ imports: [], notice: undefined });
        for (const id of ids) await app.getState().removeLayer(id);
        for (const id of get().excludedDemo) await app.getState().setInTotals(id, true).catch(() => undefined);
        set({ excludedDemo: [] });
        if (app.getState().userTargets) await app.getState().importTargets(undefined);
        await storage.clear().catch(() => undefined);
        set({ addToDemo: false });
        if (get().kind === 'user') {
          set({ kind: 'demo', name: DEMO_NAME });
          await loadDemo();
        }
      },

      exportFile() {
        return workspaceToZip(saved());
      },

      async openFile(name, bytes, loadDemo) {
        const w = workspaceFromZip(name, bytes);
        if ('error' in w) {
          set({ notice: { tone: 'error', text: { zh: w.error, en: w.error } } });
          return;
        }
        const ids = get().imports.map((im) => im.layerId).filter((x): x is string => x !== undefined);
        set({ imports: [] });
        for (const id of ids) await app.getState().removeLayer(id);
        if (app.getState().userTargets && !w.targets) await app.getState().importTargets(undefined);
        if (w.kind === 'user') await dropDemo();
        else if (!hasDemo()) await loadDemo();
        await restore({ ...w, kind: w.kind }, async () => undefined);
      },

      dismissNotice() {
        set({ notice: undefined });
      },
    };
  });

  // keep the saved list in step with the map: a removed import layer leaves the workspace; visibility, opacity and
  // the "my county" choice persist
  app.subscribe((s, prev) => {
    if (s.layers === prev.layers) return;
    const st = ws.getState();
    let changed = false;
    const imports = st.imports.flatMap((im) => {
      if (!im.layerId) return [im];
      const l = s.layers.find((x) => x.info.id === im.layerId);
      if (!l) {
        // removed (by the user, or while switching workspace)
        if (prev.layers.some((x) => x.info.id === im.layerId)) {
          changed = true;
          return [];
        }
        return [im];
      }
      const inTotals = l.inTotals !== false;
      if (l.visible !== im.visible || l.opacity !== im.opacity || inTotals !== (im.inTotals !== false)) {
        changed = true;
        return [{ ...im, visible: l.visible, opacity: l.opacity, inTotals }];
      }
      return [im];
    });
    const excludedDemo = s.layers.filter((l) => l.origin === 'manifest' && l.inTotals === false).map((l) => l.info.id);
    const demoLoaded = s.layers.some((l) => l.origin === 'manifest');
    if (demoLoaded && excludedDemo.join('\n') !== st.excludedDemo.join('\n')) changed = true;
    if (!changed) return;
    ws.setState({ imports, ...(demoLoaded ? { excludedDemo } : {}) });
    void quietSave();
  });
  // the targets table and the region filter are saved at once; the map view once it has settled (it changes on
  // every pan, and a save writes the imported files' bytes too)
  let viewTimer: ReturnType<typeof setTimeout> | undefined;
  app.subscribe((s, prev) => {
    if (ws.getState().busy) return; // restoring: saved once at the end
    if (s.userTargets !== prev.userTargets || s.region !== prev.region) void quietSave();
    else if (s.view !== prev.view && !isEmpty(ws.getState())) {
      if (viewTimer) clearTimeout(viewTimer);
      viewTimer = setTimeout(() => void quietSave(), VIEW_SAVE_DELAY_MS);
    }
  });
  return ws;
}
