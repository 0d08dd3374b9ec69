/**
 * The workspace over the real engine (handler in-process, GDAL for Node): import into the demo asks; "new"
 * drops the demo from the map and the totals; the saved workspace restores to the same totals in a fresh app;
 * the one-file export opens to the same totals; removing forgets it; "add" keeps the demo and asks once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadGdalNode } from '../../../test/helpers/gdal';
import { EngineClient, type WorkerPort } from '../../worker/client';
import { createHandler } from '../../worker/handler';
import type { RequestMessage, ResponseMessage } from '../../worker/protocol';
import { createAppStore } from '../store';
import { workspaceFromZip, workspaceToZip } from './file';
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

  it('keeps an imported targets table, the region filter and the map view: saved, restored, in the exported file', async () => {
    const a = app();
    await a.ws.getState().start(a.loadDemo);
    await a.ws.getState().importFile({ name: 'sandiao.gdb.zip', bytes: bytes(join(GDAL, 'sandiao.gdb.zip')) }, 'auto');
    await a.ws.getState().answer('new');
    // the demo's targets went with the demo: a user workspace starts with the national targets only
    await a.store.getState().refreshStats();
    expect(a.store.getState().summary?.targets.children).toEqual([]);
    const county = a.store.getState().regions.find((r) => r.level === 'county');
    if (!county) throw new Error('the fixture has no county code');
    // the CLI's --targets CSV: one good row, one bad (a negative target) → a finding naming file, row and field
    const csv = `code,name,level,cultivated_mu,permanent_basic_mu\n${county.code},测试县,county,1234.5,800\n${county.code}001,坏乡,township,-1,\n`;
    const enc = new TextEncoder().encode(csv);
    const findings = await a.store.getState().importTargets({ name: 'my-targets.csv', bytes: enc.buffer.slice(0) as ArrayBuffer });
    expect(findings.length).toBe(1);
    expect(findings[0]).toMatchObject({ severity: 'error', file: 'my-targets.csv' });
    expect(findings[0].message).toMatch(/cultivated_mu/);
    const line = () => a.store.getState().summary?.targets.children.find((c) => c.code === county.code)?.lines.find((l) => l.metric === 'cultivated');
    expect(line()?.targetMu).toBe(1234.5);
    const achieved = line()?.achievedMu;
    expect(achieved).toBeGreaterThan(0);
    a.store.getState().setRegion({ level: 'county', code: county.code });
    const view = { center: [117.31, 31.87] as [number, number], zoom: 13.25, bearing: 10 };
    a.store.getState().goToView(view);
    expect(a.store.getState().fitRequest?.view).toEqual(view);
    await new Promise((r) => setTimeout(r, 600)); // the view is saved once the map rests
    expect(a.storage.current?.targets?.file).toBe('my-targets.csv');
    expect(new TextDecoder().decode(a.storage.current?.targets?.bytes)).toBe(csv);
    expect(a.storage.current?.region).toEqual({ level: 'county', code: county.code });
    expect(a.storage.current?.view).toEqual(view);

    // a fresh app: the same table (same target and achieved figures), region and view
    const b = app(a.storage);
    await b.ws.getState().start(b.loadDemo);
    expect(b.store.getState().userTargets?.file).toBe('my-targets.csv');
    expect(b.store.getState().targetFindings.length).toBe(1);
    expect(b.store.getState().region).toEqual({ level: 'county', code: county.code });
    expect(b.store.getState().fitRequest?.view).toEqual(view);
    await b.store.getState().refreshStats();
    const sel = b.store.getState().summary?.targets.selected;
    expect(sel?.code).toBe(county.code);
    expect(sel?.lines.find((l) => l.metric === 'cultivated')).toMatchObject({ targetMu: 1234.5, achievedMu: achieved });

    // the one-file export carries them too
    const file = b.ws.getState().exportFile();
    const w = workspaceFromZip('w.zip', file);
    if ('error' in w) throw new Error(w.error);
    expect(w.targets?.file).toBe('my-targets.csv');
    expect(w.region).toEqual({ level: 'county', code: county.code });
    expect(w.view).toEqual(view);
    const c = app();
    await c.ws.getState().start(c.loadDemo);
    await c.ws.getState().openFile('w.zip', file, c.loadDemo);
    expect(c.store.getState().userTargets?.file).toBe('my-targets.csv');
    expect(c.store.getState().region).toEqual({ level: 'county', code: county.code });
    await c.store.getState().refreshStats();
    expect(c.store.getState().summary?.targets.selected.lines.find((l) => l.metric === 'cultivated')?.targetMu).toBe(1234.5);

    // stop using the table: back to no table (a user workspace), and that is saved
    await b.store.getState().importTargets(undefined);
    await new Promise((r) => setTimeout(r, 0));
    expect(b.storage.current?.targets).toBeUndefined();
    await b.store.getState().refreshStats();
    expect(b.store.getState().summary?.targets.selected.lines.find((l) => l.metric === 'cultivated')?.targetMu ?? null).toBeNull();
  });

  it('a workspace file with a bad view or region ignores them; a missing targets file is a message', () => {
    const base = { version: 1 as const, kind: 'user' as const, name: 'x', savedAt: '2026-12-04T00:00:00Z', imports: [] };
    const w = workspaceFromZip('w.zip', workspaceToZip({ ...base, view: { center: [500, 31], zoom: 3, bearing: 0 }, region: { level: 'county', code: 'abc' } }));
    if ('error' in w) throw new Error(w.error);
    expect(w.view).toBeUndefined();
    expect(w.region).toBeUndefined();
    const files = unzipSync(workspaceToZip({ ...base, targets: { file: 't.csv', bytes: new TextEncoder().encode('code\n').buffer as ArrayBuffer } }));
    delete files['targets/t.csv'];
    expect(workspaceFromZip('w.zip', zipSync(files))).toEqual({ error: "w.zip: 保护任务表文件缺失 / the targets table's file is missing" });
  });
});
