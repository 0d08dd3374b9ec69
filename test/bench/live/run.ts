/**
 * Live-update latency in the REAL dashboard (issue 6: cursor move → draw panel updated), on the demo data and on
 * a generated county (test/bench/genCounty.ts, 500k parcels by default), plus the app's load timeline there.
 *
 *   npx tsx test/bench/live/run.ts [--datasets demo,500000] [--moves 40] [--json]
 *
 * Per dataset: open the built app (vite build + preview, headless Chromium as in the e2e suite), wait until ready
 * with stats and summary in and the map idle; then zoom to 15 at a farmland point, pick the polygon tool, click
 * three vertices and move the mouse `moves` times, one event at a time. Per move: the event's own timestamp →
 * the panel's live figures (live-site's data-mu) changed, seen by a MutationObserver; also → the next frame
 * after that change, and the app's own latency (its frame → answer) and the worker's compute time.
 */
import { loadavg } from 'node:os';
import { ensureCounty } from '../genCounty';
import { type App, clearAppStorage, type LiveStats, type LoadTimeline, liveLatency, openDataset, rendererMemory, startApp } from './app';

export interface LiveDatasetResult {
  dataset: string;
  parcels: number;
  ok: boolean;
  error?: string;
  genMs?: number;
  load?: LoadTimeline;
  live?: LiveStats;
  /** Longest main-thread task while the moves were measured: wall / thread CPU (Chrome trace). */
  liveTask?: { wall: number; cpu: number };
  rendererMB?: number;
  /** The app's own renderer process (harness.ts ProcMem.page), MB. */
  pageMB?: number;
  gpuMB?: number;
  loadAvg?: [number, number];
}

export interface LiveOptions {
  /** 'demo' or a parcel count for a generated county. */
  datasets: string[];
  moves: number;
  log?: (m: string) => void;
}

const DEMO_CENTER: [number, number] = [125.91, 46.45];

export async function runLiveBench(opts: LiveOptions): Promise<LiveDatasetResult[]> {
  const log = opts.log ?? (() => undefined);
  const counties = new Map<string, ReturnType<typeof ensureCounty>>();
  for (const d of opts.datasets) {
    if (d === 'demo') continue;
    const t = performance.now();
    const c = ensureCounty({ parcels: Number(d) });
    counties.set(d, c);
    log(`  live: county of ${c.meta.parcels.toLocaleString('en-US')} parcels ${c.generated ? 'generated' : 'reused'} in ${((performance.now() - t) / 1000).toFixed(1)} s (${c.dir})`);
  }
  log('  live: building the app…');
  const app: App = await startApp(Object.fromEntries([...counties].map(([d, c]) => [`county-${d}`, c.dir])));
  const out: LiveDatasetResult[] = [];
  try {
    for (const d of opts.datasets) {
      const c = counties.get(d);
      const res: LiveDatasetResult = { dataset: d === 'demo' ? 'demo (data/demo)' : `county ${Number(d).toLocaleString('en-US')}`, parcels: c?.meta.parcels ?? 20_000, ok: false };
      const l0 = loadavg()[0];
      // this dataset's page errors only (the list is the page's, kept across datasets)
      const errors0 = app.errors.length;
      log(`  live: ${res.dataset}…`);
      try {
        // IndexedDB drafts of one dataset must not reopen in the next
        await clearAppStorage(app);
        res.load = await openDataset(app, c ? `county-${d}/manifest.json` : 'data/demo/manifest.json');
        const mem = rendererMemory(app, { page: true });
        res.rendererMB = mem.renderer;
        res.pageMB = mem.page;
        res.gpuMB = mem.gpu;
        const center = c ? c.meta.drawCenter : DEMO_CENTER;
        const live = await liveLatency(app, center, { moves: opts.moves });
        res.live = live.stats;
        res.liveTask = { wall: live.longestTaskWall, cpu: live.longestTaskCpu };
        res.ok = true;
        const errors = app.errors.slice(errors0);
        if (errors.length) res.error = `page errors: ${errors.slice(0, 2).join(' | ')}${errors.length > 2 ? ` (+${errors.length - 2} more)` : ''}`;
      } catch (e) {
        res.error = String((e as Error).message ?? e).split('\n')[0];
      }
      res.loadAvg = [Math.round(l0 * 10) / 10, Math.round(loadavg()[0] * 10) / 10];
      log(`    ${JSON.stringify({ ...res, load: res.load ? { ...res.load, events: undefined } : undefined })}`);
      out.push(res);
    }
  } finally {
    await app.close();
  }
  return out;
}

