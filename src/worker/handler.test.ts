import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize } from '../core/analysis/summary';
import { geometryAreaEllipsoidal } from '../core/area/ellipsoid';
import { EngineClient, Superseded, type WorkerPort } from './client';
import { createHandler } from './handler';
import type { Progress, RequestMessage, ResponseMessage } from './protocol';
import { checkPacked } from './tiles/packed';
import { attrOf } from '../core/layers/attrTable';

const FIX = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'e2e');
const bytesOf = (name: string): ArrayBuffer => {
  const b = readFileSync(join(FIX, name));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};
const ctx = () => {
  const progress: Progress[] = [];
  const transfer: ArrayBuffer[] = [];
  return { progress: (p: Progress) => progress.push(p), transfer: (b: ArrayBuffer) => transfer.push(b), seen: { progress, transfer } };
};
type RawFeature = { properties: Record<string, unknown>; geometry: { type: 'Polygon'; coordinates: number[][][] } };
const fileFeatures = (name: string): RawFeature[] => JSON.parse(readFileSync(join(FIX, name), 'utf8')).features;

/** A fake Worker boundary: messages go through structured clone to the real handler, in-process. */
function inProcessPort(handler = createHandler(), delays: Record<number, number> = {}): WorkerPort {
  let listener: ((ev: MessageEvent<ResponseMessage>) => void) | undefined;
  const emit = (msg: ResponseMessage) => listener?.({ data: structuredClone(msg) } as MessageEvent<ResponseMessage>);
  return {
    addEventListener: (_t, fn) => {
      listener = fn;
    },
    postMessage: (raw) => {
      const msg = structuredClone(raw) as RequestMessage;
      const transfer: ArrayBuffer[] = [];
      setTimeout(async () => {
        try {
          const result = await handler.handle(msg.type, msg.payload, {
            progress: (progress) => emit({ id: msg.id, kind: 'progress', progress }),
            transfer: (b) => transfer.push(b),
          });
          emit({ id: msg.id, kind: 'result', result });
        } catch (err) {
          emit({ id: msg.id, kind: 'error', message: String(err) });
        }
      }, delays[msg.id] ?? 0);
    },
  };
}

