/** The dashboard shell: header (title, region filter, language), sidebar tabs, the map and its overlays. */
import { type ComponentType, useCallback, useDeferredValue, useRef, useState } from 'react';
import { MapView } from '../map/MapView';
import type { MapController } from '../map/MapController';
import { clippingMaskReuse, setClippingMaskReuse } from '../map/reuseClippingMasks';
import type { AppState, AppStore, Lang } from '../state/store';
import { type MapApi, MapApiContext, StoreContext, useApp, useAppFields, useAppStore, useT } from '../ui/context';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import type { MsgKey } from '../ui/i18n';
import { ExportPanel } from '../ui/ExportPanel';
import { ImportPanel } from '../ui/ImportPanel';
import { InspectPanel } from '../ui/InspectPanel';
import { LayerPanel } from '../ui/LayerPanel';
import { RegionSelect } from '../ui/RegionSelect';
import { ReportPage } from '../ui/ReportPage';
import { SettingsPanel } from '../ui/SettingsPanel';
import { StatsPanel } from '../ui/StatsPanel';
import { WorkspaceBar } from '../ui/WorkspaceBar';
import { type WorkspaceApi, WorkspaceContext } from '../ui/workspaceContext';
import { DrawPanel } from '../ui/draw/DrawPanel';
import { ChangePanel } from '../ui/change/ChangePanel';
import { oneLanguage } from '../ui/words/oneLanguage';
import { MapLegend } from '../ui/legend/MapLegend';
import { DisplayModeButton } from '../ui/layout/DisplayMode';
import { ProvincePanel } from '../ui/server/ProvincePanel';
import { ServerImportNotice } from '../ui/server/ServerImportNotice';
import type { ServerApi } from './serverMode';

/** The sidebar's tabs in their order: each with the word on its button and the panel it shows. */
const TABS: { id: AppState['tab']; word: MsgKey; Panel: ComponentType }[] = [
  { id: 'stats', word: 'stats', Panel: StatsPanel },
  { id: 'layers', word: 'layers', Panel: LayerPanel },
  { id: 'import', word: 'importTab', Panel: ImportPanel },
  { id: 'export', word: 'exportTab', Panel: ExportPanel },
  { id: 'change', word: 'changeTab', Panel: ChangePanel },
  { id: 'settings', word: 'settings', Panel: SettingsPanel },
];

function Header() {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const name = useApp((s) => s.manifest?.name);
  const { setLang } = useAppStore().getState();
  return (
    <header className="topbar">
      <div className="brand">
        <span className="logo" aria-hidden="true">
          <svg viewBox="0 0 24 24" width="22" height="22">
            <path d="M3 17 L9 11 L13 15 L21 7" fill="none" stroke="#9ed36a" strokeWidth="2.4" strokeLinecap="round" />
            <rect x="3" y="18.5" width="18" height="2.5" rx="1" fill="#e3c16f" />
          </svg>
        </span>
        <h1>{t('appTitle')}</h1>
        <span className="subtitle">{t('appSubtitle')}</span>
        {name && <span className="dataset">{name}</span>}
      </div>
      <div className="top-actions">
        <RegionSelect />
        <DisplayModeButton />
        <fieldset className="lang-switch" aria-label="Language">
          <button type="button" aria-pressed={lang === 'zh'} onClick={() => setLang('zh')} data-testid="lang-zh">
            中文
          </button>
          <button type="button" aria-pressed={lang === 'en'} onClick={() => setLang('en')} data-testid="lang-en">
            EN
          </button>
        </fieldset>
      </div>
    </header>
  );
}

function Sidebar({ server }: { server?: ServerApi }) {
  const t = useT();
  const tab = useApp((s) => s.tab);
  // The tab button answers at once; the panel follows in a deferred render, which React builds in ~5 ms slices
  // that yield to the browser. Built in the click's own task, the statistics panel (render, DOM creation,
  // unmounting the old panel) was one 20–35 ms CPU task, which software WebGL busy on both cores stretched past
  // 100 ms wall; deferred, its biggest task measured 13–15 ms.
  const shown = useDeferredValue(tab);
  const shownTab = TABS.find((x) => x.id === shown) ?? TABS[0];
  const { setTab } = useAppStore().getState();
  return (
    <nav className="sidebar" aria-label={t('appTitle')}>
      {server ? <ProvincePanel server={server} /> : <WorkspaceBar />}
      {server && <ServerImportNotice />}
      <div className="tabs" role="tablist">
        {TABS.map((x) => (
          <button key={x.id} type="button" role="tab" aria-selected={tab === x.id} className={tab === x.id ? 'active' : ''} onClick={() => setTab(x.id)} data-testid={`tab-${x.id}`} data-label={t(x.word)}>
            {t(x.word)}
          </button>
        ))}
      </div>
      <div className="tab-body" role="tabpanel">
        <ErrorBoundary label={t(shownTab.word)} key={shown}>
          <shownTab.Panel />
        </ErrorBoundary>
      </div>
    </nav>
  );
}

