/**
 * Who uses the two cores while the app loads a county, second by second (issue 14 item 8: ready ≤ 8 s). Untraced: every
 * Chromium thread's CPU from /proc, sampled every 250 ms from navigation to ready, and this process (the one
 * `vite preview` serves the files from). Prints one row per busy thread — its share of a core in each half second
 * — then the whole machine's busy share (/proc/stat), and the app's milestones on the same clock.
 *
 *   npx tsx test/bench/live/cpuTimeline.ts [--parcels 500000] [--rounds 1]
 */
import { readFileSync } from 'node:fs';
import { chromiumCpu, type CpuSnapshot } from '../browser/harness';
import { ensureCounty } from '../genCounty';
import { numberArg } from '../numberArg';
import { clearAppStorage, openDataset, startApp } from './app';

const BIN_MS = 500;

/** Busy and total jiffies of the whole machine (/proc/stat's first line). */
function machine(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + f[4];
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

interface Sample {
  atMs: number;
  threads: CpuSnapshot;
  nodeS: number;
  machine: { busy: number; total: number };
}

async function main(): Promise<void> {
  const parcels = numberArg('parcels', 500_000);
  const rounds = numberArg('rounds', 1);
  const dir = ensureCounty({ parcels }).dir;
  const app = await startApp({ [`county-${parcels}`]: dir });
  try {
    for (let round = 1; round <= rounds; round++) {
      await clearAppStorage(app);
      await app.page.goto('about:blank');
      const samples: Sample[] = [];
      const t0 = performance.now();
      const take = () => {
        const u = process.cpuUsage();
        samples.push({ atMs: performance.now() - t0, threads: chromiumCpu(app.profile), nodeS: (u.user + u.system) / 1e6, machine: machine() });
      };
      take();
      const timer = setInterval(take, 250);
      const navAt = performance.now() - t0;
      const load = await openDataset(app, `county-${parcels}/manifest.json`, { firstParcels: false });
      clearInterval(timer);
      take();
      print(samples, navAt, load.readyMs, load.layers.map((l) => ({ label: l.label, phases: l.phases })), round);
    }
  } finally {
    await app.close();
  }
}

function print(samples: Sample[], navAt: number, readyMs: number, layers: { label: string; phases: { phase: string; atMs: number }[] }[], round: number): void {
  const end = samples[samples.length - 1].atMs;
  const bins = Math.ceil((end - navAt) / BIN_MS);
  // CPU s of each thread in each bin (sample deltas, put in the bin of the sample's end)
  const rows = new Map<string, number[]>();
  const add = (key: string, bin: number, s: number) => {
    const row = rows.get(key) ?? new Array<number>(bins).fill(0);
    rows.set(key, row);
    if (bin >= 0 && bin < bins) row[bin] += s;
  };
  const names = new Map<string, string>();
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1];
    const b = samples[i];
    const bin = Math.floor((b.atMs - navAt - 1) / BIN_MS);
    for (const [k, v] of b.threads) {
      const name = `${v.where} ${v.comm ?? ''} ${k.split('/')[1]}`;
      names.set(k, name);
      add(name, bin, v.s - (a.threads.get(k)?.s ?? 0));
    }
    add('bench process (vite preview)', bin, b.nodeS - a.nodeS);
  }
  console.log(`\nround ${round}: ready ${(readyMs / 1000).toFixed(1)} s (page clock); columns: ${BIN_MS} ms from navigation, % of one core`);
  const cell = (v: number) => String(Math.round((v / (BIN_MS / 1000)) * 100)).padStart(4);
  const busy = [...rows].filter(([, r]) => r.reduce((x, y) => x + y, 0) >= 0.3).sort((x, y) => y[1].reduce((p, q) => p + q, 0) - x[1].reduce((p, q) => p + q, 0));
  console.log(`${'t (s)'.padEnd(44)}${Array.from({ length: bins }, (_, i) => String(((i + 1) * BIN_MS) / 1000).padStart(4)).join('')}  total s`);
  for (const [k, r] of busy) console.log(`${k.slice(0, 43).padEnd(44)}${r.map(cell).join('')}  ${r.reduce((x, y) => x + y, 0).toFixed(1)}`);
  // whole machine (both cores, every process, others' jobs too): % of 2 cores
  const m = new Array<number>(bins).fill(0);
  const mt = new Array<number>(bins).fill(0);
  for (let i = 1; i < samples.length; i++) {
    const bin = Math.floor((samples[i].atMs - navAt - 1) / BIN_MS);
    if (bin < 0 || bin >= bins) continue;
    m[bin] += samples[i].machine.busy - samples[i - 1].machine.busy;
    mt[bin] += samples[i].machine.total - samples[i - 1].machine.total;
  }
  console.log(`${'machine busy, % of all cores'.padEnd(44)}${m.map((v, i) => String(Math.round((100 * v) / Math.max(1, mt[i]))).padStart(4)).join('')}`);
  for (const l of layers) console.log(`  ${l.label}: ${l.phases.map((p) => `${p.phase} at ${(p.atMs / 1000).toFixed(1)} s`).join(', ')}`);
  console.log(`  ready at ${(readyMs / 1000).toFixed(1)} s`);
}

void main();
