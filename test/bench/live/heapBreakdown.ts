/**
 * Where the real app's renderer memory goes after loading a dataset (issue #14 item 8):
 * 1. the renderer's RSS (from /proc) and the CPU by thread, every second for `settleS` seconds after the bench calls
 *    the load done — work the app goes on doing after "ready" shows here (it did: the indicators' remainder handed
 *    to MapLibre, ~0.7 GB of transient memory, see src/map/overlays.ts);
 * 2. the JS heap of each isolate in it — the page's main thread and every worker (engine, tiles, MapLibre's) — read
 *    over CDP (Runtime.getHeapUsage, then again after HeapProfiler.collectGarbage in that isolate);
 * 3. Chromium's memory-infra account by allocator (memoryInfra.ts), settled and after that GC: JS heaps, typed
 *    arrays, Blink buffers (serialised messages not yet collected), WebGL, compositor.
 *
 * `--base <commit>` measures that commit's build first, then this checkout's, one after the other in one run.
 *
 *   npx tsx test/bench/live/heapBreakdown.ts [--dataset demo|500000] [--settle 30] [--base <commit>]
 */
import { rmSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';
import { baseCheckout } from '../../e2e/harness';
import { ensureCounty } from '../genCounty';
import { printThenExit } from '../printThenExit';
import { chromiumCpu, cpuBetween } from '../browser/harness';
import { clearAppStorage, openDataset, rendererMemory, startApp } from './app';
import { type Allocators, allocatorDump, allocatorTable, rendererAllocators } from './memoryInfra';

export interface IsolateHeap {
  target: string;
  usedMB: number;
  totalMB: number;
  usedAfterGcMB: number;
}

/** One sample of the settle timeline: seconds after the load was done, renderer RSS, CPU-s since the last sample. */
export interface SettleSample {
  atS: number;
  rendererMB: number;
  cpu: { page: number; workers: number; rendererOther: number; gpu: number };
}

export interface HeapBreakdown {
  dataset: string;
  readyMs: number;
  rendererMB: number;
  /** Peak renderer RSS over the settle timeline. */
  peakMB: number;
  settle: SettleSample[];
  rendererAfterGcMB: number;
  isolates: IsolateHeap[];
  allocators: { settled: Allocators; afterGc: Allocators };
}

type Pending = Map<number, (r: unknown) => void>;

/** Every isolate of the page (main + workers, nested ones too) as a `send(method)` over CDP's Target domain. */
export async function isolates(cdp: CDPSession): Promise<{ name: string; send: (method: string, params?: Record<string, unknown>) => Promise<unknown> }[]> {
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
  const via = (sessionId: string) => (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
      setTimeout(() => resolve(null), 60_000);
    });
  return [{ name: 'page (main thread)', send: (method: string, params: Record<string, unknown> = {}) => cdp.send(method as 'Runtime.getHeapUsage', params as never) as Promise<unknown> }, ...sessions.map((s) => ({ name: s.name, send: via(s.sessionId) }))];
}

/** `root`: another checkout's build instead of this one (e2e/harness.ts baseCheckout). */
export async function heapBreakdown(dataset: string, log: (m: string) => void = () => undefined, settleS = 30, root?: string): Promise<HeapBreakdown> {
  const county = dataset === 'demo' ? undefined : ensureCounty({ parcels: Number(dataset) });
  const app = await startApp(county ? { [`county-${dataset}`]: county.dir } : {}, root);
  try {
    await clearAppStorage(app);
    log(`  heap: loading ${dataset}…`);
    const load = await openDataset(app, county ? `county-${dataset}/manifest.json` : 'data/demo/manifest.json');
    const t0 = Date.now();
    const before = rendererMemory(app).renderer;
    const settle: SettleSample[] = [];
    let cpu0 = chromiumCpu(app.profile);
    for (let k = 1; k <= settleS; k++) {
      await new Promise((r) => setTimeout(r, Math.max(0, k * 1000 - (Date.now() - t0))));
      const cpu1 = chromiumCpu(app.profile);
      const c = cpuBetween(cpu0, cpu1);
      cpu0 = cpu1;
      settle.push({ atS: k, rendererMB: rendererMemory(app).renderer, cpu: { page: c.page, workers: c.workers, rendererOther: c.rendererOther, gpu: c.gpu } });
    }
    const cdp = await app.h.context.newCDPSession(app.page);
    const list = await isolates(cdp);
    const used: { usedMB: number; totalMB: number }[] = [];
    for (const iso of list) {
      const a = (await iso.send('Runtime.getHeapUsage')) as { usedSize?: number; totalSize?: number } | null;
      used.push({ usedMB: (a?.usedSize ?? Number.NaN) / 1e6, totalMB: (a?.totalSize ?? Number.NaN) / 1e6 });
    }
    // (the dump costs RSS: the GC figure below is read before the second one)
    const settled = rendererAllocators(await allocatorDump(cdp));
    const out: IsolateHeap[] = [];
    for (const [k, iso] of list.entries()) {
      await iso.send('HeapProfiler.collectGarbage');
      const b = (await iso.send('Runtime.getHeapUsage')) as { usedSize?: number } | null;
      out.push({ target: iso.name, ...used[k], usedAfterGcMB: (b?.usedSize ?? Number.NaN) / 1e6 });
    }
    await new Promise((r) => setTimeout(r, 2000));
    const rendererAfterGcMB = rendererMemory(app).renderer;
    const afterGc = rendererAllocators(await allocatorDump(cdp));
    const peakMB = Math.max(before, ...settle.map((x) => x.rendererMB));
    return { dataset, readyMs: load.readyMs, rendererMB: before, peakMB, settle, rendererAfterGcMB, isolates: out, allocators: { settled, afterGc } };
  } finally {
    await app.close();
  }
}