/**
 * How far the current step is, drawn only when a progress message comes (the worker's are throttled). Not an endless
 * CSS animation: a 12-pixel spinner kept the compositor drawing 60 frames a second, which under software GL
 * (SwiftShader, and office PCs without a GPU driver) took a whole core from the import — the 500k county was ready
 * in 18.3 s with it and 13.0 s without (docs/large-layers.md).
 */
function BusyBar({ done, total }: { done?: number; total?: number }) {
  const share = done !== undefined && total ? Math.min(1, Math.max(0, done / total)) : undefined;
  return (
    <span className={`busy-bar${share === undefined ? ' unknown' : ''}`} aria-hidden="true">
      {share !== undefined && <span className="busy-fill" style={{ width: `${Math.round(share * 100)}%` }} />}
    </span>
  );
}

/** Manifest layers that did not load, each with why (the file named), until the user closes the banner. */
function LayerFailures({ failures, lang }: { failures: { file: string; message: string }[]; lang: Lang }) {
  const t = useT();
  const store = useAppStore();
  return (
    <div className="error-banner" role="alert" data-testid="layer-failures">
      <button type="button" className="icon-btn banner-close" aria-label={t('close')} onClick={() => store.setState({ layerFailures: [] })}>
        ×
      </button>
      {t('layersNotLoaded')}
      {lang === 'zh' ? '：' : ': '}
      <ul>
        {failures.map((f) => (
          <li key={f.file}>{oneLanguage(f.message, lang).text}</li>
        ))}
      </ul>
    </div>
  );
}

function StatusOverlay() {
  const t = useT();
  const { status, statusMessage: message, progress, cursor, lang, layerFailures } = useAppFields('status', 'statusMessage', 'progress', 'cursor', 'lang', 'layerFailures');
  const shown = message ? oneLanguage(message, lang) : undefined;
  return (
    <>
      {(status === 'loading' || progress) && (
        <div className="busy" role="status" data-testid="busy">
          <BusyBar done={progress?.progress?.done} total={progress?.progress?.total} />
          {t('loading')} {progress?.label ?? ''} {progress?.progress?.phase ?? ''}
        </div>
      )}
      {status === 'error' && (
        <div className="error-banner" role="alert" title={shown?.other}>
          {t('loadFailed')}
          {lang === 'zh' ? '：' : ': '}
          {shown?.text}
        </div>
      )}
      {status === 'ready' && layerFailures && layerFailures.length > 0 && <LayerFailures failures={layerFailures} lang={lang} />}
      <div className="cursor-pos" aria-live="off" data-testid="cursor">
        {t('cursor')} {cursor ? `${cursor[0].toFixed(5)}°E, ${cursor[1].toFixed(5)}°N` : '—'}
      </div>
      <div className="synthetic-tag">{t('synthetic')}</div>
    </>
  );
}

export function App({ store, workspace = null, server }: { store: AppStore; workspace?: WorkspaceApi | null; server?: ServerApi }) {
  const mapApi = useRef<MapApi | null>(null);
  // the map, once it exists: the drawing tools draw on it
  const [host, setHost] = useState<MapController | null>(null);
  const onReady = useCallback((c: MapController | null) => {
    mapApi.current = c;
    setHost(c);
    (window as unknown as { __atlas?: unknown }).__atlas = c ? { map: c.map, store, workspace: workspace?.store, clippingMasks: { status: clippingMaskReuse, set: setClippingMaskReuse } } : undefined;
  }, [store, workspace]);
  return (
    <StoreContext.Provider value={store}>
      <WorkspaceContext.Provider value={workspace}>
      <MapApiContext.Provider value={mapApi}>
        <div className="app">
          <Header />
          <div className="main">
            <Sidebar server={server} />
            <main className="map-wrap">
              <MapView store={store} onReady={onReady} />
              <ErrorBoundary label="inspect">
                <InspectPanel />
              </ErrorBoundary>
              <DrawPanel host={host} />
              <MapLegend />
              <StatusOverlay />
            </main>
          </div>
        </div>
        <ReportPage />
      </MapApiContext.Provider>
      </WorkspaceContext.Provider>
    </StoreContext.Provider>
  );
}
