/**
 * Browser benchmark for large layers (issue 7): for each size, each path gets a fresh headless Chromium with the
 * same synthetic parcels (seeded), then
 *   first   — ms from handing the data to the path until parcels are on screen (pixel check, overview zoom)
 *   idle    — ms until the map is idle
 *   load task — longest main-thread task during the load: wall time (PerformanceObserver 'longtask') / thread CPU
 *               time (Chrome trace, 'toplevel' RunTask tdur — robust to other processes on the machine)
 *   move task — the same while zooming to z14, panning 4×, zooming out, flying elsewhere
 *   z14 idle — ms from the start of the zoom-in to idle at parcel detail
 *   renderer / gpu — peak VmRSS (MB) of Chromium's renderer processes (page + its workers) / GPU process, sampled
 *                    from /proc every 250 ms; JS heap = CDP Performance.getMetrics JSHeapUsedSize (main thread) at end
 *
 * and, unless --no-transfer, engine worker → main thread hand-over of the same parcels: GeoJSON object graph
 * (structured clone) vs packed typed arrays (transferred): delay until the main thread has them, longest main task.
 *
 *   npx tsx test/bench/browser/run.ts [--sizes 50000,200000,500000] [--paths tiles,geojson] [--seed 1] [--json]
 *                                     [--no-transfer]
 *
 * Paths: tiles (attachLargeLayer, the chosen path), geojson (plain MapLibre GeoJSON source), gvt (geojson-vt as the
 * worker's cutter — slow; add it explicitly).
 */
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { PathName } from './page';
import { buildPage, chromiumMemory, launch, memorySampler, serve, traceTasks } from './harness';

export interface BrowserBenchArgs {
  sizes: number[];
  paths: PathName[];
  seed: number;
  json: boolean;
  transfer: boolean;
}

function parseArgs(argv: string[]): BrowserBenchArgs {
  const a: BrowserBenchArgs = { sizes: [50_000, 200_000, 500_000], paths: ['tiles', 'geojson'], seed: 1, json: false, transfer: true };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    if (k === '--json') a.json = true;
    else if (k === '--no-transfer') a.transfer = false;
    else if (k === '--sizes' && v) {
      a.sizes = v.split(',').map((s) => Number(s.replace(/k$/i, '000')));
      i++;
    } else if (k === '--paths' && v) {
      a.paths = v.split(',') as PathName[];
      i++;
    } else if (k === '--seed' && v) {
      a.seed = Number(v);
      i++;
    } else throw new Error(`unknown argument ${k}`);
  }
  for (const s of a.sizes) if (!Number.isInteger(s) || s <= 0) throw new Error(`bad size ${s}`);
  for (const p of a.paths) if (!['tiles', 'geojson', 'gvt'].includes(p)) throw new Error(`bad path ${p}`);
  return a;
}

export interface CaseResult {
  size: number;
  path: PathName;
  ok: boolean;
  error?: string;
  genMs?: number;
  firstMs?: number | null;
  idleMs?: number | null;
  loadLongestTaskMs?: number;
  /** Time spent in pixel probes during load (GPU readback; excluded from the task figures). */
  probeMs?: number;
  moveLongestTaskMs?: number;
  moveTasksOver100?: number;
  /** Longest main-thread task by thread CPU time (Chrome trace), load / pan-zoom; and pan-zoom tasks over 100 ms CPU. */
  loadLongestCpuMs?: number;
  moveLongestCpuMs?: number;
  moveCpuOver100?: number;
  detailIdleMs?: number | null;
  detailPainted?: number;
  overviewZoom?: number;
  overviewPainted?: number;
  rendererPeakMB?: number;
  gpuPeakMB?: number;
  totalPeakMB?: number;
  rendererEndMB?: number;
  jsHeapMB?: number;
  detailMinZoom?: number;
  indexMs?: number;
  /** 1-minute load average of the machine at the start and end of the case (2 cores: above 2, tasks wait). */
  loadAvg?: [number, number];
}