describe('worker handler (in-process)', () => {
  it('densifies a projected file’s long edges when the import dialog asks (densifyM), and says so', async () => {
    // a 2 km square in CGCS2000 3° GK zone 39 (EPSG:4527, zone number in the easting), named by a legacy crs member
    const sq = [[39500000, 5000000], [39502000, 5000000], [39502000, 5002000], [39500000, 5002000], [39500000, 5000000]];
    const doc = { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:4527' } }, features: [{ type: 'Feature', properties: { DLBM: '0103' }, geometry: { type: 'Polygon', coordinates: [sq] } }] };
    const bytes = () => new TextEncoder().encode(JSON.stringify(doc)).buffer as ArrayBuffer;
    const h = createHandler();
    const plain = await h.handle('load', { layerId: 'a', kind: 'cultivated', file: 'gk.geojson', source: { bytes: bytes() }, blockOnError: true }, ctx());
    const dense = await h.handle('load', { layerId: 'b', kind: 'cultivated', file: 'gk.geojson', source: { bytes: bytes() }, blockOnError: true, densifyM: 100 }, ctx());
    const longEdges = (r: typeof plain) => r.findings.find((f) => f.code === 'import.long-edges')?.message ?? '';
    expect(longEdges(plain)).toContain('--densify');
    expect(longEdges(dense)).toContain('densified every 100 m');
    // edges straight in the projection enclose exactly 4 km² of the plane; in lon/lat they bow: the areas differ
    expect(dense.layer?.grossAreaM2).not.toBe(plain.layer?.grossAreaM2);
  });

  it('loads a layer: parcels, ellipsoidal area equal to the engine, packed map geometry by pid, progress and transfer', async () => {
    const h = createHandler();
    const c = ctx();
    const res = await h.handle('load', { layerId: 'c', kind: 'cultivated', file: 'cultivated.geojson', source: { bytes: bytesOf('cultivated.geojson') }, blockOnError: true }, c);
    const raw = fileFeatures('cultivated.geojson');
    expect(res.blocked).toBe(false);
    expect(res.layer?.count).toBe(raw.length);
    expect(res.layer?.featureCount).toBe(raw.length);
    const expected = raw.reduce((s, f) => s + geometryAreaEllipsoidal(f.geometry), 0);
    expect(res.layer?.grossAreaM2).toBeCloseTo(expected, 6);
    expect(res.layer?.fields.zldwdm).toBe('ZLDWDM');
    const packed = res.packed!;
    expect(checkPacked(packed)).toEqual([]);
    expect(packed.count).toBe(raw.length);
    // feature 7 of the map is parcel 7: its first vertex, its area, its grade
    const parcel7 = h.layers()[0].parcels[7];
    expect(packed.ids[7]).toBe(7);
    const ring = packed.ringStart[packed.polyStart[packed.featStart[7]]];
    const first = (parcel7.geometry.type === 'Polygon' ? parcel7.geometry.coordinates : parcel7.geometry.coordinates[0])[0][0];
    expect([packed.coords[ring * 2], packed.coords[ring * 2 + 1]]).toEqual([first[0], first[1]]);
    expect(packed.areaM2?.[7]).toBe(parcel7.areaM2);
    expect(packed.columns.gddj[7]).toBe(attrOf(parcel7, 'gddj') ?? Number.NaN);
    // every buffer is transferred, none cloned
    for (const a of [packed.coords, packed.ringStart, packed.polyStart, packed.featStart, packed.ids]) expect(c.seen.transfer).toContain(a.buffer);
    expect([...new Set(c.seen.progress.map((p) => p.phase))]).toEqual(['parse', 'validate', 'serialize']);
  });

  it('blocks a broken file on import, with an error finding naming the file', async () => {
    const h = createHandler();
    const res = await h.handle('load', { layerId: 'x', kind: 'abandoned', file: 'import-broken.geojson', source: { bytes: bytesOf('import-broken.geojson') }, blockOnError: true }, ctx());
    expect(res.blocked).toBe(true);
    expect(res.layer).toBeUndefined();
    expect(res.findings[0]).toMatchObject({ severity: 'error', code: 'json.syntax', file: 'import-broken.geojson' });
    expect((await h.handle('stats', { method: 'ellipsoidal' }, ctx())).stats).toEqual([]);
  });

  it('imports a zipped Shapefile in Gauss-Krüger with GBK attributes (reprojected to lon/lat) and blocks a corrupt zip', async () => {
    const h = createHandler();
    const IMPORT = join(FIX, '..', 'import');
    const zipBytes = (name: string) => {
      const b = readFileSync(join(IMPORT, name));
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
    };
    const ok = await h.handle('load', { layerId: 'z', kind: 'cultivated', file: 'gk39-gbk-ldid.zip', source: { bytes: zipBytes('gk39-gbk-ldid.zip') }, blockOnError: true }, ctx());
    expect(ok.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(ok.blocked).toBe(false);
    expect(ok.layer!.count).toBeGreaterThan(0);
    const [minX, minY, maxX, maxY] = ok.layer!.bbox;
    // zone 39: central meridian 117° E; lon/lat after reprojection
    expect(minX).toBeGreaterThan(115.5);
    expect(maxX).toBeLessThan(118.5);
    expect(minY).toBeGreaterThan(10);
    expect(maxY).toBeLessThan(60);
    expect(ok.packed?.count).toBe(ok.layer!.count);
    const exported = await h.handle('exportLayer', { layerId: 'z' }, ctx());
    const map = JSON.parse(new TextDecoder().decode(exported.bytes));
    expect(JSON.stringify(map.features[0].properties)).toMatch(/[\u4e00-\u9fff]/); // GBK decoded to 中文
    const bad = await h.handle('load', { layerId: 'b', kind: 'cultivated', file: 'bad-corrupt.zip', source: { bytes: zipBytes('bad-corrupt.zip') }, blockOnError: true }, ctx());
    expect(bad.blocked).toBe(true);
    expect(bad.findings.some((f) => f.severity === 'error')).toBe(true);
  });

  it('a fetch failure is a finding, not a throw', async () => {
    const h = createHandler(async () => {
      throw new Error('HTTP 404');
    });
    const res = await h.handle('load', { layerId: 'x', kind: 'cultivated', file: 'nope.geojson', source: { url: '/nope.geojson' }, blockOnError: false }, ctx());
    expect(res.blocked).toBe(true);
    expect(res.findings[0].message).toContain('HTTP 404');
  });

  it('stats follow the region filter; red lines are counted whole; regions list townships and villages', async () => {
    const h = createHandler();
    await h.handle('load', { layerId: 'c', kind: 'cultivated', file: 'cultivated.geojson', source: { bytes: bytesOf('cultivated.geojson') }, blockOnError: true }, ctx());
    await h.handle('load', { layerId: 'e', kind: 'eco-redline', file: 'eco-redline.geojson', source: { bytes: bytesOf('eco-redline.geojson') }, blockOnError: true }, ctx());
    await h.handle('setRegionNames', { names: { '230123100': '示例镇' } }, ctx());
    const raw = fileFeatures('cultivated.geojson');
    const inTown = raw.filter((f) => String(f.properties.ZLDWDM).startsWith('230123100'));
    expect(inTown.length).toBeGreaterThan(0);
    expect(inTown.length).toBeLessThan(raw.length);
    const all = (await h.handle('stats', { method: 'ellipsoidal' }, ctx())).stats;
    const town = (await h.handle('stats', { method: 'ellipsoidal', region: { level: 'township', code: '230123100' } }, ctx())).stats;
    expect(all[0].count).toBe(raw.length);
    expect(town[0].count).toBe(inTown.length);
    expect(town[0].areaM2).toBeCloseTo(inTown.reduce((s, f) => s + geometryAreaEllipsoidal(f.geometry), 0), 6);
    expect(town[1]).toEqual(all[1]);
    const sph = (await h.handle('stats', { method: 'spherical' }, ctx())).stats;
    expect(sph[0].method).toBe('spherical');
    expect(sph[0].areaM2).not.toBeCloseTo(all[0].areaM2, 0);
    const { regions } = await h.handle('regions', {}, ctx());
    expect(regions.find((r) => r.code === '230123100')).toMatchObject({ level: 'township', name: '示例镇', parent: '230123' });
    expect(regions.filter((r) => r.level === 'village').length).toBe(4);
    const tb = regions.find((r) => r.code === '230123100')!.bbox;
    expect(tb[0]).toBe(Math.min(...inTown.map((f) => f.geometry.coordinates[0][0][0])));
    expect(tb[3]).toBe(Math.max(...inTown.map((f) => f.geometry.coordinates[0][2][1])));
  });

  it('inspect answers the parcel under a point, with declared TBMJ beside the computed area', async () => {
    const h = createHandler();
    await h.handle('load', { layerId: 'c', kind: 'cultivated', file: 'cultivated.geojson', source: { bytes: bytesOf('cultivated.geojson') }, blockOnError: true }, ctx());
    const f = fileFeatures('cultivated.geojson')[10];
    const ring = f.geometry.coordinates[0];
    const lon = (ring[0][0] + ring[2][0]) / 2;
    const lat = (ring[0][1] + ring[2][1]) / 2;
    const { hits } = await h.handle('inspect', { lon, lat, layerIds: ['c', 'missing'] }, ctx());
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ pid: 10, id: f.properties.BSM, declaredM2: f.properties.TBMJ, declaredField: 'TBMJ', dlbm: f.properties.DLBM });
    expect(hits[0].areaEllipsoidalM2).toBeCloseTo(geometryAreaEllipsoidal(f.geometry), 6);
    // hover asks only for the topmost hit: with the same parcel in two layers, the first listed layer wins
    await h.handle('load', { layerId: 'c2', kind: 'permanent-basic', file: 'cultivated.geojson', source: { bytes: bytesOf('cultivated.geojson') }, blockOnError: true }, ctx());
    const both = await h.handle('inspect', { lon, lat, layerIds: ['c2', 'c'] }, ctx());
    expect(both.hits.map((x) => x.layerId)).toEqual(['c2', 'c']);
    const top = await h.handle('inspect', { lon, lat, layerIds: ['c2', 'c'], first: true }, ctx());
    expect(top.hits.map((x) => x.layerId)).toEqual(['c2']);
    expect(top.hits[0].geometry).toEqual(f.geometry);
    const miss = await h.handle('inspect', { lon: 0, lat: 0, layerIds: ['c'] }, ctx());
    expect(miss.hits).toEqual([]);
  });

  it('exports a layer as GeoJSON with the original properties', async () => {
    const h = createHandler();
    await h.handle('load', { layerId: 'p', kind: 'permanent-basic', file: 'permanent-basic.geojson', source: { bytes: bytesOf('permanent-basic.geojson') }, blockOnError: true }, ctx());
    const res = await h.handle('exportLayer', { layerId: 'p' }, ctx());
    const out = JSON.parse(new TextDecoder().decode(res.bytes));
    expect(res.file).toBe('permanent-basic.geojson');
    expect(out.features).toHaveLength(fileFeatures('permanent-basic.geojson').length);
    expect(out.features[0].properties.__pid).toBeUndefined();
  });
});

