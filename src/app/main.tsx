/** Wiring: worker client → store (with URL state) → React app. */
import { createRoot } from 'react-dom/client';
import { createAppStore, unionBBox } from '../state/store';
import { createWorkerClient } from '../worker/client';
import { drawHub } from '../map/draw/drawHub';
import { App } from './App';
import './app.css';
import { parseUrlState, syncUrl } from './urlState';

export const DEFAULT_MANIFEST = 'data/demo/manifest.json';

const url = parseUrlState(window.location.search);
const client = createWorkerClient();
drawHub.setEngine(client);
const store = createAppStore({
  client,
  fetchJson: async (u) => {
    const res = await fetch(u);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.json();
  },
  baseUrl: document.baseURI,
  storage: window.localStorage,
});
store.setState({ view: url.view, region: url.region, pendingVisible: url.layers, ...(url.lang ? { lang: url.lang } : {}) });
document.documentElement.lang = store.getState().lang === 'zh' ? 'zh-CN' : 'en';
store.subscribe((s, p) => {
  if (s.lang !== p.lang) document.documentElement.lang = s.lang === 'zh' ? 'zh-CN' : 'en';
});
syncUrl(store, url.manifest);

// first load without a view in the URL: fit the data
if (!url.view) {
  const off = store.subscribe((s) => {
    if (s.status !== 'ready' || s.layers.length === 0) return;
    off();
    s.fitTo(unionBBox(s.layers.map((l) => l.info.bbox)));
  });
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<App store={store} />);
void store.getState().loadManifest(url.manifest ?? DEFAULT_MANIFEST);
