/**
 * The dashboard on the bundled demo data (data/demo, ~20k 耕地 parcels), as `npm start` / the built site serve
 * it: default manifest, offline. Checks the figures against `farmland summary` on the same files, measures
 * main-thread long tasks while a user works the map after loading, and saves the README screenshots (zh, en).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatArea } from '../../src/core/area/units';
import { loadLayerFromGeoJson } from '../../src/core/engine/loadLayer';
import { runCli } from '../../src/cli/main';
import { chromiumAvailable, type Harness, mapPixelStats, openApp, ROOT, saveScreenshot, startHarness, waitMapIdle } from './harness';
import { fakeIO } from '../helpers/fakeIO';
import { traceTasks } from '../bench/browser/harness';
import { demoInteraction, fitCounty } from '../bench/live/dashboardTasks';

const DEMO = join(ROOT, 'data', 'demo');
const SHOTS = join(ROOT, 'docs', 'screenshots');

async function cliSummary(): Promise<{ layers: { kind: string; file: string; features: number; area_m2: number; net_m2: number }[]; conflicts?: { a: string; b: string; area_m2?: number; areaM2?: number }[] }> {
  const f = fakeIO({}, { now: new Date('2026-01-01T00:00:00Z'), fallback: (p) => new Uint8Array(readFileSync(p)) });
  const code = await runCli(['summary', '--manifest', join(DEMO, 'manifest.json'), '--json'], f.io);
  expect(code, f.err()).toBeLessThanOrEqual(1);
  return JSON.parse(f.out());
}

const shot = (page: Page, name: string) => saveScreenshot(page, join(SHOTS, `${name}.png`));

const longTasksSince = (page: Page, since: number) =>
  page.evaluate((t) => (window as unknown as { __long: { start: number; dur: number }[] }).__long.filter((l) => l.start >= t).map((l) => l.dur), since);

describe.skipIf(!chromiumAvailable() || !existsSync(join(DEMO, 'manifest.json')))('dashboard on the demo data', () => {
  let h: Harness;
  let page: Page;
  let cli: Awaited<ReturnType<typeof cliSummary>>;
  const errors: string[] = [];
  /** MapLibre's compiled shader programs (an internal cache: a compile blocks the main thread 0.3–0.8 s here). */
  const programs = () => page.evaluate(() => Object.keys((window as unknown as { __atlas: { map: { painter: { programCache: { programs: object } } } } }).__atlas.map.painter.programCache.programs).sort());
  let programsAfterLoad: string[] = [];

  beforeAll(async () => {
    cli = await cliSummary();
    h = await startHarness();
    page = await h.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    // MapLibre reports a failed tile (e.g. a detached buffer from the tile protocol) on the console, not as a throw
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    await page.addInitScript(() => {
      const w = window as unknown as { __long: { start: number; dur: number }[] };
      w.__long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__long.push({ start: e.startTime, dur: Math.round(e.duration) });
      }).observe({ type: 'longtask', buffered: true });
    });
    const t0 = Date.now();
    await openApp(page, h.baseUrl, 'lang=zh', null);
    console.log(`demo: ready after ${Date.now() - t0} ms (build served by vite preview, SwiftShader WebGL)`);
    // the screenshots here are of the dashboard: fold the project-drawing panel away when it is open (best effort)
    const drawClose = page.locator('[data-testid="draw-panel"] button[aria-label="收起"], [data-testid="draw-panel"] button[aria-label="Hide"]');
    if (await drawClose.count()) await drawClose.first().click();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('loads every layer offline and shows the totals of `farmland summary`', async () => {
    expect(h.blocked).toEqual([]);
    expect(errors).toEqual([]);
    const px = await mapPixelStats(page);
    expect(px.painted / px.total).toBeGreaterThan(0.1);
    const ui = await page.evaluate(() => {
      const s = (window as unknown as { __atlas: { store: { getState(): { summary: { layers: { file: string; features: number; area: { m2: number } }[] } } } } }).__atlas.store.getState();
      return s.summary.layers.map((l) => [l.file, l.features, l.area.m2]);
    });
    // same parcels; areas equal to ~1e-12 relative: the browser's V8 and Node's may differ in the last bit of
    // Math.sin/log inside the overlay, which can move a layer total by one 2⁻¹⁰ m² quantum
    const byFile = new Map(ui.map((r) => [r[0], r]));
    for (const l of cli.layers) {
      const u = byFile.get(l.file)!;
      expect(u[1]).toBe(l.features);
      expect(Math.abs((u[2] as number) - l.area_m2)).toBeLessThanOrEqual(Math.max(0.01, l.area_m2 * 1e-9));
    }
    expect(ui).toHaveLength(cli.layers.length);
    const cultivated = cli.layers.find((l) => l.kind === 'cultivated')!;
    // the card is on the default basis, 地类面积 (net of 田坎)
    expect(Math.abs(Number(await page.getByTestId('total-cultivated').getAttribute('data-m2')) - cultivated.net_m2)).toBeLessThanOrEqual(cultivated.net_m2 * 1e-9);
    await shot(page, 'dashboard-zh');
    programsAfterLoad = await programs();
    // the shader warm-up layers (programWarmup.ts) are gone once their programs are compiled
    const warm = await page.evaluate(() => (window as unknown as { __atlas: { map: { getStyle(): { layers: { id: string }[] } } } }).__atlas.map.getStyle().layers.filter((l) => /warm/.test(l.id)).map((l) => l.id));
    expect(warm).toEqual([]);
  });

  it('inspects a 永久基本农田 parcel: the area shown is the engine’s', async () => {
    const layer = loadLayerFromGeoJson('permanent-basic', 'permanent-basic.geojson', readFileSync(join(DEMO, 'permanent-basic.geojson'))).layer;
    const parcel = layer.parcels[Math.floor(layer.parcels.length / 2)];
    await page.evaluate((b) => (window as unknown as { __atlas: { store: { getState(): { fitTo(b: number[]): void } } } }).__atlas.store.getState().fitTo(b), parcel.bbox);
    await waitMapIdle(page);
    // the parcel's own interior point: its first ring's centroid is inside for the demo's convex-ish parcels
    const ring = (parcel.geometry.type === 'Polygon' ? parcel.geometry.coordinates[0] : parcel.geometry.coordinates[0][0]).slice(0, -1);
    const c = ring.reduce((a, p) => [a[0] + p[0] / ring.length, a[1] + p[1] / ring.length], [0, 0]);
    const p = await page.evaluate((ll) => (window as unknown as { __atlas: { map: { project(c: number[]): { x: number; y: number } } } }).__atlas.map.project(ll), c);
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.click(box.x + p.x, box.y + p.y);
    const hit = page.locator('[data-testid="inspect-hit"][data-layer-id="permanent-basic"]');
    await expect.poll(() => hit.count(), { timeout: 30_000 }).toBe(1);
    expect(Number(await hit.getAttribute('data-area-m2'))).toBe(parcel.areaM2);
    await expect(hit.getByTestId('inspect-area').textContent()).resolves.toBe(formatArea(parcel.areaM2, 'mu', 2, 'zh'));
    await shot(page, 'inspect-zh');
    await page.getByTestId('lang-en').click();
    await shot(page, 'inspect-en');
    await page.getByTestId('lang-zh').click();
    await page.getByRole('button', { name: '关闭' }).click();
  });

  it('after loading, working the map keeps main-thread tasks short (measured)', async () => {
    // back to the county, settle, then interact like a user (the same interaction as `npm run bench`'s part (d))
    await fitCounty(page);
    const since = await page.evaluate(() => performance.now());
    // the same tasks from a Chrome trace: thread CPU time (the page's own work) beside the wall time above
    const cdp = await page.context().newCDPSession(page);
    const traced = await traceTasks(cdp, () => demoInteraction(page));
    await cdp.detach();
    const tasks = await longTasksSince(page, since);
    const max = Math.max(0, ...tasks);
    console.log(`demo: long tasks after load during interaction: n=${tasks.length} max=${max} ms all=${JSON.stringify(tasks)}`);
    console.log(`demo: traced main-thread tasks: longest ${traced.longestWall} ms wall, longest ${traced.longestCpu} ms CPU, ${traced.cpuOver100} over 100 ms CPU`);
    console.log(`demo: the longest tasks (wall/CPU) and what they were made of: ${traced.longestParts}`);
    // The budget is 100 ms. The page's own work per task (thread CPU time, robust to other jobs on the box)
    // is asserted within it. Wall time is proven by the benchmark, not asserted at the budget here (CI machines are
    // shared): under SwiftShader (software WebGL) each map frame of the demo county costs the GPU process ~0.5 s of
    // CPU on the same two cores, and meanwhile the main thread waits in the run queue (/proc schedstat), so a
    // 20–35 ms CPU task reads 40–100 ms wall on a quiet box and more with other jobs (`npm run bench`, part (d):
    // the same interaction in fresh pages, figures in the README). The wall bounds below catch regressions of the
    // kind fixed (0.3–8 s tasks from shader compiles, data-driven paint re-uploads, tile decoding for hover).
    const median = [...tasks].sort((a, b) => a - b)[Math.floor(tasks.length / 2)] ?? 0;
    expect(traced.cpuOver100).toBe(0);
    expect(max).toBeLessThan(300);
    expect(median).toBeLessThan(150);
    if (await page.getByRole('button', { name: '关闭' }).count()) await page.getByRole('button', { name: '关闭' }).click();
    await shot(page, 'region-zh');
  });

  it('English, with the same figures; layer panel with grade colouring', async () => {
    await page.getByTestId('region-select').selectOption('');
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('tab-stats').textContent()).toBe('Statistics');
    const cultivated = cli.layers.find((l) => l.kind === 'cultivated')!;
    await expect.poll(async () => Math.abs(Number(await page.getByTestId('total-cultivated').getAttribute('data-m2')) - cultivated.net_m2) <= cultivated.net_m2 * 1e-9).toBe(true);
    await page.locator('.tab-body').evaluate((e) => e.scrollTo(0, 0));
    await shot(page, 'dashboard-en');
    await page.getByTestId('tab-layers').click();
    await page.getByLabel('By quality grade').check();
    await shot(page, 'layers-grade-en');
    await page.getByLabel('By layer').check();
    await page.getByTestId('lang-zh').click();
    await page.getByTestId('tab-layers').click();
    await shot(page, 'layers-zh');
    // every shader variant used since (parcels, outlines, grade colouring, a township) was compiled during load
    expect(await programs()).toEqual(programsAfterLoad);
    expect(errors).toEqual([]);
    expect(h.blocked).toEqual([]);
  });

  it('place names sit on their points as text, never overlap; villages only from z11.5; labels out of view are hidden', async () => {
    const places = (JSON.parse(readFileSync(join(DEMO, 'places.geojson'), 'utf8')) as { features: { geometry: { coordinates: [number, number] }; properties: { name: string; kind: string } }[] }).features;
    // per label element: its text, class, whether it can be seen, its place's screen point, and its box (a hidden
    // label is measured through a probe of the same class and text, centred on its point)
    const read = () =>
      page.evaluate((pts) => {
        const w = window as unknown as { __atlas: { map: { project(c: [number, number]): { x: number; y: number }; getContainer(): HTMLElement } } };
        const map = w.__atlas.map;
        const box = map.getContainer().getBoundingClientRect();
        const root = map.getContainer().querySelector<HTMLElement>('.place-labels')!;
        const els = [...root.querySelectorAll<HTMLElement>('.place-label')];
        return els.map((el, i) => {
          const p = map.project(pts[i].geometry.coordinates);
          const cs = getComputedStyle(el);
          const seen = cs.display !== 'none' && cs.visibility !== 'hidden';
          let r = el.getBoundingClientRect();
          if (!seen) {
            const probe = document.createElement('div');
            probe.className = el.className;
            probe.textContent = el.textContent;
            probe.style.visibility = 'hidden';
            root.appendChild(probe);
            const q = probe.getBoundingClientRect();
            probe.remove();
            r = new DOMRect(box.left + p.x - q.width / 2, box.top + p.y - q.height / 2, q.width, q.height);
          }
          return {
            text: el.textContent,
            html: el.innerHTML === el.textContent,
            kind: el.className,
            seen,
            inView: p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height,
            off: Math.hypot(r.left + r.width / 2 - box.left - p.x, r.top + r.height / 2 - box.top - p.y),
            r: [r.left, r.top, r.right, r.bottom],
          };
        });
      }, places);
    const meet = (a: number[], b: number[]) => a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1];
    const check = (labels: Awaited<ReturnType<typeof read>>, villagesShown: boolean) => {
      const seen = labels.filter((l) => l.seen);
      for (const l of seen) expect(l.off).toBeLessThan(1);
      for (let i = 0; i < seen.length; i++) for (let j = i + 1; j < seen.length; j++) expect(meet(seen[i].r, seen[j].r), `${seen[i].text} / ${seen[j].text}`).toBe(false);
      for (const [i, l] of labels.entries()) {
        expect(l.kind).toBe(`place-label place-${places[i].properties.kind}`);
        if (!villagesShown && places[i].properties.kind === 'village') expect(l.seen).toBe(false);
        // a label in view and of a shown kind is seen, or left out for one it would cover
        else if (l.inView && !l.seen) expect(seen.some((o) => meet(o.r, l.r)), l.text ?? '').toBe(true);
      }
      return seen.length;
    };
    const jump = async (zoom: number, at: [number, number]) => {
      await page.evaluate(([z, c]) => void (window as unknown as { __atlas: { map: { jumpTo(o: object): void } } }).__atlas.map.jumpTo({ center: c, zoom: z }), [zoom, at] as const);
      await waitMapIdle(page);
    };
    const town = places.find((p) => p.properties.kind === 'county-town')!;
    await jump(10.2, town.geometry.coordinates);
    const far = await read();
    expect(far.map((l) => l.text)).toEqual(places.map((p) => p.properties.name));
    expect(far.every((l) => l.html)).toBe(true);
    expect(check(far, false)).toBeGreaterThanOrEqual(4);
    for (const zoom of [12.2, 13]) {
      await jump(zoom, town.geometry.coordinates);
      const near = await read();
      expect(check(near, true)).toBeGreaterThanOrEqual(4);
      expect(near.some((l, i) => places[i].properties.kind === 'village' && l.seen)).toBe(true);
      // most of the county's labels are far outside these views: hidden, and no longer moved every frame
      expect(near.filter((l) => !l.seen && !l.inView).length).toBeGreaterThan(places.length / 3);
    }
  });

  // last: its canvas captures leave megabytes of garbage whose collection would land in the measured interaction
  it('draws each tile clipping mask once per tile set, not per source — with the same pixels as MapLibre alone', async () => {
    type Masks = { status(): { status: string; drawn: number; reused: number }; set(on: boolean): void };
    const masks = () => page.evaluate(() => (window as unknown as { __atlas: { clippingMasks: Masks } }).__atlas.clippingMasks.status());
    expect((await masks()).status).toBe('active');
    const canvas = async (reuse: boolean) => {
      await page.evaluate((on) => (window as unknown as { __atlas: { clippingMasks: Masks } }).__atlas.clippingMasks.set(on), reuse);
      await waitMapIdle(page);
      return page.evaluate(() => (window as unknown as { __atlas: { map: { getCanvas(): HTMLCanvasElement } } }).__atlas.map.getCanvas().toDataURL());
    };
    const center = await page.evaluate(() => (window as unknown as { __atlas: { map: { getCenter(): { lng: number; lat: number } } } }).__atlas.map.getCenter());
    // the county's overview (every layer's aggregates and parcels), then parcels with outlines past the tiles' max zoom
    for (const zoom of [10.1, 12.3, 15.6]) {
      await page.evaluate(
        ([lng, lat, z]) => (window as unknown as { __atlas: { map: { jumpTo(o: object): void } } }).__atlas.map.jumpTo({ center: [lng + 0.013, lat - 0.007], zoom: z }),
        [center.lng, center.lat, zoom],
      );
      await waitMapIdle(page);
      const before = await masks();
      const reused = await canvas(true);
      const after = await masks();
      const plain = await canvas(false);
      expect(reused === plain, `zoom ${zoom}: pixels differ with clipping masks reused`).toBe(true);
      // masks of later sources were skipped, and fewer drawn than skipped (15 sources over the same tiles)
      expect(after.reused - before.reused).toBeGreaterThan(after.drawn - before.drawn);
    }
    await page.evaluate(() => (window as unknown as { __atlas: { clippingMasks: Masks } }).__atlas.clippingMasks.set(true));
  });
});