describe('summary and exports through the worker', () => {
  const loadAll = async () => {
    const h = createHandler();
    for (const [id, kind, file] of [
      ['c', 'cultivated', 'cultivated.geojson'],
      ['p', 'permanent-basic', 'permanent-basic.geojson'],
      ['e', 'eco-redline', 'eco-redline.geojson'],
    ] as const)
      await h.handle('load', { layerId: id, kind, file, source: { bytes: bytesOf(file) }, blockOnError: true }, ctx());
    return h;
  };

  it('answers the core summary of its layers, for a region code prefix', async () => {
    const h = await loadAll();
    const { summary } = await h.handle('summary', { region: '230123101' }, ctx());
    expect(summary).toEqual(summarize(h.layers(), { region: '230123101', conflicts: true }));
    expect(summary.conflicts?.length).toBeGreaterThan(0);
    const raw = fileFeatures('cultivated.geojson').filter((f) => String(f.properties.ZLDWDM).startsWith('230123101'));
    expect(summary.layers[0].features).toBe(raw.length);
    expect(summary.layers[2].regionApplied).toBe(false);
  });

  it('exports CSV (BOM, metadata lines), JSON and XLSX with the engine totals', async () => {
    const h = await loadAll();
    const now = '2026-11-28T12:00:00.000Z';
    const expected = summarize(h.layers(), {});
    const csv = await h.handle('exportSummary', { format: 'csv', now }, ctx());
    const text = new TextDecoder().decode(csv.bytes);
    expect([...new Uint8Array(csv.bytes).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM: Excel opens 中文 intact
    expect(text.startsWith('#')).toBe(true);
    expect(csv.file).toBe('farmland-summary.csv');
    expect(text).toContain('耕地');
    const json = await h.handle('exportSummary', { format: 'json', now, region: '230123100' }, ctx());
    const doc = JSON.parse(new TextDecoder().decode(json.bytes));
    expect(json.file).toBe('farmland-summary-230123100.json');
    expect(doc.metadata.generated_at).toBe(now);
    expect(doc.metadata.region).toBe('230123100');
    expect(doc.layers[0].area_m2).toBe(summarize(h.layers(), { region: '230123100' }).layers[0].area.m2);
    const xlsx = await h.handle('exportSummary', { format: 'xlsx', now }, ctx());
    expect(new Uint8Array(xlsx.bytes).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b])); // a zip
    const gj = await h.handle('exportSummary', { format: 'geojson', now }, ctx());
    const fc = JSON.parse(new TextDecoder().decode(gj.bytes));
    expect(fc.features.length).toBe(expected.layers.reduce((s, l) => s + l.features, 0));
  });

  it('reads targets, and bad targets are findings', async () => {
    const h = await loadAll();
    const table = JSON.stringify({ regions: [{ code: '230123', name: '示例县', level: 'county', cultivated_mu: 3000, permanent_basic_mu: 2500 }] });
    const ok = await h.handle('setTargets', { file: 'targets.json', source: { bytes: new TextEncoder().encode(table).buffer as ArrayBuffer } }, ctx());
    expect(ok).toEqual({ findings: [], regions: 1 });
    const { summary } = await h.handle('summary', { region: '230123' }, ctx());
    expect(summary.targets.selected.lines.map((l) => l.targetMu)).toEqual([3000, 2500]);
    const bad = await h.handle('setTargets', { file: 'bad.json', source: { bytes: new TextEncoder().encode('{').buffer as ArrayBuffer } }, ctx());
    expect(bad.findings[0].severity).toBe('error');
  });
});

