/**
 * Where the real app's renderer memory goes after loading a dataset (issue #14 item 8): the renderer's RSS (from
 * /proc) beside the JS heap of each isolate in it — the page's main thread and every worker (engine, tiles, …) —
 * read over CDP (Runtime.getHeapUsage, after HeapProfiler.collectGarbage in that isolate), so what is JS objects,
 * what is garbage not yet collected and what is outside the JS heaps (typed-array backing stores, MapLibre's GL
 * buffers in the renderer, code, Blink) can be told apart.
 *
 *   npx tsx test/bench/live/heapBreakdown.ts [--dataset demo|500000]
 */
import type { CDPSession } from 'playwright-core';
import { ensureCounty } from '../genCounty';
import { printThenExit } from '../printThenExit';
import { clearAppStorage, openDataset, rendererMemory, startApp } from './app';

export interface IsolateHeap {
  target: string;
  usedMB: number;
  totalMB: number;
  usedAfterGcMB: number;
}

export interface HeapBreakdown {
  dataset: string;
  readyMs: number;
  rendererMB: number;
  rendererAfterGcMB: number;
  isolates: IsolateHeap[];
}

type Pending = Map<number, (r: unknown) => void>;

/** Every isolate of the page (main + workers, nested ones too) as a `send(method)` over CDP's Target domain. */
async function isolates(cdp: CDPSession): Promise<{ name: string; send: (method: string) => Promise<unknown> }[]> {
  const sessions: { name: string; sessionId: string }[] = [];
  const pending: Pending = new Map();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (e: { sessionId: string; targetInfo: { type: string; url: string } }) => {
    sessions.push({ name: `${e.targetInfo.type} ${e.targetInfo.url.split('/').pop()?.split('?')[0] ?? ''}`, sessionId: e.sessionId });
  });
  cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
    const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: unknown };
    if (m.id !== undefined) pending.get(m.id)?.(m.result ?? m.error);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  await new Promise((r) => setTimeout(r, 1000));
  const via = (sessionId: string) => (method: string) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: {} }) });
      setTimeout(() => resolve(null), 60_000);
    });
  return [{ name: 'page (main thread)', send: (method: string) => cdp.send(method as 'Runtime.getHeapUsage') as Promise<unknown> }, ...sessions.map((s) => ({ name: s.name, send: via(s.sessionId) }))];
}

export async function heapBreakdown(dataset: string, log: (m: string) => void = () => undefined): Promise<HeapBreakdown> {
  const county = dataset === 'demo' ? undefined : ensureCounty({ parcels: Number(dataset) });
  const app = await startApp(county ? { [`county-${dataset}`]: county.dir } : {});
  try {
    await clearAppStorage(app);
    log(`  heap: loading ${dataset}…`);
    const load = await openDataset(app, county ? `county-${dataset}/manifest.json` : 'data/demo/manifest.json');
    const before = rendererMemory(app).renderer;
    const cdp = await app.h.context.newCDPSession(app.page);
    const list = await isolates(cdp);
    const out: IsolateHeap[] = [];
    for (const iso of list) {
      const a = (await iso.send('Runtime.getHeapUsage')) as { usedSize?: number; totalSize?: number } | null;
      await iso.send('HeapProfiler.collectGarbage');
      const b = (await iso.send('Runtime.getHeapUsage')) as { usedSize?: number } | null;
      out.push({ target: iso.name, usedMB: (a?.usedSize ?? Number.NaN) / 1e6, totalMB: (a?.totalSize ?? Number.NaN) / 1e6, usedAfterGcMB: (b?.usedSize ?? Number.NaN) / 1e6 });
    }
    await new Promise((r) => setTimeout(r, 2000));
    return { dataset, readyMs: load.readyMs, rendererMB: before, rendererAfterGcMB: rendererMemory(app).renderer, isolates: out };
  } finally {
    await app.close();
  }
}

export function heapTable(r: HeapBreakdown): string {
  const f = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');
  const lines = [
    `${r.dataset}: ready ${(r.readyMs / 1000).toFixed(1)} s; renderer RSS ${f(r.rendererMB)} MB after load, ${f(r.rendererAfterGcMB)} MB after a GC in every isolate`,
    '',
    '| isolate | JS heap used | heap reserved | used after GC |',
    '|---|---|---|---|',
    ...r.isolates.map((i) => `| ${i.target} | ${f(i.usedMB)} MB | ${f(i.totalMB)} MB | ${f(i.usedAfterGcMB)} MB |`),
  ];
  const used = r.isolates.reduce((s, i) => s + (Number.isFinite(i.usedAfterGcMB) ? i.usedAfterGcMB : 0), 0);
  lines.push(`| **all JS heaps** | | | ${f(used)} MB (the rest of the renderer's ${f(r.rendererAfterGcMB)} MB: typed arrays, GL buffers, code, Blink) |`);
  return lines.join('\n');
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const i = process.argv.indexOf('--dataset');
  const d = i >= 0 ? (process.argv[i + 1] ?? 'demo') : 'demo';
  printThenExit(heapBreakdown(d === 'demo' ? d : String(Number(d.replace(/k$/i, '000'))), (m) => process.stderr.write(`${m}\n`)), heapTable);
}
