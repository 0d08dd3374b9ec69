/**
 * The URL holds what a copied link must reproduce: view (v=lon,lat,zoom[,bearing]), visible layers
 * (layers=a,b — absent means all), region filter (region=level:code), language (lang) and the data manifest.
 */
import type { Region } from '../core/types';
import type { AppState, AppStore, Lang, ViewState } from '../state/store';
import { defaultOpacity } from '../state/slices/layerOrder';
import { formatLinkParams } from './linkState';

export interface UrlState {
  view?: ViewState;
  layers?: string[];
  region?: Region;
  lang?: Lang;
  manifest?: string;
  /** Server mode: the province server's URL (src/app/serverMode.ts) and the login token, if it has users. */
  server?: string;
  token?: string;
}

export function parseUrlState(search: string): UrlState {
  const q = new URLSearchParams(search);
  const out: UrlState = {};
  const v = q.get('v')?.split(',').map(Number);
  if (v && v.length >= 3 && v.every(Number.isFinite) && Math.abs(v[0]) <= 180 && Math.abs(v[1]) <= 90) {
    out.view = { center: [v[0], v[1]], zoom: Math.min(22, Math.max(0, v[2])), bearing: v[3] ?? 0 };
  }
  const layers = q.get('layers');
  if (layers !== null) out.layers = layers.split(',').filter(Boolean);
  const region = q.get('region')?.split(':');
  if (region && region.length === 2 && (region[0] === 'county' || region[0] === 'township' || region[0] === 'village') && /^\d+$/.test(region[1])) {
    out.region = { level: region[0], code: region[1] };
  }
  const lang = q.get('lang');
  if (lang === 'zh' || lang === 'en') out.lang = lang;
  const manifest = q.get('manifest');
  if (manifest) out.manifest = manifest;
  const server = q.get('server');
  if (server && /^https?:\/\//.test(server)) out.server = server;
  const token = q.get('token');
  if (token && /^[A-Za-z0-9_-]{20,200}$/.test(token)) out.token = token;
  return out;
}

export function formatUrlState(s: Pick<AppState, 'view' | 'layers' | 'region' | 'lang' | 'status'>, manifest?: string, server?: string): string {
  const q = new URLSearchParams();
  if (server) q.set('server', server);
  else if (manifest) q.set('manifest', manifest);
  if (s.view) q.set('v', [s.view.center[0].toFixed(5), s.view.center[1].toFixed(5), s.view.zoom.toFixed(2), ...(s.view.bearing ? [s.view.bearing.toFixed(1)] : [])].join(','));
  if (s.status === 'ready' && s.layers.some((l) => !l.visible)) q.set('layers', s.layers.filter((l) => l.visible).map((l) => l.info.id).join(','));
  if (s.region) q.set('region', `${s.region.level}:${s.region.code}`);
  q.set('lang', s.lang);
  return `?${q.toString().replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%2F/g, '/')}`;
}

/** Keep the address bar in step with the store and the drawing (replaceState, debounced); linkState adds the analysis. */
export function syncUrl(store: AppStore, manifest: string | undefined, server?: string): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let offDraw: (() => void) | undefined;
  let session: AppState['drawSession'];
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const s = store.getState();
      const defaults = Object.fromEntries(s.layers.map((l) => [l.info.id, defaultOpacity(l.info.kind, l.origin)]));
      const extra = formatLinkParams(s, s.drawSession?.getState(), defaults).toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
      const next = formatUrlState(s, manifest, server) + (extra ? `&${extra}` : '');
      if (next !== window.location.search) window.history.replaceState(null, '', next + window.location.hash);
    }, 250);
  };
  const offStore = store.subscribe((s, prev) => {
    if (s.drawSession !== session) {
      offDraw?.();
      session = s.drawSession;
      offDraw = session?.subscribe((d, p) => {
        if (d.site !== p.site || d.supplements !== p.supplements) schedule();
      });
    }
    if (s.view === prev.view && s.layers === prev.layers && s.region === prev.region && s.lang === prev.lang && s.status === prev.status && s.settings === prev.settings && s.selectionAt === prev.selectionAt && s.drawSession === prev.drawSession) return;
    schedule();
  });
  return () => {
    offStore();
    offDraw?.();
  };
}