describe('EngineClient over the in-process port', () => {
  it('resolves answers by request id and forwards progress', async () => {
    const client = new EngineClient(inProcessPort());
    const phases: string[] = [];
    const res = await client.request(
      'load',
      { layerId: 'c', kind: 'cultivated', file: 'cultivated.geojson', source: { bytes: bytesOf('cultivated.geojson') }, blockOnError: true },
      { onProgress: (p) => phases.push(p.phase) },
    );
    expect(res.layer?.count).toBe(fileFeatures('cultivated.geojson').length);
    expect(phases).toContain('parse');
    expect(client.inFlight).toBe(0);
  });

  it('drops a stale answer: an older keyed request that answers last rejects with Superseded', async () => {
    // request 1 is slow, request 2 fast: 2 answers first; 1's late answer must not win
    const client = new EngineClient(inProcessPort(createHandler(), { 1: 30, 2: 0 }));
    const first = client.request('stats', { method: 'ellipsoidal' }, { key: 'stats' });
    const second = client.request('stats', { method: 'spherical' }, { key: 'stats' });
    await expect(second).resolves.toEqual({ stats: [] });
    await expect(first).rejects.toBeInstanceOf(Superseded);
  });

  it('rejects with the worker error message for an unknown request', async () => {
    const client = new EngineClient(inProcessPort());
    // @ts-expect-error — an unknown request type on purpose
    await expect(client.request('nope', {})).rejects.toThrow(/unknown request/);
  });
});