async function runCase(url: string, size: number, path: PathName, seed: number): Promise<CaseResult> {
  const b = await launch();
  const res: CaseResult = { size, path, ok: false };
  const load0 = loadavg()[0];
  const errors: string[] = [];
  b.page.on('pageerror', (e) => errors.push(String(e)));
  let crashed = false;
  b.page.on('crash', () => {
    crashed = true;
  });
  let sampler: ReturnType<typeof memorySampler> | null = null;
  try {
    await b.page.goto(url);
    await b.page.waitForFunction(() => document.title === 'bench-ready', null, { timeout: 60_000 });
    const setup = await b.page.evaluate(([p, n, s]) => window.bench.setup(p as PathName, n as number, s as number), [path, size, seed] as const);
    res.genMs = setup.genMs;
    sampler = memorySampler(b.userDataDir);
    const cdp = await b.context.newCDPSession(b.page);
    const tl = await traceTasks(cdp, () => b.page.evaluate((p) => window.bench.load(p as PathName), path));
    const load = tl.value;
    res.loadLongestCpuMs = tl.longestCpu;
    Object.assign(res, {
      firstMs: load.firstMs,
      idleMs: load.idleMs,
      loadLongestTaskMs: load.load.longest,
      probeMs: load.load.probeMs,
      overviewZoom: load.zoom,
      overviewPainted: load.painted,
      detailMinZoom: load.info?.detailMinZoom,
      indexMs: load.info ? Math.round(load.info.ms.project + load.info.ms.index) : undefined,
    });
    const tm = await traceTasks(cdp, () => b.page.evaluate(() => window.bench.interact()));
    const move = tm.value;
    res.moveLongestCpuMs = tm.longestCpu;
    res.moveCpuOver100 = tm.cpuOver100;
    Object.assign(res, {
      moveLongestTaskMs: move.tasks.longest,
      moveTasksOver100: move.tasks.over100,
      detailIdleMs: move.detailIdleMs,
      detailPainted: move.detailPainted,
    });
    await cdp.send('Performance.enable');
    const metrics = (await cdp.send('Performance.getMetrics')).metrics;
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    res.jsHeapMB = Math.round(heap / 2 ** 20);
    res.rendererEndMB = chromiumMemory(b.userDataDir).renderer;
    res.ok = true;
  } catch (e) {
    res.error = crashed ? 'renderer crashed' : String((e as Error).message ?? e).split('\n')[0];
  } finally {
    const peak = sampler?.stop();
    if (peak) Object.assign(res, { rendererPeakMB: peak.renderer, gpuPeakMB: peak.gpu, totalPeakMB: peak.total });
    res.loadAvg = [Math.round(load0 * 10) / 10, Math.round(loadavg()[0] * 10) / 10];
    if (errors.length && !res.error) res.error = errors[0];
    await b.close();
  }
  return res;
}

const fmt = (v: number | null | undefined, unit = '') => (v === undefined ? '—' : v === null ? 'timeout' : `${v.toLocaleString('en-US')}${unit}`);

