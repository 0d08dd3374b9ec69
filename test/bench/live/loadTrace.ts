/**
 * Where a county's load spends its CPU, on EVERY thread of every Chromium process (issue 14 item 8: ready ≤ 8 s is
 * CPU-bound on two cores, so the question is which thread does what): one Chrome trace from navigation to ready with
 * the V8 sampling profiler (`disabled-by-default-v8.cpu_profiler`, 1 ms) and the scheduler's task events (`toplevel`).
 * Printed per thread: its CPU time in tasks (the trace's thread durations), then its JS self time by function, top N.
 * Threads with no JS (the GPU process, the compositor, raster and IO threads) show their busiest task kinds instead.
 *
 *   npx tsx test/bench/live/loadTrace.ts [--parcels 500000] [--names] [--top 25] [--gz | --pack] [--gc] [--save trace.json]
 *   npx tsx test/bench/live/loadTrace.ts --from trace.json [--top 40]
 * --gc adds V8's GC events (`disabled-by-default-v8.gc`: which thread-pool tasks are the collector's).
 * --names: an unminified build (readable function names; a somewhat slower app). --save keeps the raw events for
 * --from, which prints them again (another --top) without loading the app.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';
import { traceWhile } from '../browser/harness';
import { packedManifest } from '../countyPacks';
import { ensureCounty } from '../genCounty';
import { clearAppStorage, type ProbeState, startApp } from './app';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  id?: string;
  args?: { name?: string; data?: { cpuProfile?: { nodes?: ProfNode[]; samples?: number[] }; timeDeltas?: number[] } };
}
interface ProfNode {
  id: number;
  callFrame: { functionName: string; url?: string; lineNumber?: number };
  parent?: number;
}

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

function traced<T>(cdp: CDPSession, fn: () => Promise<T>): Promise<{ value: T; events: TraceEvent[] }> {
  return traceWhile<T, TraceEvent>(
    cdp,
    { categories: `toplevel,__metadata,disabled-by-default-v8.cpu_profiler,v8,v8.execute,blink.user_timing${process.argv.includes('--gc') ? ',disabled-by-default-v8.gc' : ''}`, options: 'sampling-frequency=1000', transferMode: 'ReportEvents' },
    fn,
  );
}

function summarise(events: TraceEvent[], top: number): string[] {
  const key = (e: { pid: number; tid: number }) => `${e.pid}:${e.tid}`;
  const threadName = new Map<string, string>();
  const procName = new Map<number, string>();
  for (const e of events) {
    if (e.ph !== 'M') continue;
    if (e.name === 'thread_name') threadName.set(key(e), e.args?.name ?? '?');
    if (e.name === 'process_name') procName.set(e.pid, e.args?.name ?? '?');
  }
  // CPU per thread: top-level tasks' thread durations (toplevel category), by task name
  const cpu = new Map<string, { total: number; byName: Map<string, number> }>();
  for (const e of events) {
    if (e.ph !== 'X' || !e.cat.includes('toplevel') || e.tdur === undefined) continue;
    const t = cpu.get(key(e)) ?? { total: 0, byName: new Map() };
    t.total += e.tdur / 1000;
    t.byName.set(e.name, (t.byName.get(e.name) ?? 0) + e.tdur / 1000);
    cpu.set(key(e), t);
  }
  // JS profiles: Profile (id, pid, tid) + ProfileChunk (nodes, samples, timeDeltas) → self time by function
  const profThread = new Map<string, string>();
  const nodes = new Map<string, Map<number, ProfNode>>();
  const self = new Map<string, Map<string, number>>();
  for (const e of events) if (e.name === 'Profile' && e.id) profThread.set(`${e.pid}:${e.id}`, key(e));
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || !e.id) continue;
    const thr = profThread.get(`${e.pid}:${e.id}`) ?? key(e);
    const map = nodes.get(thr) ?? new Map<number, ProfNode>();
    nodes.set(thr, map);
    const d = e.args?.data;
    for (const n of d?.cpuProfile?.nodes ?? []) map.set(n.id, n);
    const samples = d?.cpuProfile?.samples ?? [];
    const deltas = d?.timeDeltas ?? [];
    const s = self.get(thr) ?? new Map<string, number>();
    self.set(thr, s);
    for (let i = 0; i < samples.length; i++) {
      const n = map.get(samples[i]);
      const name = n ? `${n.callFrame.functionName || '(anon)'} ${(n.callFrame.url ?? '').split('/').pop()?.split('?')[0] ?? ''}:${n.callFrame.lineNumber ?? -1}` : '?';
      // a sample's time is the gap to the next one
      s.set(name, (s.get(name) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0) / 1000);
    }
  }
  const out: string[] = [];
  const threads = [...cpu].sort((a, b) => b[1].total - a[1].total).filter(([, t]) => t.total >= 100);
  for (const [thr, t] of threads) {
    const pid = Number(thr.split(':')[0]);
    out.push(`\n${procName.get(pid) ?? pid} / ${threadName.get(thr) ?? thr}: ${(t.total / 1000).toFixed(2)} s CPU in tasks`);
    const js = self.get(thr);
    if (js && js.size > 0) {
      const rows = [...js].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]);
      const busy = rows.filter(([k]) => !k.startsWith('(program)')).reduce((a, [, v]) => a + v, 0);
      out.push(`  JS samples: ${(busy / 1000).toFixed(2)} s (+ (program) ${((js.get('(program) :-1') ?? 0) / 1000).toFixed(2)} s)`);
      for (const [k, v] of rows.slice(0, top)) if (v >= 10) out.push(`  ${v.toFixed(0).padStart(7)} ms  ${k}`);
    } else {
      for (const [k, v] of [...t.byName].sort((a, b) => b[1] - a[1]).slice(0, 6)) if (v >= 10) out.push(`  ${v.toFixed(0).padStart(7)} ms  task ${k}`);
    }
  }
  return out;
}

async function main() {
  const from = arg('--from');
  if (from) {
    for (const l of summarise(JSON.parse(readFileSync(from, 'utf8')) as TraceEvent[], Number(arg('--top') ?? 25))) console.log(l);
    return;
  }
  const parcels = Number(arg('--parcels') ?? 500000);
  const top = Number(arg('--top') ?? 25);
  const dir = ensureCounty({ parcels }).dir;
  const app = await startApp({ [`county-${parcels}`]: dir }, undefined, { minify: !process.argv.includes('--names') });
  try {
    await clearAppStorage(app);
    const cdp = await app.h.context.newCDPSession(app.page);
    const manifest = `county-${parcels}/${process.argv.includes('--gz') ? 'manifest-gz.json' : process.argv.includes('--pack') ? packedManifest(dir) : 'manifest.json'}`;
    // traced from navigation to the status "ready" only (what follows it — stats, summary — is not the load)
    const { value: readyMs, events } = await traced(cdp, async () => {
      await app.page.goto(`${app.h.baseUrl}?manifest=${manifest}&e2e=1`);
      await app.page.waitForFunction(() => (window as unknown as { __probe?: ProbeState }).__probe?.events.some((e) => e.what === 'status:ready') ?? false, undefined, { timeout: 600_000, polling: 50 });
      return app.page.evaluate(() => (window as unknown as { __probe?: ProbeState }).__probe?.events.find((e) => e.what === 'status:ready')?.at ?? Number.NaN);
    });
    console.log(`ready ${(readyMs / 1000).toFixed(1)} s; ${events.length} trace events (navigation → ready)`);
    const save = arg('--save');
    if (save) writeFileSync(save, JSON.stringify(events));
    for (const l of summarise(events, top)) console.log(l);
  } finally {
    await app.close();
  }
}
void main().then(() => process.exit(0));