describe('prefetch: a download started before the first load asks for it (app/boot.ts)', () => {
  const url = 'http://app.test/c/eco-redline.geojson';
  const counting = (fail = 0) => {
    const asked: string[] = [];
    let failures = fail;
    const fetch = async (u: string) => {
      asked.push(u);
      if (failures-- > 0) throw new Error('connection reset');
      return bytesOf('eco-redline.geojson');
    };
    return { asked, h: createHandler(fetch) };
  };
  const load = (h: ReturnType<typeof createHandler>, layerId: string, source: { url: string } | { bytes: ArrayBuffer }) =>
    h.handle('load', { layerId, kind: 'eco-redline', file: 'eco-redline.geojson', source, blockOnError: false }, ctx());

  it('the first load of that URL takes the bytes: one download', async () => {
    const { asked, h } = counting();
    expect(await h.handle('prefetch', { url }, ctx())).toEqual({ started: true });
    // one at a time
    expect(await h.handle('prefetch', { url }, ctx())).toEqual({ started: false });
    const r = await load(h, 'a', { url });
    expect(r.blocked).toBe(false);
    expect(r.layer?.count).toBeGreaterThan(0);
    expect(asked).toEqual([url]);
    // taken: a later load of the URL downloads it again
    await load(h, 'b', { url });
    expect(asked).toEqual([url, url]);
  });

  it('a first load of anything else drops it', async () => {
    const { asked, h } = counting();
    await h.handle('prefetch', { url }, ctx());
    expect((await load(h, 'a', { bytes: bytesOf('eco-redline.geojson') })).blocked).toBe(false);
    await load(h, 'b', { url });
    expect(asked).toEqual([url, url]);
  });

  it('a prefetch that failed is downloaded again by the load, which reports only its own failure', async () => {
    const once = counting(1);
    await once.h.handle('prefetch', { url }, ctx());
    const r = await load(once.h, 'a', { url });
    expect(r.blocked).toBe(false);
    expect(once.asked).toEqual([url, url]);
    const twice = counting(2);
    await twice.h.handle('prefetch', { url }, ctx());
    const failed = await load(twice.h, 'a', { url });
    expect(failed.blocked).toBe(true);
    expect(failed.findings[0].message).toMatch(/eco-redline\.geojson.*connection reset/);
  });
});

