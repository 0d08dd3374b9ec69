/** Wiring: worker client → store (with URL state) → React app. */
import { createRoot } from 'react-dom/client';
import type { BBox } from '../core/types';
import { createAppStore, unionBBox } from '../state/store';
import { indexedDbWorkspaceStorage } from '../state/workspace/storage';
import { createWorkspace } from '../state/workspace/workspace';
import { createWorkerClient } from '../worker/client';
import { brokenGzip, fetchBytes, fetchStream } from '../worker/fetchBytes';
import { App } from './App';
import './app.css';
// after app.css: the legend's and the responsive layout's rules override the base ones
import '../ui/legend/legend.css';
import '../ui/layout/layout.css';
import { parseUrlState, syncUrl } from './urlState';
import { applyLinkState, parseLinkState } from './linkState';
import { applyShortLink } from './openShortLink';
import { parseShortLink } from '../state/scenarios/shortLink';
import { openServerProvince, serverApi, serverClient } from './serverMode';

import { DEFAULT_MANIFEST } from './bootPrefetch';

const url = parseUrlState(window.location.search);
// server mode (?server=URL): the province from `farmland serve` (serverMode.ts); otherwise files, the demo by default
const server = url.server ? serverApi(url.server, url.token) : undefined;
let regionCode = (): string | undefined => undefined;
const client = server ? serverClient(createWorkerClient(), server, () => regionCode()) : createWorkerClient();
const store = createAppStore({
  client,
  fetchJson: async (u) => {
    const res = await fetch(u);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.json();
  },
  fetchBytes: (u) => fetchBytes(u),
  streamBytes: async (u) => {
    const r = await fetchStream(u);
    return { next: r.next, ...(r.into ? { into: r.into } : {}), ...(r.size !== undefined ? { size: r.size } : {}), ...(r.gzip ? { wordError: brokenGzip } : {}) };
  },
  baseUrl: document.baseURI,
  storage: window.localStorage,
});
regionCode = () => store.getState().region?.code;
store.setState({ view: url.view, region: url.region, pendingVisible: url.layers, ...(url.lang ? { lang: url.lang } : {}) });
document.documentElement.lang = store.getState().lang === 'zh' ? 'zh-CN' : 'en';
store.subscribe((s, p) => {
  if (s.lang !== p.lang) document.documentElement.lang = s.lang === 'zh' ? 'zh-CN' : 'en';
});
syncUrl(store, url.manifest, url.server);
// the analysis in a copied link: opacity, colouring, selected parcel, drawn site and supplement (linkState.ts)
applyLinkState(store, parseLinkState(window.location.search));
// a short link (#s=<scenarioId>) opens a scenario saved in this browser; also when pasted into this tab (openShortLink.ts)
const openShortLink = () => {
  const id = parseShortLink(window.location.hash);
  if (id) applyShortLink(store, id, () => window.history.replaceState(null, '', window.location.pathname + window.location.search));
};
openShortLink();
window.addEventListener('hashchange', openShortLink);

// first load without a view in the URL: fit the first layer as soon as it is on the map (at county scale the
// others take tens of seconds more: parcels should show meanwhile, not China at zoom 3), then, once everything is
// loaded, fit all layers — unless the user has moved the map since.
if (!url.view) {
  let firstBox: BBox | undefined;
  let autoView: unknown;
  const off = store.subscribe((s, prev) => {
    if (firstBox && autoView === undefined && s.view !== prev.view) autoView = s.view; // the first fit's moveend
    if (s.layers.length === 0) return;
    if (!firstBox) {
      firstBox = unionBBox(s.layers.map((l) => l.info.bbox));
      s.fitTo(firstBox);
      return;
    }
    if (s.status !== 'ready') return;
    off();
    const all = unionBBox(s.layers.map((l) => l.info.bbox));
    const same = all.every((v, i) => Math.abs(v - (firstBox as BBox)[i]) < 1e-6);
    if (!same && (autoView === undefined || s.view === autoView)) s.fitTo(all);
  });
}

// the saved workspace (IndexedDB) comes back at start; without one, or when it was the demo, the demo loads
const root = document.getElementById('root');
if (server) {
  // the province lives on the server: no local workspace to restore
  if (root) createRoot(root).render(<App store={store} server={server} />);
  void openServerProvince(store, server);
} else {
  const workspace = createWorkspace(store, indexedDbWorkspaceStorage());
  const loadDemo = () => store.getState().loadManifest(url.manifest ?? DEFAULT_MANIFEST);
  if (root) createRoot(root).render(<App store={store} workspace={{ store: workspace, loadDemo }} />);
  void workspace.getState().start(loadDemo);
}
