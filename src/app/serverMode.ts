/**
 * Server mode (issue 19 §4): the dashboard on a province server (`farmland serve`) instead of files. Started with
 * `?server=<url>` (or from the server's own page), it shows the province — every loaded layer as vector tiles
 * cut by the server (ST_AsMVT), the figures and target lines of /api/summary (the engine's Summary, computed by the
 * database from the engine's stored figures) — and drills down to a county by the region filter.
 *
 * The engine client is wrapped so that the panels ask the server where the worker holds no parcels: stats,
 * summary, regions and inspect come from the server; so does the drawing's impact — the live figures and the
 * finished site's report (`POST /api/impact`: the engine's report computed by the database, parcels wholly inside
 * summed from their stored areas), with the touched parcels and their outlines for the highlight — and 占补平衡
 * (`POST /api/balance`). Only snapping (which needs the parcels' edges near the cursor) runs in the worker on the
 * parcels of a box fetched from the server (`serverBox`, core/engine/boxLayers.ts). Everything else goes to the
 * worker unchanged.
 */
import type { Summary } from '../core/analysis/summary';
import { bboxWithin } from '../core/engine/boxLayers';
import { ONE_COUNTY_GEOJSON } from '../core/engine/givenSummaryExport';
import { summaryFile } from '../core/engine/summaryExport';
import { inspectPoint } from '../core/engine/inspect';
import { isLayerKind } from '../core/layers/kinds';
import { buildLayer } from '../core/layers/layer';
import type { AreaGeometry, BBox, LayerKind } from '../core/types';
import type { AppStore, LayerEntry } from '../state/store';
import { defaultOpacity, unionBBox } from '../state/slices/layerOrder';
import { type EngineClient, type RequestOptions, Superseded } from '../worker/client';
import { type FullImpactWire, type ImpactReportWire, reportFromWire } from '../core/engine/impactWire';
import type { InspectHit, Req, RegionEntry, RequestType, Res } from '../worker/protocol';
import { packParcels } from '../worker/tiles/packed';

/** A row of the server's /api/layers: one layer file of one county. */
export interface ServerLayerRow {
  county: string;
  kind: string;
  name: string;
  file: string;
  features: number;
  bbox: number[];
  county_name: string | null;
}

/** The province server as the app talks to it. */
export interface ServerApi {
  readonly url: string;
  /** The server's address of a path, with the login token when there is one (the server takes `?token=` too). */
  href(path: string): string;
  json<T>(path: string): Promise<T>;
  /** POST a JSON body, the JSON answer; a refusal's message (the server's `error`, "中文 / English") as the error. */
  post<T>(path: string, body: unknown): Promise<T>;
  /** A document's bytes; a refusal's message (the server's `error`) as the error. */
  bytes(path: string): Promise<ArrayBuffer>;
  /** The engine's summary for a region code prefix (the whole province when undefined). */
  summary(region?: string, basis?: string): Promise<Summary>;
  layers(): Promise<ServerLayerRow[]>;
}