describe('prefetch with the layer: the first load imported before it is asked for (worker/earlyLoad.ts)', () => {
  const url = 'http://app.test/c/permanent-basic.geojson';
  const layer = { file: 'permanent-basic.geojson', kind: 'permanent-basic', name: '永久基本农田' };
  const counting = (fail = 0) => {
    const asked: string[] = [];
    let failures = fail;
    const h = createHandler(async (u: string) => {
      asked.push(u);
      if (failures-- > 0) throw new Error('connection reset');
      return bytesOf('permanent-basic.geojson');
    });
    return { asked, h };
  };
  const asManifest = { layerId: 'pb', kind: 'permanent-basic' as const, name: '永久基本农田', file: 'permanent-basic.geojson', source: { url }, blockOnError: false };
  const seen = (r: Awaited<ReturnType<ReturnType<typeof createHandler>['handle']>>) => JSON.parse(JSON.stringify(r, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)));

  it('the load the manifest asks for takes the import: one download, the answer of a plain load, its progress passed on', async () => {
    const plain = await counting().h.handle('load', asManifest, ctx());
    const { asked, h } = counting();
    expect(await h.handle('prefetch', { url, layer }, ctx())).toEqual({ started: true });
    const c = ctx();
    const r = await h.handle('load', asManifest, c);
    expect(asked).toEqual([url]);
    expect(seen(r)).toEqual(seen(plain));
    expect(h.layers()).toHaveLength(1);
    expect(c.seen.progress.map((p) => p.phase)).toContain('serialize');
    expect(c.seen.progress.length).toBeGreaterThan(1);
  });

  it('a load asking for anything else downloads again and imports as it asks', async () => {
    for (const other of [{ ...asManifest, kind: 'cultivated' as const }, { ...asManifest, name: 'other' }, { ...asManifest, blockOnError: true }, { ...asManifest, file: 'pb.geojson' }, { ...asManifest, densifyM: 50 }]) {
      const { asked, h } = counting();
      await h.handle('prefetch', { url, layer }, ctx());
      const r = await h.handle('load', other, ctx());
      const plain = await counting().h.handle('load', other, ctx());
      expect(asked).toEqual([url, url]);
      expect(seen(r)).toEqual(seen(plain));
    }
  });

  it('an early download that failed is downloaded again by the load, which reports only its own failure', async () => {
    const once = counting(1);
    await once.h.handle('prefetch', { url, layer }, ctx());
    expect((await once.h.handle('load', asManifest, ctx())).blocked).toBe(false);
    expect(once.asked).toEqual([url, url]);
    const twice = counting(2);
    await twice.h.handle('prefetch', { url, layer }, ctx());
    const failed = await twice.h.handle('load', asManifest, ctx());
    expect(failed.blocked).toBe(true);
    expect(failed.findings).toHaveLength(1);
    expect(failed.findings[0].message).toMatch(/permanent-basic\.geojson.*connection reset/);
  });
});
