import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize } from '../core/analysis/summary';
import { parseTargets } from '../core/analysis/targets';
import { type FlatCollection, scanFlatCollection } from '../core/io/flatGeojson';
import { writePack } from '../core/io/flatPackWrite';
import { EngineClient, type WorkerPort } from '../worker/client';
import { createHandler } from '../worker/handler';
import type { RequestMessage, ResponseMessage } from '../worker/protocol';
import { createAppStore, DEFAULT_SETTINGS } from './store';

const FIX = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'e2e');
const BASE = 'http://app.test/';
const fileOf = (url: string) => join(FIX, new URL(url).pathname.replace(/^\/fixtures\/e2e\//, ''));

/** A fixture file's bytes, as the engine's own fetch gives them. */
const fixtureBytes = async (url: string): Promise<ArrayBuffer> => {
  const b = readFileSync(fileOf(url));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

/** The worker boundary faked in-process: structured clone both ways, the real handler behind it (fetching with `fetch`). */
function port(fetch: (url: string) => Promise<ArrayBuffer> = fixtureBytes): { port: WorkerPort; handler: ReturnType<typeof createHandler> } {
  const handler = createHandler(fetch);
  let listener: ((ev: MessageEvent<ResponseMessage>) => void) | undefined;
  const emit = (m: ResponseMessage) => listener?.({ data: structuredClone(m) } as MessageEvent<ResponseMessage>);
  return {
    handler,
    port: {
      addEventListener: (_t, fn) => {
        listener = fn;
      },
      postMessage: (raw, transfer) => {
        const msg = structuredClone(raw, { transfer }) as RequestMessage;
        queueMicrotask(async () => {
          try {
            emit({ id: msg.id, kind: 'result', result: await handler.handle(msg.type, msg.payload, { progress: () => undefined, transfer: () => undefined }) });
          } catch (err) {
            emit({ id: msg.id, kind: 'error', message: String(err) });
          }
        });
      },
    },
  };
}

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

function makeStore(storage = memoryStorage()) {
  const { port: p, handler } = port();
  const store = createAppStore({
    client: new EngineClient(p),
    fetchJson: async (url) => JSON.parse(readFileSync(fileOf(url), 'utf8')),
    baseUrl: BASE,
    storage,
  });
  return { store, handler, storage };
}

/**
 * Load the e2e manifest into `store` and check it against the same manifest loaded the plain way (`plain`, `ph`): the
 * layer files were asked for in manifest order, and the layers, areas, summary and (no) failures are the same.
 */
async function expectLoadedAsPlain(
  store: ReturnType<typeof createAppStore>,
  asked: string[],
  handler: ReturnType<typeof createHandler>,
  plain: ReturnType<typeof createAppStore>,
  ph: ReturnType<typeof createHandler>,
): Promise<void> {
    await store.getState().loadManifest('fixtures/e2e/manifest.json');
    const manifest = JSON.parse(readFileSync(join(FIX, 'manifest.json'), 'utf8')) as { layers: { file: string }[] };
    expect(asked).toEqual(manifest.layers.map((l) => l.file.split('/').pop()));
    expect(store.getState().status).toBe('ready');
    expect(store.getState().layers.map((l) => [l.info.id, l.info.count])).toEqual(plain.getState().layers.map((l) => [l.info.id, l.info.count]));
    expect(handler.layers().map((l) => l.parcels.map((x) => x.areaM2))).toEqual(ph.layers().map((l) => l.parcels.map((x) => x.areaM2)));
    expect(store.getState().summary).toEqual(plain.getState().summary);
    expect(store.getState().layerFailures).toEqual([]);
}

describe('app store over the worker protocol', () => {
  it('loads a manifest: layers in order, regions, the engine summary with targets; region filter recomputes', async () => {
    const { store, handler } = makeStore();
    await store.getState().loadManifest('fixtures/e2e/manifest.json');
    const s = store.getState();
    expect(s.status).toBe('ready');
    expect(s.layers.map((l) => l.info.id)).toEqual(['cultivated', 'high-standard', 'permanent-basic', 'urban-boundary', 'eco-redline']);
    expect(s.layers.every((l) => l.visible && l.packed.count === l.info.count)).toBe(true);
    expect(s.regions.find((r) => r.code === '230123101')?.name).toBe('样板乡');
    const targets = parseTargets(readFileSync(join(FIX, 'targets.json')), 'targets.json').table;
    expect(s.summary).toEqual(summarize(handler.layers(), { conflicts: true, targets }));
    expect(s.summary?.targets.children.map((c) => c.code)).toEqual(['230123']);
    store.getState().setRegion({ level: 'township', code: '230123101' });
    await store.getState().refreshStats();
    const cultivated = store.getState().summary!.layers[0];
    expect(cultivated.region).toBe('230123101');
    expect(cultivated.area.m2).toBe(summarize(handler.layers(), { region: '230123101' }).layers[0].area.m2);
  });

  it('asks the worker for the first layer without waiting for the townships file or the targets (the region names still reach the tree)', async () => {
    const { port: p, handler } = port();
    const order: string[] = [];
    const post = p.postMessage;
    p.postMessage = (raw, transfer) => {
      order.push((raw as RequestMessage).type);
      post(raw, transfer);
    };
    let releaseTownships: () => void = () => undefined;
    const townshipsHeld = new Promise<void>((r) => (releaseTownships = r));
    const store = createAppStore({
      client: new EngineClient(p),
      fetchJson: async (url) => {
        // the townships file comes only once the first layer has been asked for: waiting for it first never ends
        if (url.endsWith('townships.geojson')) await townshipsHeld;
        return JSON.parse(readFileSync(fileOf(url), 'utf8'));
      },
      baseUrl: BASE,
      storage: memoryStorage(),
    });
    const loaded = store.getState().loadManifest('fixtures/e2e/manifest.json');
    for (let k = 0; k < 200 && !order.includes('load'); k++) await new Promise((r) => setTimeout(r, 5));
    expect(order).toContain('load');
    expect(order.indexOf('load')).toBeLessThan(order.indexOf('setRegionNames') < 0 ? Number.POSITIVE_INFINITY : order.indexOf('setRegionNames'));
    releaseTownships();
    await loaded;
    const s = store.getState();
    expect(s.status).toBe('ready');
    expect(s.regions.find((r) => r.code === '230123101')?.name).toBe('样板乡');
    expect(s.summary?.targets.children.map((c) => c.code)).toEqual(['230123']);
    expect(handler.layers().length).toBe(5);
  });

  it('targets the user imports while the manifest’s table still loads stay theirs, in the store and in the engine', async () => {
    let releaseTargets: () => void = () => undefined;
    const held = new Promise<void>((r) => (releaseTargets = r));
    // the engine's own fetch of the manifest's targets.json waits until released
    const { port: p } = port(async (url) => {
      if (url.endsWith('targets.json')) await held;
      return fixtureBytes(url);
    });
    const store = createAppStore({ client: new EngineClient(p), fetchJson: async (url) => JSON.parse(readFileSync(fileOf(url), 'utf8')), baseUrl: BASE, storage: memoryStorage() });
    const loaded = store.getState().loadManifest('fixtures/e2e/manifest.json');
    for (let k = 0; k < 200 && !store.getState().manifest; k++) await new Promise((r) => setTimeout(r, 5));
    // the user's own table: the county only, with other figures
    const mine = new TextEncoder().encode(JSON.stringify({ regions: [{ code: '230123', name: '示例县', level: 'county', cultivated_mu: 1234, permanent_basic_mu: 567 }] }));
    await store.getState().importTargets({ name: 'mine.json', bytes: mine.buffer as ArrayBuffer });
    releaseTargets();
    await loaded;
    const s = store.getState();
    expect(s.status).toBe('ready');
    expect(s.userTargets?.file).toBe('mine.json');
    expect(s.targetFindings).toEqual([]);
    const county = s.summary?.targets.children.find((c) => c.code === '230123');
    expect(county).toBeDefined();
    expect(JSON.stringify(county)).toContain('1234');
  });

  it('with fetchBytes the page downloads the layer files (in manifest order) and the same layers load; a failed download is fetched by the worker', async () => {
    const { store: plain, handler: ph } = makeStore();
    await plain.getState().loadManifest('fixtures/e2e/manifest.json');
    const { port: p, handler } = port();
    const asked: string[] = [];
    const store = createAppStore({
      client: new EngineClient(p),
      fetchJson: async (url) => JSON.parse(readFileSync(fileOf(url), 'utf8')),
      fetchBytes: async (url) => {
        asked.push(url.split('/').pop() ?? url);
        if (url.endsWith('eco-redline.geojson')) throw new Error('HTTP 503');
        const b = readFileSync(fileOf(url));
        return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
      },
      baseUrl: BASE,
      storage: memoryStorage(),
    });
    await expectLoadedAsPlain(store, asked, handler, plain, ph);
  });

  it('with streamBytes the worker gets each layer file in pieces as it downloads; the same layers load; failures are reported', async () => {
    const { store: plain, handler: ph } = makeStore();
    await plain.getState().loadManifest('fixtures/e2e/manifest.json');
    const { port: p, handler } = port();
    const asked: string[] = [];
    /** The file in 1000-byte pieces; 耕地 breaks off after 3 pieces in the second run, 生态保护红线 never starts. */
    const pieces = (b: Uint8Array, breakAfter?: number) =>
      new ReadableStream<Uint8Array>({
        start(c) {
          for (let o = 0, k = 0; o < b.length; o += 1000, k++) {
            if (k === breakAfter) return c.error(new Error('connection reset'));
            c.enqueue(b.slice(o, o + 1000));
          }
          c.close();
        },
      });
    const make = (breakCultivated: boolean) =>
      createAppStore({
        client: new EngineClient(p),
        fetchJson: async (url) => JSON.parse(readFileSync(fileOf(url), 'utf8')),
        streamBytes: async (url) => {
          asked.push(url.split('/').pop() ?? url);
          if (url.endsWith('eco-redline.geojson')) throw new Error('HTTP 503');
          const b = new Uint8Array(readFileSync(fileOf(url)));
          const reader = pieces(b, breakCultivated && url.endsWith('cultivated.geojson') ? 3 : undefined).getReader();
          const next = async () => {
            const r = await reader.read();
            return r.done ? undefined : r.value;
          };
          return { next, size: b.length };
        },
        baseUrl: BASE,
        storage: memoryStorage(),
      });
    const store = make(false);
    await expectLoadedAsPlain(store, asked, handler, plain, ph);

    const broken = make(true);
    await broken.getState().loadManifest('fixtures/e2e/manifest.json');
    expect(broken.getState().status).toBe('ready');
    expect(broken.getState().layers.map((l) => l.info.id)).toEqual(plain.getState().layers.map((l) => l.info.id).filter((id) => id !== 'cultivated'));
    expect(broken.getState().layerFailures).toHaveLength(1);
    expect(broken.getState().layerFailures?.[0].message).toMatch(/cultivated\.geojson.*connection reset/);
  });

  it('a first layer that is a pack is fetched by the worker, the others stream from the page; the same layers load', async () => {
    const { store: plain, handler: ph } = makeStore();
    await plain.getState().loadManifest('fixtures/e2e/manifest.json');
    const manifest = JSON.parse(readFileSync(join(FIX, 'manifest.json'), 'utf8')) as { layers: { file: string }[] };
    const first = manifest.layers[0].file;
    const packed = { ...manifest, layers: manifest.layers.map((l, i) => (i === 0 ? { ...l, file: first.replace(/\.geojson$/, '.fpk') } : l)) };
    const workerAsked: string[] = [];
    const { port: p, handler } = port(async (url) => {
      workerAsked.push(url.split('/').pop() ?? url);
      if (!url.endsWith('.fpk')) return fixtureBytes(url);
      const bytes = writePack(scanFlatCollection(new Uint8Array(readFileSync(fileOf(url.replace(/\.fpk$/, '.geojson'))))) as FlatCollection);
      return bytes.buffer as ArrayBuffer;
    });
    const pageAsked: string[] = [];
    const store = createAppStore({
      client: new EngineClient(p),
      fetchJson: async (url) => (url.endsWith('manifest.json') ? packed : JSON.parse(readFileSync(fileOf(url), 'utf8'))),
      streamBytes: async (url) => {
        pageAsked.push(url.split('/').pop() ?? url);
        const b = new Uint8Array(readFileSync(fileOf(url)));
        const left = [b];
        return { next: async () => left.shift(), size: b.length };
      },
      baseUrl: BASE,
      storage: memoryStorage(),
    });
    await store.getState().loadManifest('fixtures/e2e/manifest.json');
    expect(workerAsked).toContain(first.replace(/\.geojson$/, '.fpk').split('/').pop());
    expect(pageAsked).toEqual(manifest.layers.slice(1).map((l) => l.file.split('/').pop()));
    expect(store.getState().status).toBe('ready');
    expect(store.getState().layerFailures).toEqual([]);
    expect(store.getState().layers.map((l) => [l.info.id, l.info.count])).toEqual(plain.getState().layers.map((l) => [l.info.id, l.info.count]));
    expect(handler.layers().map((l) => l.parcels.map((x) => x.areaM2))).toEqual(ph.layers().map((l) => l.parcels.map((x) => x.areaM2)));
    // the same summary, but for the file's name
    expect(JSON.parse(JSON.stringify(store.getState().summary).replaceAll('cultivated.fpk', 'cultivated.geojson'))).toEqual(JSON.parse(JSON.stringify(plain.getState().summary)));
  });

  it('a manifest layer that cannot be read is listed with its message; the others load', async () => {
    const { port: p } = port();
    const store = createAppStore({
      client: new EngineClient(p),
      fetchJson: async (url) => JSON.parse(readFileSync(fileOf(url), 'utf8')),
      fetchBytes: async (url) => {
        const b = readFileSync(fileOf(url));
        // the 耕地 file arrives cut in half
        const cut = url.endsWith('cultivated.geojson') ? b.subarray(0, b.length >> 1) : b;
        return cut.buffer.slice(cut.byteOffset, cut.byteOffset + cut.byteLength) as ArrayBuffer;
      },
      baseUrl: BASE,
      storage: memoryStorage(),
    });
    await store.getState().loadManifest('fixtures/e2e/manifest.json');
    const s = store.getState();
    expect(s.status).toBe('ready');
    expect(s.layers.map((l) => l.info.id)).toEqual(['high-standard', 'permanent-basic', 'urban-boundary', 'eco-redline']);
    expect(s.layerFailures).toHaveLength(1);
    expect(s.layerFailures?.[0].file).toMatch(/cultivated\.geojson$/);
    expect(s.layerFailures?.[0].message).toMatch(/cultivated\.geojson/);
  });

  it('a broken import is blocked and leaves the layers alone; hidden layers from the URL apply after loading', async () => {
    const { store } = makeStore();
    store.setState({ pendingVisible: ['cultivated'] });
    await store.getState().loadManifest('fixtures/e2e/manifest.json');
    expect(store.getState().layers.filter((l) => l.visible).map((l) => l.info.id)).toEqual(['cultivated']);
    const bytes = readFileSync(join(FIX, 'import-broken.geojson'));
    const report = await store.getState().importFile({ name: 'import-broken.geojson', bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer }, 'abandoned');
    expect(report.blocked).toBe(true);
    expect(store.getState().layers).toHaveLength(5);
  });

  it('imports a layer into every total, and removing it takes it out again', async () => {
    const { store, handler } = makeStore();
    await store.getState().loadManifest('fixtures/e2e/manifest.json');
    const bytes = readFileSync(join(FIX, 'import-abandoned.geojson'));
    const report = await store.getState().importFile({ name: 'import-abandoned.geojson', bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer }, 'abandoned');
    expect(report.blocked).toBe(false);
    const id = report.layerId!;
    expect(store.getState().layers.at(-1)?.info.id).toBe(id); // imports go on top
    expect(store.getState().summary?.layers.map((l) => l.kind)).toContain('abandoned');
    await store.getState().removeLayer(id);
    expect(store.getState().layers.map((l) => l.info.id)).not.toContain(id);
    expect(handler.layers().map((l) => l.kind)).not.toContain('abandoned');
    expect(store.getState().summary?.layers.map((l) => l.kind)).not.toContain('abandoned');
  });

  it('a missing manifest is an error status, not a throw', async () => {
    const { store } = makeStore();
    await store.getState().loadManifest('fixtures/e2e/nope.json');
    expect(store.getState().status).toBe('error');
    expect(store.getState().statusMessage).toContain('nope.json');
  });

  it('persists settings and language only, and reads them back', async () => {
    const storage = memoryStorage();
    const a = makeStore(storage).store;
    a.getState().setSettings({ basemap: 'xyz', xyzUrl: 'https://tiles.example/{z}/{x}/{y}.png' });
    a.getState().setLang('en');
    a.getState().setCursor([1, 2]);
    const saved = JSON.parse(storage.m.get('farmland-atlas')!);
    expect(Object.keys(saved).sort()).toEqual(['lang', 'settings']);
    const b = makeStore(storage).store.getState();
    expect(b.lang).toBe('en');
    expect(b.settings).toEqual({ ...DEFAULT_SETTINGS, basemap: 'xyz', xyzUrl: 'https://tiles.example/{z}/{x}/{y}.png' });
  });
});