const f0 = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : Math.round(x).toLocaleString('en-US'));
const f1 = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(1));
const s = (ms: number | null | undefined) => (ms === null || ms === undefined || !Number.isFinite(ms) ? '—' : `${(ms / 1000).toFixed(1)} s`);

/** Markdown tables: live latency, and the real app's load. */
export function liveTables(rows: LiveDatasetResult[]): string {
  const out: string[] = [];
  out.push(
    '| dataset | moves (updated) | **event → panel: median / p95 / max** | event → next frame: median / p95 | input wait (event → handler): median / p95 | app (its frame → answer) median | worker compute median / p95 | longest task wall / CPU | load avg |',
  );
  out.push('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    if (!r.live) {
      out.push(`| ${r.dataset} | failed: ${r.error ?? '?'} | | | | | | | |`);
      continue;
    }
    const l = r.live;
    out.push(
      `| ${r.dataset} | ${l.moves} (${l.updated}) | ${f1(l.median)} / ${f1(l.p95)} / ${f1(l.max)} ms | ${f1(l.paintedMedian)} / ${f1(l.paintedP95)} ms | ${f1(l.dispatchMedian)} / ${f1(l.dispatchP95)} ms | ${f1(l.appMedian)} ms | ${f1(l.workerMedian)} / ${f1(l.workerP95)} ms | ${r.liveTask ? `${f0(r.liveTask.wall)} / ${f0(r.liveTask.cpu)} ms` : '—'} | ${r.loadAvg ? `${r.loadAvg[0]}→${r.loadAvg[1]}` : '—'} |`,
    );
  }
  out.push('');
  out.push('The real app loading the same data (from navigation; per layer: fetch → parse → validate → … → on the map):');
  out.push('');
  out.push('| dataset | first parcels on screen (after the 耕地 layer reached the map / after ready) | ready | stats / summary in | idle | renderers (app\'s) / GPU after load | per layer |');
  out.push('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    if (!r.load) continue;
    const L = r.load;
    const layers = L.layers
      .map((l) => `${l.id || l.label} ${s(l.doneMs - l.startMs)} (${l.phases.map((p, i) => `${p.phase} ${s((l.phases[i + 1]?.atMs ?? l.doneMs) - p.atMs)}`).join(', ')})`)
      .join('; ');
    out.push(
      `| ${r.dataset} | ${s(L.firstParcelsMs)} (${f0(L.firstParcelsAfterLayerMs)} / ${f0(L.firstParcelsMs === null ? null : L.firstParcelsMs - L.readyMs)} ms) | ${s(L.readyMs)} | ${s(L.statsMs)} / ${s(L.summaryMs)} | ${s(L.idleMs)} | ${f0(r.rendererMB)} (${f0(r.pageMB)}) / ${f0(r.gpuMB)} MB | ${layers} |`,
    );
  }
  return out.join('\n');
}

function parseArgs(argv: string[]): LiveOptions & { json: boolean } {
  const a = { datasets: ['demo', '500000'], moves: 40, json: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--json') a.json = true;
    else if (k === '--datasets') a.datasets = (argv[++i] ?? '').split(',').map((d) => (d === 'demo' ? d : String(Number(d.replace(/k$/i, '000')))));
    else if (k === '--moves') a.moves = Number(argv[++i]);
    else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const args = parseArgs(process.argv.slice(2));
  runLiveBench({ ...args, log: (m) => process.stderr.write(`${m}\n`) }).then(
    (rows) => {
      if (args.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      else process.stdout.write(`${liveTables(rows)}\n`);
      process.exit(0);
    },
    (e) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