export function table(rows: CaseResult[]): string {
  const head = [
    'parcels',
    'path',
    'first parcels',
    'idle',
    'load: longest task wall / CPU',
    'pan/zoom: longest task wall / CPU',
    'pan/zoom tasks >100 ms wall / CPU',
    'z14 idle',
    'renderer peak',
    'GPU peak',
    'JS heap',
    'load avg',
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of rows) {
    if (!r.ok) {
      lines.push(`| ${r.size.toLocaleString('en-US')} | ${r.path} | failed: ${r.error} |${' |'.repeat(head.length - 3)}`);
      continue;
    }
    lines.push(
      `| ${[
        r.size.toLocaleString('en-US'),
        r.path,
        fmt(r.firstMs, ' ms'),
        fmt(r.idleMs, ' ms'),
        `${fmt(r.loadLongestTaskMs)} / ${fmt(r.loadLongestCpuMs, ' ms')}`,
        `${fmt(r.moveLongestTaskMs)} / ${fmt(r.moveLongestCpuMs, ' ms')}`,
        `${fmt(r.moveTasksOver100)} / ${fmt(r.moveCpuOver100)}`,
        fmt(r.detailIdleMs, ' ms'),
        fmt(r.rendererPeakMB, ' MB'),
        fmt(r.gpuPeakMB, ' MB'),
        fmt(r.jsHeapMB, ' MB'),
        r.loadAvg ? `${r.loadAvg[0]}→${r.loadAvg[1]}` : '—',
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

export function ratios(rows: CaseResult[]): string {
  const out: string[] = [];
  for (const size of new Set(rows.map((r) => r.size))) {
    const t = rows.find((r) => r.size === size && r.path === 'tiles' && r.ok);
    const g = rows.find((r) => r.size === size && r.path === 'geojson' && r.ok);
    if (!t || !g) continue;
    const q = (a?: number | null, b?: number | null) => (a && b ? `${(b / a).toFixed(1)}×` : '—');
    out.push(
      `${size.toLocaleString('en-US')}: geojson/tiles — first ${q(t.firstMs, g.firstMs)}, idle ${q(t.idleMs, g.idleMs)}, ` +
        `pan/zoom longest task ${q(t.moveLongestTaskMs, g.moveLongestTaskMs)}, renderer peak ${q(t.rendererPeakMB, g.rendererPeakMB)}`,
    );
  }
  return out.join('\n');
}

export interface TransferResult {
  size: number;
  mode: 'clone' | 'transfer';
  ok: boolean;
  error?: string;
  sendMs?: number;
  receiveMs?: number;
  longestTask?: number;
}

async function runTransfer(url: string, size: number): Promise<TransferResult[]> {
  const b = await launch();
  const out: TransferResult[] = [];
  try {
    await b.page.goto(url);
    await b.page.waitForFunction(() => document.title === 'bench-ready', null, { timeout: 60_000 });
    for (const mode of ['clone', 'transfer'] as const) {
      try {
        const r = await b.page.evaluate(([n, m]) => window.bench.transfer(n as number, m as 'clone' | 'transfer'), [size, mode] as const);
        if (r.features !== size) throw new Error(`received ${r.features} of ${size}`);
        out.push({ size, mode, ok: true, sendMs: r.sendMs, receiveMs: r.receiveMs, longestTask: r.longestTask });
      } catch (e) {
        out.push({ size, mode, ok: false, error: String((e as Error).message ?? e).split('\n')[0] });
      }
    }
  } finally {
    await b.close();
  }
  return out;
}

export function transferTable(rows: TransferResult[]): string {
  const lines = [
    '| parcels | engine worker → main thread | postMessage in the worker | until the main thread has it | longest main-thread task |',
    '|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const how = r.mode === 'clone' ? 'GeoJSON objects, cloned' : 'packed typed arrays, transferred';
    lines.push(
      r.ok
        ? `| ${r.size.toLocaleString('en-US')} | ${how} | ${fmt(r.sendMs, ' ms')} | ${fmt(r.receiveMs, ' ms')} | ${fmt(r.longestTask, ' ms')} |`
        : `| ${r.size.toLocaleString('en-US')} | ${how} | failed: ${r.error} | | |`,
    );
  }
  return lines.join('\n');
}

/**
 * The whole browser benchmark: build the bench page, then per size the hand-over (unless `transfer` is false)
 * and each path in a fresh Chromium. Progress through `log`.
 */
export async function runBrowserBench(args: Omit<BrowserBenchArgs, 'json'>, log: (s: string) => void = () => undefined): Promise<{ rows: CaseResult[]; transfers: TransferResult[] }> {
  log('building the bench page…');
  const dir = await buildPage();
  const server = await serve(dir);
  const rows: CaseResult[] = [];
  const transfers: TransferResult[] = [];
  try {
    if (args.transfer) {
      for (const size of args.sizes) {
        log(`  ${size} hand-over (clone vs transfer)…`);
        const t = await runTransfer(server.url, size);
        log(`    ${JSON.stringify(t)}`);
        transfers.push(...t);
      }
    }
    for (const size of args.sizes) {
      for (const path of args.paths) {
        log(`  ${size} × ${path}…`);
        const r = await runCase(server.url, size, path, args.seed);
        log(`    ${JSON.stringify(r)}`);
        rows.push(r);
      }
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows, transfers };
}

export const BROWSER_DEFAULTS: Omit<BrowserBenchArgs, 'json'> = { sizes: [50_000, 200_000, 500_000], paths: ['tiles', 'geojson'], seed: 1, transfer: true };

export const browserHeader = (seed: number) => `Synthetic parcels (seed ${seed}, 9 positions each, near 46.5° N), headless Chromium + SwiftShader, 1280×800:`;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (s: string) => {
    if (!args.json) console.log(s);
    else console.error(s);
  };
  const { rows, transfers } = await runBrowserBench(args, log);
  if (args.json) {
    console.log(JSON.stringify({ seed: args.seed, cores: (await import('node:os')).cpus().length, rows, transfers }, null, 2));
  } else {
    console.log(`\n${browserHeader(args.seed)}\n`);
    console.log(table(rows));
    console.log(`\n${ratios(rows)}`);
    if (transfers.length) console.log(`\n${transferTable(transfers)}`);
  }
}

// run as a script (not when bench.ts imports it)
if (process.argv[1] && import.meta.filename === process.argv[1]) {
  main().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
