/**
 * The drawing tools' panel, floating over the map: toolbar, live occupation under the cursor, the full report,
 * the compensation balance, saved scenarios (compare, export, delete) and the 以补定占 ledger. State lives in the
 * draw session (src/state/draw/drawSession.ts) and the scenario store, both held by the app store's draw and
 * scenarios slices; this file plugs the map's DrawController into the session's port, renders and forwards clicks.
 */
import { useEffect, useRef, useState } from 'react';
import { SNAP_KINDS } from '../../core/overlay/snap';
import { useStore } from 'zustand';
import { DrawController } from '../../map/draw/DrawController';
import type { MapController } from '../../map/MapController';
import type { DrawSession } from '../../state/draw/drawSession';
import type { ScenarioStore } from '../../state/scenarios/scenarioStore';
import { indexedDbStorage, memoryStorage, type ScenarioStorage } from '../../state/scenarios/storage';
import { scenarioGeoJson } from '../../state/scenarios/types';
import { useApp, useAppStore } from '../context';
import { ErrorBoundary } from '../ErrorBoundary';
import { FilePickButton } from '../FilePickButton';
import { BalanceSection, LedgerSection, ReportSection } from './DrawSections';
import { ScenariosSection } from './ScenariosSection';
import { parcelCount, useDT } from './drawI18n';
import { fmtMu } from './fmt';
import { paren } from '../format';
import { oneLanguage } from '../words/oneLanguage';
import { layerDisplayName } from '../layerName';
import type { LayerKind } from '../../core/types';
import './draw.css';

/**
 * Test/dev hook: only with ?e2e in the URL or in the dev server. Read once when the module loads — before the app
 * rewrites the query string with its own state (src/app/urlState.ts), which drops unknown parameters.
 */
const EXPOSE_HOOK = import.meta.env.DEV || new URLSearchParams(window.location.search).has('e2e');
const exposeHook = () => EXPOSE_HOOK;

