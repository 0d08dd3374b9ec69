/**
 * Smoke test of the large-layer path in headless Chromium: 50k synthetic parcels go through attachLargeLayer
 * (worker-cut vector tiles over the fa-tiles protocol); the overview shows aggregates, z14 shows parcels with their
 * ids, panning keeps them drawn; then the county case, 500k parcels: same checks plus the renderer under 1 GB.
 * Uses the benchmark page (test/bench/browser). Skipped when Chromium is missing.
 */
import { existsSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPage, chromiumMemory, type Launched, launch, serve } from '../bench/browser/harness';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const N = 50_000;

describe.skipIf(!existsSync(CHROMIUM))('large layer in the browser (50k parcels)', () => {
  let dir = '';
  let server: Awaited<ReturnType<typeof serve>> | null = null;
  let b: Launched | null = null;
  const errors: string[] = [];

  beforeAll(async () => {
    dir = await buildPage();
    server = await serve(dir);
    b = await launch({ width: 1024, height: 700 });
    b.page.on('pageerror', (e) => errors.push(String(e)));
    await b.page.goto(server.url);
    await b.page.waitForFunction(() => document.title === 'bench-ready', null, { timeout: 30_000 });
  }, 60_000);

  afterAll(async () => {
    await b?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('draws aggregates at the overview, parcels at z14, and keeps them while panning', async () => {
    const page = b?.page;
    if (!page) throw new Error('no page');
    // the page starts blank: the probe must see nothing before the layer is attached
    await page.evaluate(([n]) => window.bench.setup('tiles', n, 1), [N] as const);
    expect(await page.evaluate(() => window.bench.paintedShare())).toBe(0);

    const load = await page.evaluate(() => window.bench.load('tiles'));
    expect(load.firstMs).not.toBeNull();
    expect(load.idleMs).not.toBeNull();
    expect(load.info?.indexed).toBe(N);
    expect(load.zoom).toBeLessThan(load.info?.detailMinZoom ?? 0); // overview is below parcel detail …
    expect(load.painted).toBeGreaterThan(0.2); // … and shows the aggregate cells
    const overview = await page.evaluate(() => window.bench.rendered());
    expect(overview['parcels-agg']?.features ?? 0).toBeGreaterThan(10);
    expect(overview['parcels-fill']).toBeUndefined();

    const z = await page.evaluate(() => window.bench.move({ zoom: 14 }));
    expect(z.idle).toBe(true);
    const detail = await page.evaluate(() => window.bench.rendered());
    const fills = detail['parcels-fill'];
    expect(fills?.ids ?? 0).toBeGreaterThan(200); // a z14 view of 1024×700 px holds ~ 1,500 fields
    expect(fills?.maxId ?? N).toBeLessThan(N); // MVT ids are the parcels' positions in the source
    expect(await page.evaluate(() => window.bench.paintedShare())).toBeGreaterThan(0.5);

    const p = await page.evaluate(() => window.bench.move({ dx: 600, dy: 300 }));
    expect(p.idle).toBe(true);
    expect(await page.evaluate(() => window.bench.paintedShare())).toBeGreaterThan(0.5);
    expect(errors).toEqual([]);
  }, 60_000);

  it('500k parcels: load, zoom to parcels, pan — with the renderer under 1 GB', async () => {
    const page = b?.page;
    if (!page || !b) throw new Error('no page');
    await page.reload();
    await page.waitForFunction(() => document.title === 'bench-ready', null, { timeout: 30_000 });
    await page.evaluate(() => window.bench.setup('tiles', 500_000, 2));
    const load = await page.evaluate(() => window.bench.load('tiles'));
    expect(load.firstMs).not.toBeNull();
    expect(load.idleMs).not.toBeNull();
    expect(load.info?.indexed).toBe(500_000);
    expect(load.painted).toBeGreaterThan(0.2);
    const z = await page.evaluate(() => window.bench.move({ zoom: 14 }));
    expect(z.idle).toBe(true);
    const fills = (await page.evaluate(() => window.bench.rendered()))['parcels-fill'];
    expect(fills?.ids ?? 0).toBeGreaterThan(200);
    expect(fills?.maxId ?? 500_000).toBeLessThan(500_000);
    const p = await page.evaluate(() => window.bench.move({ dx: -700, dy: 200 }));
    expect(p.idle).toBe(true);
    expect(await page.evaluate(() => window.bench.paintedShare())).toBeGreaterThan(0.5);
    expect(chromiumMemory(b.userDataDir).renderer).toBeLessThan(1024);
    expect(errors).toEqual([]);
  }, 60_000);
});
