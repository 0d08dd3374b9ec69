/**
 * Scale check of the 变化 tab, run only on request (it needs two generated 500k-parcel files and minutes):
 *   CHANGE_SCALE=500000 npx vitest run -c vitest.e2e.config.ts test/e2e/change-scale.test.ts
 * writes the two vintages of bench part (e) to a temp folder, picks them in the tab, and prints the wall time, the
 * progress texts seen, the main-thread long tasks (PerformanceObserver, wall) and the main-thread tasks of a Chrome
 * trace (wall and thread CPU: the CPU figure holds when other processes share the cores). It asserts only that the
 * overlay finishes with the matrix on screen and that no shader program is compiled when the answer arrives.
 *
 * CHANGE_SCALE_BASE=<commit> measures that commit's app first (a `git archive` of it, built with this checkout's
 * node_modules) and then this checkout's, in the same run, and prints both lines and the ratios.
 * CHANGE_SCALE_PROFILE=file.cpuprofile writes this checkout's main-thread CPU profile of the run (DevTools format).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { traceTasks } from '../bench/browser/harness';
import { changeVintagesForBench } from '../bench/changeBench';
import { baseCheckout, chromiumAvailable, openApp, startHarness, waitMapIdle } from './harness';

const N = Number(process.env.CHANGE_SCALE ?? 0);
const BASE = process.env.CHANGE_SCALE_BASE;
const PROFILE = process.env.CHANGE_SCALE_PROFILE;

type W = { __long: { start: number; dur: number }[]; __atlas: { map: { painter: { programCache: { programs: object } }; querySourceFeatures(id: string): unknown[] } } };

interface Measured {
  build: string;
  matrixShown: boolean;
  wallMs: number;
  progress: string[];
  /** [start ms after the click, duration ms] of each PerformanceObserver long task */
  longTasks: number[][];
  tasks: { longestWallMs: number; longestCpuMs: number; over100Cpu: number; over100Wall: number; longest: string };
  /** shader programs MapLibre compiled between the click and the idle map after the answer */
  compiledOnArrival: string[];
  /** features of the after vintage in the map's source (0 above maxParcels, 50,000: no vintage is sent) */
  vintageFeatures: number;
}

async function measure(build: string, dir: string, root: string | undefined, profile: string | undefined): Promise<Measured> {
  const h = await startHarness({ root });
  try {
    const page = await h.context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as W;
      w.__long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__long.push({ start: e.startTime, dur: Math.round(e.duration) });
      }).observe({ type: 'longtask', buffered: true });
    });
    await openApp(page, h.baseUrl, '&lang=zh');
    await page.click('[data-testid="tab-change"]');
    await page.setInputFiles('[data-testid="change-before-file"]', join(dir, 'before.geojson'));
    await page.setInputFiles('[data-testid="change-after-file"]', join(dir, 'after.geojson'));
    // MapLibre's compiled shader programs (an internal cache; a compile blocks the main thread 0.3–0.9 s under
    // SwiftShader): the tab compiles its layers' variants when it opens, none is left for the answer's frame
    const programs = () => page.evaluate(() => Object.keys((window as unknown as W).__atlas.map.painter.programCache.programs));
    await waitMapIdle(page);
    const programs0 = await programs();
    const t0 = await page.evaluate(() => performance.now());
    const w0 = Date.now();
    const cdp = await page.context().newCDPSession(page);
    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const seen = new Set<string>();
    let done = false;
    const tr = await traceTasks(cdp, async () => {
      await page.click('[data-testid="change-run"]');
      while (!done && Date.now() - w0 < 1_500_000) {
        const txt = await page.evaluate(() => document.querySelector('[data-testid="change-progress"]')?.textContent ?? null);
        if (txt) seen.add(txt);
        done = await page.evaluate(() => document.querySelectorAll('[data-testid="change-matrix"] tbody tr').length > 0);
        await new Promise((r) => setTimeout(r, 1000));
      }
      if (done) await waitMapIdle(page);
    });
    const wallMs = Date.now() - w0;
    if (profile) writeFileSync(profile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    await cdp.detach().catch(() => undefined);
    const compiledOnArrival = (await programs()).filter((k) => !programs0.includes(k));
    const longTasks = await page.evaluate((t) => (window as unknown as W).__long.filter((l) => l.start >= t).map((l) => [Math.round(l.start - t), l.dur]), t0);
    const vintageFeatures = await page.evaluate(() => (window as unknown as W).__atlas.map.querySourceFeatures('change-after').length);
    const tasks = { longestWallMs: tr.longestWall, longestCpuMs: tr.longestCpu, over100Cpu: tr.cpuOver100, over100Wall: tr.wallOver100, longest: tr.longestParts };
    const m = { build, matrixShown: done, wallMs, progress: [...seen], longTasks, tasks, compiledOnArrival, vintageFeatures };
    console.log(JSON.stringify({ parcels: N, ...m }));
    return m;
  } finally {
    await h.close();
  }
}

describe.skipIf(!N || !chromiumAvailable())('变化 tab at scale (on request)', () => {
  it(`overlays two vintages of ${N} parcels in the worker, progress shown`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'farmland-change-scale-'));
    const { before, after } = changeVintagesForBench(N);
    const fc = (f: unknown[]) => `{"type":"FeatureCollection","features":[\n${f.map((x) => JSON.stringify(x)).join(',\n')}\n]}\n`;
    writeFileSync(join(dir, 'before.geojson'), fc(before));
    writeFileSync(join(dir, 'after.geojson'), fc(after));
    const baseRoot = BASE ? baseCheckout(BASE, 'farmland-change-base-') : undefined;
    try {
      const base = baseRoot ? await measure(`base ${BASE}`, dir, baseRoot, undefined) : undefined;
      const mine = await measure('this checkout', dir, undefined, PROFILE);
      if (base) {
        const row = (m: Measured) =>
          `  ${m.build.padEnd(22)} longest task CPU ${String(m.tasks.longestCpuMs).padStart(4)} ms, wall ${String(m.tasks.longestWallMs).padStart(4)} ms; tasks > 100 ms CPU ${m.tasks.over100Cpu}, wall ${m.tasks.over100Wall}; shaders compiled on arrival ${m.compiledOnArrival.length}`;
        console.log(
          [`变化 tab, 2 × ${N} parcels: main-thread tasks from the click to the idle map with the answer`, row(base), row(mine), `  longest task CPU ratio (this / base): ${(mine.tasks.longestCpuMs / Math.max(1, base.tasks.longestCpuMs)).toFixed(2)}`].join('\n'),
        );
      }
      expect(mine.matrixShown).toBe(true);
      expect(mine.compiledOnArrival).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      if (baseRoot) rmSync(baseRoot, { recursive: true, force: true });
    }
  }, 3_600_000);
});