export function serverApi(url: string, token?: string, fetchFn: typeof fetch = (...a) => fetch(...a)): ServerApi {
  const base = url.replace(/\/+$/, '');
  const href = (path: string) => `${base}${path}${token ? `${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}` : ''}`;
  const json = async <T>(path: string): Promise<T> => {
    const r = await fetchFn(href(path));
    if (!r.ok) throw new Error(`${base}${path}: HTTP ${r.status}`);
    return (await r.json()) as T;
  };
  const bytes = async (path: string): Promise<ArrayBuffer> => {
    const r = await fetchFn(href(path));
    if (!r.ok) throw new Error(((await r.json().catch(() => ({}))) as { error?: string }).error ?? `${base}${path}: HTTP ${r.status}`);
    return r.arrayBuffer();
  };
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    let r: Response;
    try {
      r = await fetchFn(href(path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new Error(`无法连接省级服务器（${why}） / cannot reach the province server (${why})`);
    }
    if (!r.ok) {
      const said = ((await r.json().catch(() => ({}))) as { error?: unknown }).error;
      throw new Error(typeof said === 'string' ? said : `省级服务器拒绝了请求（HTTP ${r.status}） / the province server refused (HTTP ${r.status})`);
    }
    return (await r.json()) as T;
  };
  return {
    url: base,
    href,
    json,
    post,
    bytes,
    summary: (region, basis) => json<Summary>(`/api/summary?form=engine${region ? `&region=${encodeURIComponent(region)}` : ''}${basis ? `&basis=${basis}` : ''}`),
    layers: async () => (await json<{ layers: ServerLayerRow[] }>('/api/layers')).layers,
  };
}

/** The counties loaded on the server as region entries (code, name, extent of their layers). */
export function countyRegions(rows: readonly ServerLayerRow[]): RegionEntry[] {
  const by = new Map<string, RegionEntry>();
  // an empty layer's bbox is [0, 0, 0, 0]: it must not stretch the county's extent to the Gulf of Guinea
  for (const r of rows.filter((x) => x.features > 0)) {
    const bbox = r.bbox as BBox;
    const cur = by.get(r.county);
    if (cur) cur.bbox = unionBBox([cur.bbox, bbox]);
    else by.set(r.county, { level: 'county', code: r.county, name: r.county_name || r.county, bbox });
  }
  return [...by.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** The counties as loaded, then their townships and villages (extents stored at load): a drill-down fits them as on files. */
export async function serverRegions(rows: readonly ServerLayerRow[], api: Pick<ServerApi, 'json'>): Promise<RegionEntry[]> {
  // a server loaded before the region tree was stored has none: its counties still drill down
  const below = await api.json<{ regions: RegionEntry[] }>('/api/regions').catch(() => ({ regions: [] as RegionEntry[] }));
  const counties = countyRegions(rows);
  const known = new Set(counties.map((c) => c.code));
  return [...counties, ...below.regions.filter((r) => !known.has(r.code))].sort((a, b) => a.code.localeCompare(b.code));
}

/** One map layer per kind across the province (its tiles come from the server), in load order; kinds without parcels are left out. */
export function provinceLayers(rows: readonly ServerLayerRow[], api: Pick<ServerApi, 'href'>): LayerEntry[] {
  const by = new Map<string, LayerEntry>();
  for (const r of rows) {
    if (!isLayerKind(r.kind)) continue;
    const cur = by.get(r.kind);
    if (cur) {
      if (r.features === 0) continue;
      cur.info.bbox = cur.info.count === 0 ? (r.bbox as BBox) : unionBBox([cur.info.bbox, r.bbox as BBox]);
      cur.info.count += r.features;
      cur.info.featureCount += r.features;
      continue;
    }
    const kind: LayerKind = r.kind;
    by.set(r.kind, {
      info: { id: kind, kind, name: r.name, file: r.file, count: r.features, featureCount: r.features, grossAreaM2: 0, bbox: r.bbox as BBox, fields: { gddj: 'GDDJ', gdpdjb: 'GDPDJB' } },
      visible: true,
      opacity: defaultOpacity(kind, 'manifest'),
      findings: [],
      packed: packParcels([]),
      origin: 'manifest',
      serverTiles: api.href(`/tiles/${kind}/{z}/{x}/{y}.mvt`),
    });
  }
  // a kind without a parcel anywhere has nothing to draw (and its [0, 0, 0, 0] box would stretch every fit)
  return [...by.values()].filter((l) => l.info.count > 0);
}

/** The widest view (degrees) whose snap targets are fetched from the server (~5 km: a township's zoom). */
const MAX_SNAP_BOX_DEG = 0.05;

/** The box fetched around a need (a snapping view): its bbox with a margin (a quarter of its size, at least ~200 m), so small edits reuse it. */
export function boxAround(b: BBox): BBox {
  const mx = Math.max(0.002, (b[2] - b[0]) / 4);
  const my = Math.max(0.002, (b[3] - b[1]) / 4);
  return [b[0] - mx, b[1] - my, b[2] + mx, b[3] + my];
}

type ParcelRow = { county: string; kind: string; pos: number; pid: string; props: Record<string, unknown>; geometry: AreaGeometry };

/** Inspect from the server: the parcels at the point, each measured by the engine as on files (inspectPoint). */
async function inspectFromServer(api: ServerApi, lon: number, lat: number, layerIds: readonly string[]): Promise<InspectHit[]> {
  const { parcels } = await api.json<{ parcels: { county: string; kind: string; pos: number }[] }>(`/api/at?lon=${lon}&lat=${lat}`);
  const hits: InspectHit[] = [];
  for (const id of layerIds) {
    for (const at of parcels.filter((p) => p.kind === id)) {
      const p = await api.json<ParcelRow>(`/api/parcel/${at.kind}/${at.county}/${at.pos}`);
      if (!isLayerKind(p.kind)) continue;
      const layer = buildLayer(p.kind, `${p.kind}.geojson`, [{ type: 'Feature', id: p.pid, properties: p.props, geometry: p.geometry }]);
      for (const h of inspectPoint([[id, layer]], lon, lat)) hits.push({ ...h, pid: p.pos });
    }
  }
  return hits;
}

/** A layer (one kind) of the region's counties — all of the province's without a region — as GeoJSON bytes from the server's county files. */
export async function layerFromServer(api: ServerApi, kind: string, region: string | undefined): Promise<{ bytes: ArrayBuffer; file: string }> {
  const counties = [...new Set((await api.layers()).filter((r) => r.kind === kind && (!region || r.county.startsWith(region.slice(0, 6)))).map((r) => r.county))];
  const features: unknown[] = [];
  for (const c of counties) features.push(...(await api.json<{ features: unknown[] }>(`/api/county/${c}/${encodeURIComponent(kind)}.geojson`)).features);
  const text = `${JSON.stringify({ type: 'FeatureCollection', name: kind, features })}\n`;
  return { bytes: new TextEncoder().encode(text).buffer as ArrayBuffer, file: `${kind}${region ? `-${region.slice(0, 6)}` : ''}.geojson` };
}

/**
 * The engine client in server mode: panels' questions the worker cannot answer without the parcels go to the
 * server, the drawing's impact (live and full) and 占补平衡 too; snapping goes to the worker after it has fetched
 * the parcels of its box. The client's `request` is replaced in place (everything holding the client keeps it).
 */
export function serverClient(inner: EngineClient, api: ServerApi, regionOf: () => string | undefined = () => undefined): EngineClient {
  let box: BBox | undefined;
  let loading: Promise<void> = Promise.resolve();
  /**
   * Snapping's parcels: those of a box around `need` in the worker (one fetch at a time; a failed fetch fails its
   * caller only). `&for=snap` (ignored by the server) says in a log of the requests what fetched the box.
   */
  const ensureBox = (need: BBox): Promise<void> => {
    if (!need.every(Number.isFinite)) return loading;
    const next = loading
      .catch(() => undefined)
      .then(async () => {
        if (box && bboxWithin(need, box)) return;
        const around = boxAround(need);
        await inner.request('serverBox', { url: api.href(`/api/parcels?bbox=${around.join(',')}&for=snap`) });
        box = around;
      });
    loading = next;
    return next;
  };
  /** Answers asked with a key: a later request with the same key makes an earlier one's answer stale (as the worker client does). */
  const latestByKey = new Map<string, number>();
  let asked = 0;
  const latest = async <R>(key: string | undefined, ask: () => Promise<R>): Promise<R> => {
    const id = ++asked;
    if (key !== undefined) latestByKey.set(key, id);
    const stale = () => key !== undefined && latestByKey.get(key) !== id;
    let res: R;
    try {
      res = await ask();
    } catch (err) {
      throw stale() ? new Superseded() : err;
    }
    if (stale()) throw new Superseded();
    return res;
  };
  const base = inner.request.bind(inner);
  const answer = async <T extends RequestType>(type: T, payload: Req<T>, opts?: RequestOptions): Promise<Res<T>> => {
    // the payload's type is narrowed by `type` below; TypeScript cannot relate the two, hence the casts to Res<T>
    switch (type) {
      case 'stats': {
        const q = payload as Req<'stats'>;
        const s = await api.summary(q.region?.code);
        return { stats: s.layers.map((l) => ({ layerId: l.kind, kind: l.kind, count: l.features, areaM2: l.area.m2, method: 'ellipsoidal' as const })) } as Res<T>;
      }
      case 'summary': {
        const q = payload as Req<'summary'>;
        return { summary: await api.summary(q.region, q.basis) } as Res<T>;
      }
      case 'regions':
        return { regions: await serverRegions(await api.layers(), api) } as Res<T>;
      case 'inspect': {
        const q = payload as Req<'inspect'>;
        // hover would ask the server at every mouse move: only clicks inspect in server mode
        return { hits: q.first ? [] : await inspectFromServer(api, q.lon, q.lat, q.layerIds) } as Res<T>;
      }
      case 'exportSummary': {
        const q = payload as Req<'exportSummary'>;
        const query = `${q.region ? `region=${encodeURIComponent(q.region)}&` : ''}${q.basis ? `basis=${q.basis}` : ''}`;
        // the parcels with their computed properties: written by the server from the county's layers (one county at a time)
        if (q.format === 'geojson') {
          const counties = new Set((await api.layers()).map((r) => r.county).filter((c) => !q.region || c.slice(0, 6) === q.region.slice(0, 6)));
          if (counties.size !== 1) throw new Error(ONE_COUNTY_GEOJSON);
          return { bytes: await api.bytes(`/api/summary.geojson?${query}`), ...summaryFile('geojson', q.region) } as Res<T>;
        }
        const [summary, rows, ind] = await Promise.all([api.summary(q.region, q.basis), api.layers(), api.json<Res<'indicators'>>(`/api/indicators?${query}`)]);
        const inputs = rows.filter((r) => !q.region || r.county.startsWith(q.region.slice(0, 6))).map((r) => ({ file: `${api.url}/api/county/${r.county}/${r.kind}.geojson`, role: r.kind, features: r.features }));
        return base(type, { ...q, given: { summary, inputs, indicators: ind.indicators } } as Req<T>, opts);
      }
      case 'exportLayer': {
        const q = payload as Req<'exportLayer'>;
        return (await layerFromServer(api, q.layerId, regionOf())) as Res<T>;
      }
      case 'indicators': {
        // the server's pre-aggregates give the engine's Indicators for the region, and the remainder's parcels
        const q = payload as Req<'indicators'>;
        return (await api.json<Res<'indicators'>>(`/api/indicators${q.region ? `?region=${encodeURIComponent(q.region)}` : ''}`)) as Res<T>;
      }
      case 'remainder': {
        // (the server's indicators answer is never cut short; asked anyway, its remainder is the whole of it)
        const q = payload as Req<'remainder'>;
        const r = await api.json<Res<'indicators'>>(`/api/indicators${q.region ? `?region=${encodeURIComponent(q.region)}` : ''}`);
        return { remainder: r.remainder } as Res<T>;
      }
      case 'drawLive':
        return (await latest(opts?.key, () => api.post<Res<'drawLive'>>('/api/impact', { site: (payload as Req<'drawLive'>).site, form: 'live' }))) as Res<T>;
      case 'drawImpact': {
        const q = payload as Req<'drawImpact'>;
        const wire = await latest(opts?.key, () => api.post<FullImpactWire>('/api/impact', { site: q.site, form: 'full', limit: q.limit, regionCode: q.regionCode }));
        return { ...wire, report: reportFromWire(wire.report) } as Res<T>;
      }
      case 'drawBalance': {
        // the site's impact from the database, the supplements checked by the engine on the server (POST /api/balance)
        const q = payload as Req<'drawBalance'>;
        const body = { site: q.site, supplements: q.supplements.map((f) => ({ id: f.id, geometry: f.geometry, properties: f.properties ?? {} })), regionCode: q.regionCode };
        const r = await latest(opts?.key, () => api.post<{ balance: Res<'drawBalance'>['balance']; impact: ImpactReportWire }>('/api/balance', body));
        return { balance: r.balance, impact: reportFromWire(r.impact) } as Res<T>;
      }
      case 'drawSnap': {
        // snapping while zoomed in where the drawing goes: fetch that box first (far out there is nothing to snap to)
        const b = (payload as Req<'drawSnap'>).bbox;
        if (b[2] - b[0] <= MAX_SNAP_BOX_DEG && b[3] - b[1] <= MAX_SNAP_BOX_DEG) await ensureBox(b);
        return base(type, payload, opts);
      }
      default:
        return base(type, payload, opts);
    }
  };
  inner.request = answer;
  return inner;
}

/** Open the province: its layers as server tiles, its counties as regions, its figures from the server. */
export async function openServerProvince(store: AppStore, api: ServerApi): Promise<void> {
  store.setState({ status: 'loading', manifestUrl: api.url });
  try {
    const rows = await api.layers();
    const layers = provinceLayers(rows, api);
    const pending = store.getState().pendingVisible;
    for (const l of layers) if (pending) l.visible = pending.includes(l.info.id);
    store.setState({
      manifest: { name: '省级数据库 / province server', layers: layers.map((l) => ({ kind: l.info.kind, file: l.info.file, name: l.info.name })) },
      layers,
      regions: await serverRegions(rows, api),
      status: 'ready',
    });
    await store.getState().refreshStats();
  } catch (err) {
    store.setState({ status: 'error', statusMessage: err instanceof Error ? err.message : String(err) });
  }
}
