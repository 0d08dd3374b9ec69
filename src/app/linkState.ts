/**
 * The analysis part of a copied link (issue 18 §4), beside urlState's view/layers/region/lang: layer opacity
 * (op=id:0.45,…, only those off their default), 耕地 colouring (style=grade|slope), the selected parcel's click point
 * (sel=lon,lat) and the drawn site and supplement (site=…, sup=…: each feature's polygon rings, lon/lat to 9 decimals,
 * as compact JSON). Opening the link restores them once the data is loaded and the drawing session has started.
 */
import type { AreaGeometry } from '../core/types';
import type { AppState, AppStore, CultivatedStyle } from '../state/store';
import type { DrawnFeature } from '../state/scenarios/types';

export interface LinkState {
  opacity?: Record<string, number>;
  style?: CultivatedStyle;
  sel?: [number, number];
  site?: AreaGeometry[];
  sup?: AreaGeometry[];
}

// 9 decimals: the drawing tool's own precision, so a link reproduces the drawn site (and its figures) exactly
const r9 = (v: number) => Math.round(v * 1e9) / 1e9;
const polys = (g: AreaGeometry): number[][][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).map((p) => p.map((ring) => ring.map(([x, y]) => [r9(x), r9(y)])));

export function encodeGeometries(gs: readonly AreaGeometry[]): string {
  return JSON.stringify(gs.map(polys));
}

export function decodeGeometries(text: string): AreaGeometry[] | undefined {
  try {
    const v: unknown = JSON.parse(text);
    if (!Array.isArray(v)) return undefined;
    const num = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
    const ok = v.every((f) => Array.isArray(f) && f.length > 0 && f.every((p: unknown) => Array.isArray(p) && p.every((ring: unknown) => Array.isArray(ring) && ring.length >= 4 && ring.every((pt: unknown) => Array.isArray(pt) && pt.length === 2 && pt.every(num) && Math.abs(pt[0]) <= 180 && Math.abs(pt[1]) <= 90))));
    if (!ok) return undefined;
    return (v as number[][][][][]).map((f) => (f.length === 1 ? { type: 'Polygon', coordinates: f[0] } : { type: 'MultiPolygon', coordinates: f }) as AreaGeometry);
  } catch {
    return undefined;
  }
}

export function parseLinkState(search: string): LinkState {
  const q = new URLSearchParams(search);
  const out: LinkState = {};
  const op = q.get('op');
  if (op) {
    const o: Record<string, number> = {};
    for (const part of op.split(',')) {
      const i = part.lastIndexOf(':');
      const v = Number(part.slice(i + 1));
      if (i > 0 && Number.isFinite(v) && v >= 0 && v <= 1) o[part.slice(0, i)] = v;
    }
    if (Object.keys(o).length) out.opacity = o;
  }
  const style = q.get('style');
  if (style === 'grade' || style === 'slope' || style === 'kind') out.style = style;
  const sel = q.get('sel')?.split(',').map(Number);
  if (sel && sel.length === 2 && sel.every(Number.isFinite) && Math.abs(sel[0]) <= 180 && Math.abs(sel[1]) <= 90) out.sel = [sel[0], sel[1]];
  for (const key of ['site', 'sup'] as const) {
    const t = q.get(key);
    const g = t ? decodeGeometries(t) : undefined;
    if (g?.length) out[key] = g;
  }
  return out;
}

/** The link's analysis parameters for the current state (appended to urlState's). */
export function formatLinkParams(s: Pick<AppState, 'layers' | 'settings' | 'selectionAt' | 'status'>, drawing: { site: readonly DrawnFeature[]; supplements: readonly DrawnFeature[] } | undefined, defaults: Record<string, number>): URLSearchParams {
  const q = new URLSearchParams();
  if (s.status === 'ready') {
    const op = s.layers.filter((l) => Math.abs(l.opacity - (defaults[l.info.id] ?? 1)) > 0.005).map((l) => `${l.info.id}:${l.opacity.toFixed(2)}`);
    if (op.length) q.set('op', op.join(','));
  }
  if (s.settings.cultivatedStyle !== 'kind') q.set('style', s.settings.cultivatedStyle);
  if (s.selectionAt) q.set('sel', `${s.selectionAt[0].toFixed(6)},${s.selectionAt[1].toFixed(6)}`);
  if (drawing?.site.length) q.set('site', encodeGeometries(drawing.site.map((f) => f.geometry)));
  if (drawing?.supplements.length) q.set('sup', encodeGeometries(drawing.supplements.map((f) => f.geometry)));
  return q;
}

/** Apply a link's analysis state: opacity, colouring and selection once the data is ready, the drawing once the session starts. */
export function applyLinkState(store: AppStore, link: LinkState): void {
  if (link.style) store.getState().setSettings({ cultivatedStyle: link.style });
  let dataDone = false;
  let drawDone = !link.site && !link.sup;
  const tryApply = (s: ReturnType<AppStore['getState']>) => {
    if (!dataDone && s.status === 'ready') {
      dataDone = true;
      for (const [id, v] of Object.entries(link.opacity ?? {})) if (s.layers.some((l) => l.info.id === id)) s.setOpacity(id, v);
      if (link.sel) void s.inspectAt(link.sel[0], link.sel[1]);
    }
    if (!drawDone && s.drawSession) {
      drawDone = true;
      // A drawing restored from this browser's own autosave (a reload of the same page, whose URL carries the same
      // site, or unsaved work) is never replaced by the link's: the user's drawing is not to be lost. The link's
      // drawing is loaded where the session starts empty (a fresh browser, a colleague's machine).
      const port = s.drawSession.port;
      const held = port.getSnapshot(true);
      if (!port.getInProgress() && held.site.length === 0 && held.supplements.length === 0) {
        const feat = (role: string) => (g: AreaGeometry, i: number): DrawnFeature => ({ id: `link-${role}-${i + 1}`, geometry: g });
        port.load({ site: (link.site ?? []).map(feat('site')), supplements: (link.sup ?? []).map(feat('sup')) });
      }
    }
    if (dataDone && drawDone) off();
  };
  const off = store.subscribe((s) => tryApply(s));
  tryApply(store.getState());
}
