import { describe, expect, it, vi } from 'vitest';
import { geometryAreaEllipsoidal } from '../core/area/ellipsoid';
import type { AreaGeometry } from '../core/types';
import { type EngineClient, Superseded } from '../worker/client';
import { splitBilingual } from '../ui/words/oneLanguage';
import { boxAround, countyRegions, provinceLayers, serverApi, serverClient, type ServerLayerRow } from './serverMode';

const row = (county: string, kind: string, bbox: number[], features = 10): ServerLayerRow => ({ county, kind, name: kind, file: `${kind}.geojson`, features, bbox, county_name: `县${county}` });
const rows = [
  row('231298', 'cultivated', [126, 46, 126.1, 46.1]),
  row('231297', 'cultivated', [125, 46, 125.1, 46.1], 5),
  row('231297', 'eco-redline', [124.9, 45.9, 125.2, 46], 1),
  row('231297', 'nope', [124, 45, 125, 46]),
  row('231297', 'black-soil', [0, 0, 0, 0], 0),
  row('231298', 'eco-redline', [0, 0, 0, 0], 0),
];
const square = (x: number, y: number, d = 0.001): AreaGeometry => ({ type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });

/** A fake server: JSON by path. */
function fakeFetch(routes: Record<string, unknown>) {
  const asked: string[] = [];
  const fn = vi.fn(async (url: string | URL | Request) => {
    const u = String(url);
    asked.push(u);
    const path = u.replace('http://srv', '').replace(/[?&]token=[^&]*$/, '');
    const hit = Object.entries(routes).find(([p]) => path.startsWith(p));
    return new Response(hit ? JSON.stringify(hit[1]) : '{}', { status: hit ? 200 : 404 });
  });
  return { fn: fn as unknown as typeof fetch, asked };
}

/** A fake engine client recording what reaches the worker. */
function fakeInner() {
  const sent: { type: string; payload: unknown }[] = [];
  const request = async (type: string, payload: unknown) => {
    sent.push({ type, payload });
    return { from: 'worker', type };
  };
  const inner = { request } as unknown as EngineClient;
  return { inner, sent };
}

