/**
 * Scale check of the 变化 tab, run only on request (it needs two generated 500k-parcel files and minutes):
 *   CHANGE_SCALE=500000 npx vitest run -c vitest.e2e.config.ts test/e2e/change-scale.test.ts
 * writes the two vintages of bench part (e) to a temp folder, picks them in the tab, and prints the wall time, the
 * progress texts seen and the main-thread long tasks. It prints measurements; it asserts only that the overlay
 * finishes with the matrix on screen.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changeVintagesForBench } from '../bench/changeBench';
import { traceTasks } from '../bench/browser/harness';
import { chromiumAvailable, openApp, startHarness, waitMapIdle } from './harness';

const N = Number(process.env.CHANGE_SCALE ?? 0);
/** CHANGE_SCALE_PROFILE=file.cpuprofile also writes the main thread's CPU profile of the run (DevTools format). */
const PROFILE = process.env.CHANGE_SCALE_PROFILE;

describe.skipIf(!N || !chromiumAvailable())('变化 tab at scale (on request)', () => {
  it(`overlays two vintages of ${N} parcels in the worker, progress shown`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'farmland-change-scale-'));
    const { before, after } = changeVintagesForBench(N);
    const fc = (f: unknown[]) => `{"type":"FeatureCollection","features":[\n${f.map((x) => JSON.stringify(x)).join(',\n')}\n]}\n`;
    writeFileSync(join(dir, 'before.geojson'), fc(before));
    writeFileSync(join(dir, 'after.geojson'), fc(after));
    const h = await startHarness();
    try {
      const page = await h.context.newPage();
      await page.addInitScript(() => {
        const w = window as unknown as { __long: { start: number; dur: number }[] };
        w.__long = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__long.push({ start: e.startTime, dur: Math.round(e.duration) });
        }).observe({ type: 'longtask', buffered: true });
      });
      await openApp(page, h.baseUrl, '&lang=zh');
      await page.click('[data-testid="tab-change"]');
      await page.setInputFiles('[data-testid="change-before-file"]', join(dir, 'before.geojson'));
      await page.setInputFiles('[data-testid="change-after-file"]', join(dir, 'after.geojson'));
      const t0 = await page.evaluate(() => performance.now());
      const w0 = Date.now();
      const cdp = await page.context().newCDPSession(page);
      if (PROFILE) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      const seen = new Set<string>();
      let done = false;
      // main-thread tasks from a Chrome trace: wall and thread CPU (robust on a shared machine), and their parts
      const tr = await traceTasks(cdp, async () => {
        await page.click('[data-testid="change-run"]');
        while (!done && Date.now() - w0 < 1_500_000) {
          const txt = await page.evaluate(() => document.querySelector('[data-testid="change-progress"]')?.textContent ?? null);
          if (txt) seen.add(txt);
          done = await page.evaluate(() => document.querySelectorAll('[data-testid="change-matrix"] tbody tr').length > 0);
          await new Promise((r) => setTimeout(r, 1000));
        }
        await waitMapIdle(page);
      });
      if (PROFILE) writeFileSync(PROFILE, JSON.stringify((await cdp.send('Profiler.stop')).profile));
      await cdp.detach().catch(() => undefined);
      expect(done).toBe(true);
      const longs = await page.evaluate((t) => (window as unknown as { __long: { start: number; dur: number }[] }).__long.filter((l) => l.start >= t).map((l) => [Math.round(l.start - t), l.dur]), t0);
      const tasks = { longestWallMs: tr.longestWall, longestCpuMs: tr.longestCpu, over100Cpu: tr.cpuOver100, over100Wall: tr.wallOver100, longest: tr.longestParts };
      console.log(JSON.stringify({ parcels: N, wallMs: Date.now() - w0, progressTexts: seen.size, progress: [...seen], longTasks: longs, tasks }));
    } finally {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 1_800_000);
});
