/**
 * The workspace over the real engine (handler in-process, GDAL for Node): import into the demo asks; "new"
 * drops the demo from the map and the totals; the saved workspace restores to the same totals in a fresh app;
 * the one-file export opens to the same totals; removing forgets it; "add" keeps the demo and asks once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGdalNode } from '../../../test/helpers/gdal';
import { EngineClient, type WorkerPort } from '../../worker/client';
import { createHandler } from '../../worker/handler';
import type { RequestMessage, ResponseMessage } from '../../worker/protocol';
import { createAppStore } from '../store';
import { workspaceFromZip } from './file';
import { memoryWorkspaceStorage } from './storage';
import { createWorkspace } from './workspace';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const FIX = join(ROOT, 'test', 'fixtures', 'e2e');
const GDAL = join(ROOT, 'test', 'fixtures', 'gdal');
const fileOf = (url: string) => join(FIX, new URL(url).pathname.replace(/^\/fixtures\/e2e\//, ''));
const bytes = (p: string) => {
  const b = readFileSync(p);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

function port(): WorkerPort {
  const handler = createHandler(async (url) => bytes(fileOf(url)), loadGdalNode);
  let listener: ((ev: MessageEvent<ResponseMessage>) => void) | undefined;
  const emit = (m: ResponseMessage) => listener?.({ data: structuredClone(m) } as MessageEvent<ResponseMessage>);
  return {
    addEventListener: (_t, fn) => {
      listener = fn;
    },
    postMessage: (raw) => {
      const msg = structuredClone(raw) as RequestMessage;
      queueMicrotask(async () => {
        try {
          emit({ id: msg.id, kind: 'result', result: await handler.handle(msg.type, msg.payload, { progress: () => undefined, transfer: () => undefined }) });
        } catch (err) {
          emit({ id: msg.id, kind: 'error', message: String(err) });
        }
      });
    },
  };
}

function app(storage = memoryWorkspaceStorage()) {
  const store = createAppStore({ client: new EngineClient(port()), fetchJson: async (url) => JSON.parse(readFileSync(fileOf(url), 'utf8')), baseUrl: 'http://app.test/' });
  let demoLoads = 0;
  const loadDemo = async () => {
    demoLoads++;
    await store.getState().loadManifest('fixtures/e2e/manifest.json');
  };
  const ws = createWorkspace(store, storage, () => new Date('2026-12-04T10:00:00Z'));
  return { store, ws, storage, loadDemo, demoLoads: () => demoLoads };
}

const totals = (s: ReturnType<typeof app>['store']) =>
  s
    .getState()
    .stats.map((x) => `${x.kind}:${x.count}:${x.areaM2}`)
    .sort();

describe('workspace', () => {
  it('new workspace from the demo, saved, restored in a fresh app with the same totals, exported and reopened', async () => {
    const a = app();
    await a.ws.getState().start(a.loadDemo);
    expect(a.demoLoads()).toBe(1);
    const demoLayers = a.store.getState().layers.length;
    expect(demoLayers).toBeGreaterThan(0);
    // importing into the demo asks
    expect(await a.ws.getState().importFile({ name: 'sandiao.gdb.zip', bytes: bytes(join(GDAL, 'sandiao.gdb.zip')) }, 'auto')).toBeUndefined();
    expect(a.ws.getState().pending?.file.name).toBe('sandiao.gdb.zip');
    const r = await a.ws.getState().answer('new');
    expect(r?.blocked).toBe(false);
    expect(r?.tables?.map((t) => `${t.name}/${t.alias}/${t.featureCount}/${t.kind}`)).toEqual([
      'DLTB/地类图斑/4/cultivated',
      'YJJBNTBHTB/永久基本农田保护图斑/4/permanent-basic',
      'STBHHX/生态保护红线/2/eco-redline',
    ]);
    expect(r?.detected).toMatchObject({ layer: 'DLTB', crs: { epsg: 4527, source: 'dataset' }, encoding: { encoding: 'utf-8', source: 'format' } });
    // the demo left the map and the totals; the map was asked to fit the new data
    expect(a.store.getState().layers.every((l) => l.origin === 'import')).toBe(true);
    expect(a.store.getState().fitRequest?.bbox[0]).toBeCloseTo(117.2905, 3);
    // a second table of another file, picked by name, joins without asking
    const g = await a.ws.getState().importFile({ name: 'sandiao.gpkg', bytes: bytes(join(GDAL, 'sandiao.gpkg')) }, 'auto', { layerName: 'YJJBNTBHTB' });
    expect(g?.blocked).toBe(false);
    expect(g?.detected?.layer).toBe('YJJBNTBHTB');
    await a.store.getState().refreshStats();
    const before = totals(a.store);
    expect(before.length).toBe(2);
    expect(a.storage.current?.kind).toBe('user');
    expect(a.storage.current?.imports.map((i) => [i.file, i.kind, i.options.layerName])).toEqual([
      ['sandiao.gdb.zip', 'cultivated', undefined],
      ['sandiao.gpkg', 'permanent-basic', 'YJJBNTBHTB'],
    ]);

    // a fresh app on the same storage: restored, the demo not loaded, the same totals, a notice
    const b = app(a.storage);
    await b.ws.getState().start(b.loadDemo);
    expect(b.demoLoads()).toBe(0);
    await b.store.getState().refreshStats();
    expect(totals(b.store)).toEqual(before);
    expect(b.ws.getState().notice?.text.en).toMatch(/^Restored your last workspace "My data": 2 imported layer\(s\)/);

    // one file → a third app: the same totals
    const file = b.ws.getState().exportFile();
    expect('error' in workspaceFromZip('w.zip', file)).toBe(false);
    const c = app();
    await c.ws.getState().start(c.loadDemo);
    await c.ws.getState().openFile('w.zip', file, c.loadDemo);
    await c.store.getState().refreshStats();
    expect(totals(c.store)).toEqual(before);
    expect(c.store.getState().layers.every((l) => l.origin === 'import')).toBe(true);

    // removing a layer removes it from the saved workspace; removing the workspace forgets it and brings the demo back
    await b.store.getState().removeLayer(b.store.getState().layers[1].info.id);
    await new Promise((r) => setTimeout(r, 0));
    expect(b.storage.current?.imports.length).toBe(1);
    await b.ws.getState().clear(b.loadDemo);
    expect(b.storage.current).toBeUndefined();
    expect(b.store.getState().layers.length).toBe(demoLayers);
    // a broken workspace file is a message naming it
    await c.ws.getState().openFile('not-a-workspace.zip', new Uint8Array([1, 2, 3]), c.loadDemo);
    expect(c.ws.getState().notice?.text.en).toMatch(/^not-a-workspace\.zip: /);
  });

  it('"add to this workspace" keeps the demo in the totals and asks only once', async () => {
    const a = app();
    await a.ws.getState().start(a.loadDemo);
    const demo = totals(a.store);
    await a.ws.getState().importFile({ name: 'sandiao.gpkg', bytes: bytes(join(GDAL, 'sandiao.gpkg')) }, 'auto', { layerName: 'STBHHX' });
    await a.ws.getState().answer('add');
    expect(a.store.getState().layers.some((l) => l.origin === 'manifest')).toBe(true);
    await a.store.getState().refreshStats();
    expect(totals(a.store).length).toBe(demo.length + 1);
    expect(await a.ws.getState().importFile({ name: 'sandiao.gpkg', bytes: bytes(join(GDAL, 'sandiao.gpkg')) }, 'auto', { layerName: 'DLTB' })).toBeDefined();
    expect(a.ws.getState().pending).toBeUndefined();
    expect(a.storage.current?.kind).toBe('demo');
    // "my county": a demo layer left out of the totals stays on the map, leaves the totals, and that choice is saved
    const demoLayer = a.store.getState().layers.find((l) => l.origin === 'manifest')!;
    const withAll = totals(a.store);
    await a.store.getState().setInTotals(demoLayer.info.id, false);
    expect(a.store.getState().layers.some((l) => l.info.id === demoLayer.info.id)).toBe(true);
    expect(a.store.getState().stats.some((x) => x.layerId === demoLayer.info.id)).toBe(false);
    expect(totals(a.store).length).toBe(withAll.length - 1);
    expect(a.store.getState().summary?.layers.length).toBe(withAll.length - 1);
    await new Promise((r) => setTimeout(r, 0));
    expect(a.storage.current?.excludedDemo).toEqual([demoLayer.info.id]);
    const left = totals(a.store);
    // restored: the demo, both imports, and the same choice → the same totals
    const b = app(a.storage);
    await b.ws.getState().start(b.loadDemo);
    expect(b.demoLoads()).toBe(1);
    expect(b.store.getState().layers.filter((l) => l.origin === 'import').length).toBe(2);
    await b.store.getState().refreshStats();
    expect(totals(b.store)).toEqual(left);
    expect(b.store.getState().layers.find((l) => l.info.id === demoLayer.info.id)?.inTotals).toBe(false);
  });
});