/** The draw panel: `host` is the map once it exists (App.tsx). */
export function DrawPanel({ host }: { host: MapController | null }) {
  const appStore = useAppStore();
  const session = useApp((s) => s.drawSession);
  const scenarios = useApp((s) => s.scenarioStore);
  // the map's side of the session's port, for what only the map needs (snap targets gone stale)
  const controllerRef = useRef<DrawController | undefined>(undefined);
  const storageRef = useRef<ScenarioStorage | undefined>(undefined);
  const status = useApp((s) => s.status);
  // open beside a wide map; on a laptop or phone it starts folded so that it does not cover the map (issue 18 §3)
  // (and open when a short link names a scenario: its message shows here)
  const [open, setOpen] = useState(() => typeof window === 'undefined' || window.innerWidth > 1280 || /[#&]s=/.test(window.location.hash));

  // scenarios from IndexedDB (memory when IndexedDB is unavailable)
  useEffect(() => {
    let storage: ReturnType<typeof indexedDbStorage>;
    try {
      storage = typeof indexedDB !== 'undefined' ? indexedDbStorage() : memoryStorage();
    } catch {
      storage = memoryStorage();
    }
    storageRef.current = storage;
    void appStore.getState().openScenarios(storage);
  }, [appStore]);

  // the session starts once the map, the engine, the scenarios and the data are there
  useEffect(() => {
    if (!host || !scenarios || status !== 'ready' || session) return;
    const map = host.map;
    const start = () => {
      if (appStore.getState().drawSession) return; // started by an earlier 'load' listener of this effect
      // snap targets: the source geometry of the visible parcel layers, from the engine (not the rendered tiles)
      const snapFiles = () => visibleSnapFiles(appStore.getState().layers);
      let controller!: DrawController;
      // while a drawing tool is active a map click places a vertex; it must not also open the inspect panel
      const onToolActive = (active: boolean) => host.setInspectOnClick(!active);
      const sess = appStore.getState().startDrawing((events, snapFetch) => (controller = new DrawController(map, events, { snapFetch, onToolActive })), { snapFiles });
      controllerRef.current = controller;
      if (exposeHook())
        (window as unknown as { __draw?: unknown }).__draw = {
          session: sess,
          controller,
          scenarios,
          getSnapshot: () => controller.getSnapshot(),
          readDraft: () => storageRef.current?.getDraft(),
        };
    };
    // 'load' fires once; MapController marks the container when it has (isStyleLoaded is false while sources load)
    if (map.getContainer().dataset.mapLoaded === 'true' || map.loaded()) start();
    else map.once('load', start);
  }, [host, scenarios, status, session, appStore]);

  // layers loaded, removed, shown or hidden: the snap targets fetched so far are stale
  useEffect(() => {
    if (!session) return;
    let key = visibleSnapFiles(appStore.getState().layers).join('\n');
    return appStore.subscribe((st, prev) => {
      if (st.layers === prev.layers) return; // the cursor and hover change the store on every mouse move
      const next = visibleSnapFiles(st.layers).join('\n');
      if (next === key) return;
      key = next;
      controllerRef.current?.invalidateSnap();
    });
  }, [session, appStore]);

  // the analysis config of the manifest (fee rates, capacity table) goes to the worker once
  const manifest = useApp((s) => s.manifest);
  const manifestUrl = useApp((s) => s.manifestUrl);
  // (the worker answers in order: a session started meanwhile asks for its figures after the config is in)
  useEffect(() => {
    if (manifest && manifestUrl) void appStore.getState().applyDrawConfig();
  }, [manifest, manifestUrl, appStore]);

  // the panel goes: the session and its drawing go with it
  useEffect(() => () => appStore.getState().stopDrawing(), [appStore]);

  if (!open)
    return (
      <button type="button" className="draw-open" onClick={() => setOpen(true)} data-testid="draw-open">
        ✎
      </button>
    );
  return (
    <aside className="draw-panel" data-testid="draw-panel">
      <ErrorBoundary label="draw">
        {session && scenarios ? <PanelBody session={session} scenarios={scenarios} onClose={() => setOpen(false)} /> : <div className="draw-wait">…</div>}
      </ErrorBoundary>
    </aside>
  );
}

/** Source files of the visible parcel layers (the snap targets). */
function visibleSnapFiles(layers: readonly { visible: boolean; info: { kind: string; file: string } }[]): string[] {
  return layers.filter((l) => l.visible && (SNAP_KINDS as readonly string[]).includes(l.info.kind)).map((l) => l.info.file);
}

function PanelBody({ session, scenarios, onClose }: { session: DrawSession; scenarios: ScenarioStore; onClose: () => void }) {
  const t = useDT();
  const lang = useApp((s) => s.lang);
  const s = useStore(session);
  const tools = [
    ['polygon', 'polygon'],
    ['rectangle', 'rectangle'],
    ['freehand', 'freehand'],
    ['select', 'select'],
    ['static', 'pan'],
  ] as const;
  const live = s.live;
  const notice = s.message === 'draftRestored' || s.message === 'linkOpened';
  // a kind's standard zh name reads in English in 'en' (issue 18 §5: one language at a time)
  const nameOf = (kind: LayerKind, name: string) => layerDisplayName(name || kind, kind, lang);
  return (
    <div className="draw-body">
      <header className="draw-head">
        <h2>{t('title')}</h2>
        <button type="button" className="link" onClick={onClose} aria-label={t('close')}>
          ×
        </button>
      </header>
      <fieldset className="draw-roles" aria-label={t('roleSite')}>
        {(['site', 'supplement'] as const).map((r) => (
          <button key={r} type="button" aria-pressed={s.role === r} className={`role-${r}`} onClick={() => s.setRole(r)} data-testid={`draw-role-${r}`}>
            {t(r === 'site' ? 'roleSite' : 'roleSupplement')}
          </button>
        ))}
      </fieldset>
      <div className="draw-toolbar" role="toolbar">
        {tools.map(([id, key]) => (
          <button key={id} type="button" aria-pressed={s.tool === id} onClick={() => s.setTool(id)} data-testid={`draw-tool-${id}`}>
            {t(key)}
          </button>
        ))}
        <button type="button" onClick={() => s.deleteSelected()} data-testid="draw-delete">
          {t('delete')}
        </button>
        <button type="button" disabled={!s.canUndo} onClick={() => s.undo()} title="Ctrl+Z" data-testid="draw-undo">
          {t('undo')}
        </button>
        <button type="button" disabled={!s.canRedo} onClick={() => s.redo()} title="Ctrl+Shift+Z" data-testid="draw-redo">
          {t('redo')}
        </button>
        <button type="button" onClick={() => s.clear()} data-testid="draw-clear">
          {t('clear')}
        </button>
      </div>
      <div className="draw-row">
        <label>
          <input type="checkbox" checked={s.snapping} onChange={(e) => s.setSnapping(e.target.checked)} data-testid="draw-snapping" /> {t('snapping')}
        </label>
      </div>
      <div className="draw-row">
        <FilePickButton accept=".geojson,.json,.zip,.gpkg" testId="draw-import-btn" inputTestId="draw-import" onFile={async (f) => s.importFile({ name: f.name, bytes: await f.arrayBuffer() }, s.role)}>
          {t('importFile')} → {t(s.role === 'site' ? 'roleSite' : 'roleSupplement')}
        </FilePickButton>
      </div>
      {s.message && (
        <div className={notice ? 'draw-note' : 'draw-alert'} role={notice ? 'status' : 'alert'} data-testid="draw-message" data-code={s.message}>
          {t(s.message)}
        </div>
      )}
      {s.importFindings.map((m) => (
        <div key={m} className="draw-alert" role="alert">
          {m}
        </div>
      ))}

      <section className="draw-live" data-testid="draw-live" aria-live="polite">
        <h3>{t('live')}</h3>
        {s.impactError && (
          <div className="draw-alert" role="alert" data-testid="draw-impact-error">
            {oneLanguage(s.impactError, lang).text}
          </div>
        )}
        {!live ? (
          <p className="muted">{t('drawHint')}</p>
        ) : (
          <>
            <div className="draw-site-area">
              {t('siteArea')} <b data-testid="live-site" data-mu={live.siteAreaMu}>{fmtMu(live.siteAreaMu)}</b> {t('mu')}
            </div>
            <table className="draw-table">
              <tbody>
                {live.layers.map((l) => (
                  <tr key={`${l.kind}-${l.name}`} data-testid={`live-${l.kind}`} data-mu={l.areaMu} data-m2={l.areaM2}>
                    <td>{nameOf(l.kind, l.name)}</td>
                    <td className="num">{fmtMu(l.areaMu)}</td>
                    <td className="num muted">
                      {parcelCount(lang, l.parcels)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="muted small" data-testid="live-latency">
              {t('latency')} {live.latencyMs.toFixed(0)} ms{paren(`${live.by ?? 'worker'} ${live.computeMs.toFixed(1)} ms`, lang)}
            </div>
          </>
        )}
      </section>

      {s.full && <ReportSection full={s.full} lang={lang} busy={s.busy} />}
      <BalanceSection s={s} lang={lang} />
      <ScenariosSection session={session} scenarios={scenarios} exportOf={scenarioGeoJson} />
      <LedgerSection ledger={s.ledger} />
    </div>
  );
}