describe('server mode', () => {
  it('counties become regions (extent of all their layers) and kinds become one map layer each, tiles from the server', () => {
    expect(countyRegions(rows)).toEqual([
      { level: 'county', code: '231297', name: '县231297', bbox: [124, 45, 125.2, 46.1] },
      { level: 'county', code: '231298', name: '县231298', bbox: [126, 46, 126.1, 46.1] },
    ]);
    const layers = provinceLayers(rows, serverApi('http://srv/', 'T'.repeat(20)));
    expect(layers.map((l) => [l.info.id, l.info.count, l.info.bbox])).toEqual([
      ['cultivated', 15, [125, 46, 126.1, 46.1]],
      ['eco-redline', 1, [124.9, 45.9, 125.2, 46]],
    ]);
    expect(layers[0].serverTiles).toBe(`http://srv/tiles/cultivated/{z}/{x}/{y}.mvt?token=${'T'.repeat(20)}`);
    expect(layers[0].packed.count).toBe(0);
  });

  it('a site’s box has a margin of a quarter of its size, at least 0.002°', () => {
    const b = boxAround([1, 2, 1.001, 2.001]);
    for (const [i, want] of [0.998, 1.998, 1.003, 2.003].entries()) expect(b[i]).toBeCloseTo(want, 12);
    expect(boxAround([0, 0, 1, 2])).toEqual([-0.25, -0.5, 1.25, 2.5]);
  });

  it('the drawing’s impact (live and full) comes from POST /api/impact and 占补平衡 from POST /api/balance; nothing reaches the worker', async () => {
    const live = { siteAreaM2: 7000, siteAreaMu: 10.5, layers: [{ kind: 'cultivated', name: '耕地', areaM2: 5000, areaMu: 7.5, parcels: 2 }], computeMs: 3, by: 'server' };
    const report = { siteAreaM2: 7000, layers: [{ kind: 'cultivated', parcels: 2, parcelIds: ['A', 'B'], pieceIndex: [4, 9], pieceAreaM2: [3000.25, 1999.75], pieceNetM2: [2900, 1900], pieceWhole: [1, 0] }] };
    const full = { report, touched: [{ layerKind: 'cultivated', layerName: '耕地', pid: 4, id: 'A', areaM2: 3000.25, whole: true, gddj: 5 }], touchedTotal: 2, highlight: [{ kind: 'cultivated', geometry: square(125, 46) }], computeMs: 9 };
    const posted: { url: string; body: Record<string, unknown> }[] = [];
    const fetchFn = (async (url: string | URL | Request, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
      posted.push({ url: String(url), body });
      expect(init?.method).toBe('POST');
      const balance = { balance: { pass: true, verdicts: [] }, impact: report };
      return new Response(JSON.stringify(String(url).includes('/api/balance') ? balance : body.form === 'live' ? live : full), { status: 200 });
    }) as typeof fetch;
    const { inner, sent } = fakeInner();
    const client = serverClient(inner, serverApi('http://srv', 'T'.repeat(20), fetchFn));
    expect(await client.request('drawLive', { site: [square(125, 46)] }, { key: 'drawLive' })).toEqual(live);
    const got = await client.request('drawImpact', { site: [square(125, 46)], limit: 50, regionCode: '231297' }, { key: 'drawImpact' });
    expect(posted.map((p) => [p.url, p.body.form, p.body.limit, p.body.regionCode])).toEqual([
      [`http://srv/api/impact?token=${'T'.repeat(20)}`, 'live', undefined, undefined],
      [`http://srv/api/impact?token=${'T'.repeat(20)}`, 'full', 50, '231297'],
    ]);
    expect(posted[1].body.site).toEqual([square(125, 46)]);
    // the report's piece columns are the engine's typed arrays again; the rest as sent
    const L = got.report.layers[0];
    expect(L.pieceIndex).toEqual(Int32Array.from([4, 9]));
    expect(L.pieceAreaM2).toEqual(Float64Array.from([3000.25, 1999.75]));
    expect(L.pieceNetM2).toBeInstanceOf(Float64Array);
    expect(L.pieceWhole).toEqual(Uint8Array.from([1, 0]));
    expect(L.parcelIds).toEqual(['A', 'B']);
    expect([got.touched, got.touchedTotal, got.highlight]).toEqual([full.touched, 2, full.highlight]);
    expect(sent).toEqual([]);
    const supplement = { id: 's1', geometry: square(126.01, 46), properties: { GDDJ: 3 } };
    const b = await client.request('drawBalance', { site: [square(126, 46)], supplements: [supplement, { id: 's2', geometry: square(126.02, 46) }] }, { key: 'drawBalance' });
    expect(posted[2].url).toBe(`http://srv/api/balance?token=${'T'.repeat(20)}`);
    expect(posted[2].body).toEqual({ site: [square(126, 46)], supplements: [supplement, { id: 's2', geometry: square(126.02, 46), properties: {} }] });
    expect(b.balance).toEqual({ pass: true, verdicts: [] });
    expect(b.impact.layers[0].pieceAreaM2).toEqual(Float64Array.from([3000.25, 1999.75]));
    expect(sent).toEqual([]);
  });

  it('a live answer overtaken by a newer one is dropped (Superseded), also when it failed; the newest answers', async () => {
    const waiting: (() => void)[] = [];
    const fetchFn = (async (_url: string | URL | Request, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body)) as { site: AreaGeometry[] };
      const x = (body.site[0].coordinates[0] as number[][])[0][0];
      await new Promise<void>((resolve) => waiting.push(resolve));
      return x === 1 ? new Response('{"error":"坏 / bad"}', { status: 400 }) : new Response(JSON.stringify({ siteAreaM2: x, siteAreaMu: 0, layers: [], computeMs: 0 }), { status: 200 });
    }) as typeof fetch;
    const client = serverClient(fakeInner().inner, serverApi('http://srv', undefined, fetchFn));
    const first = client.request('drawLive', { site: [square(1, 2)] }, { key: 'drawLive' });
    const second = client.request('drawLive', { site: [square(3, 4)] }, { key: 'drawLive' });
    const third = client.request('drawLive', { site: [square(5, 6)] }, { key: 'drawLive' });
    await vi.waitFor(() => expect(waiting).toHaveLength(3));
    waiting[2]();
    expect((await third).siteAreaM2).toBe(5);
    waiting[0]();
    waiting[1]();
    await expect(first).rejects.toBeInstanceOf(Superseded);
    await expect(second).rejects.toBeInstanceOf(Superseded);
  });

  it('a refusal answers the server’s message; an unreachable server a message in both languages', async () => {
    const refusing = (async () => new Response(JSON.stringify({ error: '用地范围的面超过 1000 个 / the site has more than 1000 polygons' }), { status: 400 })) as typeof fetch;
    await expect(serverClient(fakeInner().inner, serverApi('http://srv', undefined, refusing)).request('drawImpact', { site: [square(1, 2)] })).rejects.toThrow(
      '用地范围的面超过 1000 个 / the site has more than 1000 polygons',
    );
    const bare = (async () => new Response('<html>gateway</html>', { status: 502 })) as typeof fetch;
    await expect(serverClient(fakeInner().inner, serverApi('http://srv', undefined, bare)).request('drawLive', { site: [square(1, 2)] })).rejects.toThrow(
      '省级服务器拒绝了请求（HTTP 502） / the province server refused (HTTP 502)',
    );
    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const err = await serverClient(fakeInner().inner, serverApi('http://srv', undefined, down)).request('drawLive', { site: [square(1, 2)] }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect(splitBilingual((err as Error).message)).toEqual({ zh: '无法连接省级服务器（Failed to fetch）', en: 'cannot reach the province server (Failed to fetch)' });
  });

  it('snapping zoomed in fetches its box (&for=snap), far out nothing; a failed fetch fails only its caller', async () => {
    const sent: { type: string; payload: unknown }[] = [];
    let fail = true;
    const request = async (type: string, payload: unknown) => {
      sent.push({ type, payload });
      if (type === 'serverBox' && fail) throw new Error('HTTP 502');
      return {};
    };
    const client = serverClient({ request } as unknown as EngineClient, serverApi('http://srv', undefined, fakeFetch({}).fn));
    // (snapping: the drawing's impact and balance no longer fetch a box, they ask the server)
    await expect(client.request('drawSnap', { bbox: [125, 46, 125.01, 46.01] })).rejects.toThrow('HTTP 502');
    fail = false;
    const n = sent.length;
    await client.request('drawSnap', { bbox: [120, 30, 121, 31] });
    expect(sent.slice(n).map((x) => x.type)).toEqual(['drawSnap']); // far out: no fetch
    await client.request('drawSnap', { bbox: [120, 30, 120.01, 30.01] });
    expect(sent.slice(n + 1).map((x) => x.type)).toEqual(['serverBox', 'drawSnap']);
    expect((sent[n + 1].payload as { url: string }).url).toBe(`http://srv/api/parcels?bbox=${boxAround([120, 30, 120.01, 30.01]).join(',')}&for=snap`);
  });

  it('stats, summary and inspect come from the server; hover asks nothing', async () => {
    const summary = { basis: 'net', layers: [{ kind: 'cultivated', features: 3, area: { m2: 1234.5 } }], targets: {} };
    const g = square(125, 46);
    const f = fakeFetch({
      '/api/summary?form=engine&region=231297': summary,
      '/api/at?lon=125.0005&lat=46.0005': { parcels: [{ county: '231297', kind: 'cultivated', pos: 7 }, { county: '231297', kind: 'eco-redline', pos: 0 }] },
      '/api/parcel/cultivated/231297/7': { county: '231297', kind: 'cultivated', pos: 7, pid: 'B7', props: { BSM: 'B7', DLBM: '0103' }, geometry: g },
    });
    const { inner, sent } = fakeInner();
    const client = serverClient(inner, serverApi('http://srv', undefined, f.fn));
    expect(await client.request('stats', { region: { level: 'county', code: '231297' }, method: 'ellipsoidal' })).toEqual({
      stats: [{ layerId: 'cultivated', kind: 'cultivated', count: 3, areaM2: 1234.5, method: 'ellipsoidal' }],
    });
    expect((await client.request('summary', { region: '231297' })).summary).toEqual(summary);
    expect(await client.request('inspect', { lon: 125.0005, lat: 46.0005, layerIds: ['cultivated'], first: true })).toEqual({ hits: [] });
    const asked = f.asked.length;
    const { hits } = await client.request('inspect', { lon: 125.0005, lat: 46.0005, layerIds: ['cultivated'] });
    expect(f.asked.length).toBe(asked + 2);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ layerId: 'cultivated', kind: 'cultivated', pid: 7, id: 'B7', dlbm: '0103' });
    expect(hits[0].areaEllipsoidalM2).toBe(geometryAreaEllipsoidal(g));
    expect(sent).toEqual([]);
  });

  it('indicators come from the server’s pre-aggregates; townships and villages below the counties drill down with their extents', async () => {
    const answer = { indicators: { region: '231297', highStandard: null, blackSoil: null, saline: null, abandoned: null, rewardPenalty: [], rewardRates: {} }, remainder: { type: 'FeatureCollection', features: [] } };
    const town = { level: 'township', code: '231297100', name: '甲镇', parent: '231297', bbox: [125, 46, 125.05, 46.05] };
    const f = fakeFetch({ '/api/indicators?region=231297': answer, '/api/regions': { regions: [town] }, '/api/layers': { layers: rows } });
    const { inner, sent } = fakeInner();
    const client = serverClient(inner, serverApi('http://srv', undefined, f.fn));
    expect(await client.request('indicators', { region: '231297' })).toEqual(answer);
    const { regions } = await client.request('regions', {});
    expect(regions.map((r) => [r.level, r.code])).toEqual([['county', '231297'], ['township', '231297100'], ['county', '231298']]);
    expect(regions[1].bbox).toEqual(town.bbox);
    expect(sent).toEqual([]);
  });
});