export function heapTable(r: HeapBreakdown): string {
  const f = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');
  const last = r.settle.at(-1);
  const lines = [
    `${r.dataset}: ready ${(r.readyMs / 1000).toFixed(1)} s; renderer RSS ${f(r.rendererMB)} MB when the load is done, peak ${f(r.peakMB)} MB and ${f(last?.rendererMB ?? Number.NaN)} MB over the next ${r.settle.length} s, ${f(r.rendererAfterGcMB)} MB after a GC in every isolate`,
    '',
    '| after the load | renderer RSS | CPU-s since the last row: page / workers / rest of renderer / GPU |',
    '|---|---|---|',
  ];
  let from = 0;
  for (const [k, x] of r.settle.entries()) {
    // a row at 1, 2, 5, 10, 15, 20, … s: the CPU summed over the seconds since the previous row
    if (!(x.atS <= 2 || x.atS % 5 === 0 || k === r.settle.length - 1)) continue;
    const span = r.settle.slice(from, k + 1);
    from = k + 1;
    const sum = (key: keyof SettleSample['cpu']) => span.reduce((s, y) => s + y.cpu[key], 0).toFixed(1);
    lines.push(`| +${x.atS} s | ${f(x.rendererMB)} MB | ${sum('page')} / ${sum('workers')} / ${sum('rendererOther')} / ${sum('gpu')} |`);
  }
  lines.push('', '| isolate | JS heap used (settled) | heap reserved | used after GC |', '|---|---|---|---|');
  lines.push(...r.isolates.map((i) => `| ${i.target} | ${f(i.usedMB)} MB | ${f(i.totalMB)} MB | ${f(i.usedAfterGcMB)} MB |`));
  const used = r.isolates.reduce((s, i) => s + (Number.isFinite(i.usedAfterGcMB) ? i.usedAfterGcMB : 0), 0);
  lines.push(`| **all JS heaps** | | | ${f(used)} MB |`);
  lines.push('', "The renderer by allocator (Chromium's memory-infra dump):", '', allocatorTable([{ name: 'settled', rec: r.allocators.settled }, { name: 'after GC', rec: r.allocators.afterGc }]));
  return lines.join('\n');
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const i = process.argv.indexOf('--dataset');
  const d = i >= 0 ? (process.argv[i + 1] ?? 'demo') : 'demo';
  const j = process.argv.indexOf('--settle');
  const settleS = j >= 0 ? Number(process.argv[j + 1]) : 30;
  const k = process.argv.indexOf('--base');
  const base = k >= 0 ? process.argv[k + 1] : undefined;
  const dataset = d === 'demo' ? d : String(Number(d.replace(/k$/i, '000')));
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const run = async (): Promise<{ name: string; r: HeapBreakdown }[]> => {
    if (!base) return [{ name: 'this checkout', r: await heapBreakdown(dataset, log, settleS) }];
    const root = baseCheckout(base);
    try {
      const b = await heapBreakdown(dataset, log, settleS, root);
      return [{ name: `base ${base}`, r: b }, { name: 'this checkout', r: await heapBreakdown(dataset, log, settleS) }];
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };
  printThenExit(run(), (rs) => rs.map((x) => `## ${x.name}\n\n${heapTable(x.r)}`).join('\n\n'));
}
