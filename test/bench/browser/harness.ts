/**
 * Shared by the browser benchmark and the e2e smoke test: build the bench page with Vite, serve it on 127.0.0.1,
 * launch Debian's Chromium with the flags from the stack notes (non-localhost requests blocked), and read the
 * memory of Chromium's processes from /proc.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Build test/bench/browser/page.html (+ its workers) into a fresh temp folder; returns the folder. */
export async function buildPage(): Promise<string> {
  const { build } = await import('vite');
  const outDir = mkdtempSync(join(tmpdir(), 'fa-bench-page-'));
  await build({
    configFile: false,
    root: HERE,
    base: './',
    logLevel: 'warn',
    worker: { format: 'es' },
    build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4000, rollupOptions: { input: join(HERE, 'page.html') } },
  });
  return outDir;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** A static file server on 127.0.0.1 (random port). */
export async function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0])).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path === '/' ? 'page.html' : path);
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/page.html`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export const CHROMIUM_ARGS = [
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export interface Launched {
  context: BrowserContext;
  page: Page;
  userDataDir: string;
  close: () => Promise<void>;
}

/** A fresh persistent context (own profile folder) with one page; only 127.0.0.1 / localhost may be requested. */
export async function launch(viewport = { width: 1280, height: 800 }): Promise<Launched> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'fa-bench-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.protocol === 'data:' || u.protocol === 'blob:' || u.hostname === '127.0.0.1' || u.hostname === 'localhost') return route.continue();
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const close = async () => {
    // after a renderer crash close() can hang: bound it
    await Promise.race([context.close(), new Promise((r) => setTimeout(r, 10_000))]);
    rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, page, userDataDir, close };
}

export interface ProcMem {
  /** Sum of VmRSS of renderer processes (MB). */
  renderer: number;
  /** VmRSS of the GPU process (MB) — with SwiftShader it holds the GL buffers. */
  gpu: number;
  /** All Chromium processes of this profile (MB). */
  total: number;
  /**
   * VmRSS of the renderer(s) running dedicated workers (MB): the app's page (its engine, tile and MapLibre workers).
   * `renderer` also counts Chromium's spare renderer and blank tabs (the context's first page): 75–160 MB each with
   * Chromium 156 here. Only when asked for (`chromiumMemory(dir, { page: true })`): it reads every renderer thread's
   * name, too much for a sampler that runs every 200 ms beside the load it measures.
   */
  page?: number;
}

/** Whether a process has a thread named DedicatedWorker… (a page's web worker). */
function runsWorkers(pid: number): boolean {
  try {
    return readdirSync(`/proc/${pid}/task`).some((t) => {
      try {
        return readFileSync(`/proc/${pid}/task/${t}/comm`, 'utf8').startsWith('DedicatedWorker');
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

function readProc(pid: number): { ppid: number; cmd: string; rssKb: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return { ppid, cmd, rssKb: m ? Number(m[1]) : 0 };
  } catch {
    return null;
  }
}

/** Memory of the Chromium started with `userDataDir`, from /proc (Linux). */
export function chromiumMemory(userDataDir: string, opts: { page?: boolean } = {}): ProcMem {
  const procs = new Map<number, { ppid: number; cmd: string; rssKb: number }>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const p = readProc(Number(d));
    if (p) procs.set(Number(d), p);
  }
  const roots = [...procs].filter(([, p]) => p.cmd.includes(`--user-data-dir=${userDataDir}`) && !p.cmd.includes('--type=')).map(([pid]) => pid);
  const inTree = new Set<number>(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, p] of procs) {
      if (!inTree.has(pid) && inTree.has(p.ppid)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  let renderer = 0;
  let gpu = 0;
  let total = 0;
  let page = 0;
  for (const pid of inTree) {
    const p = procs.get(pid);
    if (!p) continue;
    total += p.rssKb;
    if (p.cmd.includes('--type=renderer')) {
      renderer += p.rssKb;
      if (opts.page && runsWorkers(pid)) page += p.rssKb;
    } else if (p.cmd.includes('--type=gpu-process')) gpu += p.rssKb;
  }
  const mb = (kb: number) => Math.round(kb / 1024);
  return { renderer: mb(renderer), gpu: mb(gpu), total: mb(total), ...(opts.page ? { page: mb(page) } : {}) };
}

/** CPU seconds (user + system) by where: the page's main thread, its workers, the rest of the renderer, GPU, network and other utility processes, the browser process. */
export type CpuSplit = Record<'page' | 'workers' | 'rendererOther' | 'gpu' | 'utility' | 'browser', number>;

/** Per thread ("pid/tid"): where it is (CpuSplit's keys) and the CPU seconds it has used so far. */
export type CpuSnapshot = Map<string, { where: keyof CpuSplit; s: number; faults?: number; comm?: string }>;

/** utime + stime of a /proc stat line, in seconds (USER_HZ is 100 on Linux), its comm and its minor page faults. */
function cpuOf(statPath: string): { comm: string; s: number; minflt: number } | null {
  try {
    const st = readFileSync(statPath, 'utf8');
    const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
    return { comm: st.slice(st.indexOf('(') + 1, st.lastIndexOf(')')), s: (Number(f[11]) + Number(f[12])) / 100, minflt: Number(f[7]) };
  } catch {
    return null;
  }
}

/**
 * Every thread of the Chromium started with `userDataDir` and its CPU so far (a renderer's main thread is the one
 * whose id is the process's; its workers' threads are named DedicatedWorker). `cpuBetween` takes the difference.
 */
export function chromiumCpu(userDataDir: string): CpuSnapshot {
  const out: CpuSnapshot = new Map();
  const procs = new Map<number, { ppid: number; cmd: string }>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const p = readProc(Number(d));
    if (p) procs.set(Number(d), p);
  }
  const inTree = new Set<number>([...procs].filter(([, p]) => p.cmd.includes(`--user-data-dir=${userDataDir}`) && !p.cmd.includes('--type=')).map(([pid]) => pid));
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, p] of procs)
      if (!inTree.has(pid) && inTree.has(p.ppid)) {
        inTree.add(pid);
        grew = true;
      }
  }
  for (const pid of inTree) {
    const cmd = procs.get(pid)?.cmd ?? '';
    const renderer = cmd.includes('--type=renderer');
    const proc: keyof CpuSplit = cmd.includes('--type=gpu-process') ? 'gpu' : cmd.includes('--type=') ? 'utility' : 'browser';
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const t of tasks) {
      const c = cpuOf(`/proc/${pid}/task/${t}/stat`);
      if (!c) continue;
      const where: keyof CpuSplit = !renderer ? proc : Number(t) === pid ? 'page' : c.comm.startsWith('DedicatedWorker') ? 'workers' : 'rendererOther';
      out.set(`${pid}/${t}`, { where, s: c.s, faults: c.minflt, comm: c.comm });
    }
  }
  return out;
}

/** CPU seconds of each thread of one kind between two snapshots, largest first (e.g. the engine worker, then the tile worker). */
export function threadsBetween(before: CpuSnapshot, after: CpuSnapshot, where: keyof CpuSplit): number[] {
  const out: number[] = [];
  for (const [k, v] of after) if (v.where === where) out.push(v.s - (before.get(k)?.s ?? 0));
  return out.filter((s) => s >= 0.05).sort((a, b) => b - a);
}

/**
 * Fresh memory written between two snapshots, by where, in MB: minor page faults × 4 KiB (threads that started in
 * between count whole). On this machine each MB costs ~3 ms of CPU (test/bench/browser/allocReuse.ts), so it is a
 * share of the CPU, and a steadier figure than CPU time.
 */
export function faultsBetween(before: CpuSnapshot, after: CpuSnapshot): CpuSplit {
  const out: CpuSplit = { page: 0, workers: 0, rendererOther: 0, gpu: 0, utility: 0, browser: 0 };
  for (const [k, v] of after) out[v.where] += (((v.faults ?? 0) - (before.get(k)?.faults ?? 0)) * 4) / 1024;
  return out;
}

/** CPU seconds used between two snapshots, by where (threads that started in between count whole). */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): CpuSplit {
  const out: CpuSplit = { page: 0, workers: 0, rendererOther: 0, gpu: 0, utility: 0, browser: 0 };
  for (const [k, v] of after) out[v.where] += v.s - (before.get(k)?.s ?? 0);
  return out;
}

/** Sample chromiumMemory every `everyMs` and keep the peaks. */
export function memorySampler(userDataDir: string, everyMs = 250): { stop: () => ProcMem; peak: () => ProcMem } {
  const peak: ProcMem = { renderer: 0, gpu: 0, total: 0 };
  const take = () => {
    const m = chromiumMemory(userDataDir);
    peak.renderer = Math.max(peak.renderer, m.renderer);
    peak.gpu = Math.max(peak.gpu, m.gpu);
    peak.total = Math.max(peak.total, m.total);
  };
  take();
  const iv = setInterval(take, everyMs);
  return {
    peak: () => ({ ...peak }),
    stop: () => {
      clearInterval(iv);
      take();
      return { ...peak };
    },
  };
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { type?: string; functionName?: string } };
}

/**
 * The Chrome trace events recorded while `fn` runs (CDP Tracing.start with `params`, ended and drained after `fn`,
 * also when it throws).
 */
export async function traceWhile<T, E>(cdp: CDPSession, params: { categories: string; options?: string; transferMode: 'ReportEvents' }, fn: () => Promise<T>): Promise<{ value: T; events: E[] }> {
  const events: E[] = [];
  const onData = (e: { value: object[] }) => {
    events.push(...(e.value as E[]));
  };
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', params);
  let value: T;
  try {
    value = await fn();
  } finally {
    const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.end');
    await done;
    cdp.off('Tracing.dataCollected', onData);
  }
  return { value, events };
}

/**
 * Main-thread tasks of the page from a Chrome trace while `fn` runs: longest by wall time and by thread CPU time
 * (the CPU figure is robust when other processes share the 2 cores), and tasks over 100 ms CPU.
 */
export async function traceTasks<T>(
  cdp: CDPSession,
  fn: () => Promise<T>,
): Promise<{
  value: T;
  longestWall: number;
  longestCpu: number;
  cpuOver100: number;
  wallOver100: number;
  /** the three longest tasks and their parts */
  longestParts: string;
}> {
  // devtools.timeline: what a long task was made of (script, style, layout, paint, GC) for the printed breakdown
  const { value, events } = await traceWhile<T, TraceEvent>(cdp, { categories: 'toplevel,devtools.timeline,__metadata', transferMode: 'ReportEvents' }, fn);
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  let longestWall = 0;
  let longestCpu = 0;
  let cpuOver100 = 0;
  let wallOver100 = 0;
  const tasks: TraceEvent[] = [];
  for (const e of events) {
    if (e.ph !== 'X' || !/RunTask/.test(e.name) || !main.has(`${e.pid}:${e.tid}`)) continue;
    tasks.push(e);
    longestWall = Math.max(longestWall, (e.dur ?? 0) / 1000);
    const cpu = (e.tdur ?? 0) / 1000;
    longestCpu = Math.max(longestCpu, cpu);
    if (cpu > 100) cpuOver100++;
    if ((e.dur ?? 0) / 1000 > 100) wallOver100++;
  }
  return { value, longestWall: Math.round(longestWall), longestCpu: Math.round(longestCpu), cpuOver100, wallOver100, longestParts: longestParts(events, tasks) };
}

/** The three longest tasks (wall) and what each was made of, e.g. `121/52 ms: FireAnimationFrame 80/30, Paint 20/9`. */
function longestParts(events: TraceEvent[], tasks: TraceEvent[]): string {
  return [...tasks]
    .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
    .slice(0, 3)
    .map((t) => `${Math.round((t.dur ?? 0) / 1000)}/${Math.round((t.tdur ?? 0) / 1000)} ms: ${taskParts(events, t)}`)
    .join(' | ');
}

/** What a task was made of: its events by name (nested ones too), biggest wall first, as `name wall/cpu` in ms. */
function taskParts(events: TraceEvent[], task: TraceEvent): string {
  const start = task.ts ?? 0;
  const end = start + (task.dur ?? 0);
  const byName = new Map<string, { wall: number; cpu: number }>();
  for (const e of events) {
    if (e === task || e.ph !== 'X' || e.pid !== task.pid || e.tid !== task.tid || (e.ts ?? 0) < start || (e.ts ?? 0) + (e.dur ?? 0) > end) continue;
    if (!/^(FireAnimationFrame|FunctionCall|EventDispatch|TimerFire|RunMicrotasks|UpdateLayoutTree|Layout|PrePaint|Paint|Layerize|Commit|MajorGC|MinorGC|ParseHTML|EvaluateScript)$/.test(e.name)) continue;
    const name = e.name === 'EventDispatch' && e.args?.data?.type ? `EventDispatch(${e.args.data.type})` : e.name;
    const a = byName.get(name) ?? { wall: 0, cpu: 0 };
    a.wall += (e.dur ?? 0) / 1000;
    a.cpu += (e.tdur ?? 0) / 1000;
    byName.set(name, a);
  }
  return [...byName]
    .sort((x, y) => y[1].wall - x[1].wall)
    .slice(0, 6)
    .map(([n, a]) => `${n} ${Math.round(a.wall)}/${Math.round(a.cpu)}`)
    .join(', ');
}
