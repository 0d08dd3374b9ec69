/**
 * End-to-end harness: build the app once with Vite into a temp folder, put the e2e fixture beside it, serve it with
 * `vite preview`, and drive Debian's Chromium through playwright-core with every non-localhost request blocked
 * (the app must work offline). Close everything at the end — a running preview server keeps Node alive.
 */
import { execFileSync, execSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { build, type PreviewServer, preview } from 'vite';
import { shrinkPng } from './pngQuantize';

export const ROOT = join(import.meta.dirname, '..', '..');
export const FIXTURE = join(ROOT, 'test', 'fixtures', 'e2e');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Harness {
  baseUrl: string;
  context: BrowserContext;
  outDir: string;
  downloads: string;
  /** Requests to anything but localhost that the page attempted (all were aborted). */
  blocked: string[];
  close(): Promise<void>;
}

/** `root`: build the app of another checkout of the repo (e.g. an earlier commit, for a before/after measurement). */
export async function startHarness(opts: { minify?: boolean; root?: string } = {}): Promise<Harness> {
  const root = opts.root ?? ROOT;
  const work = mkdtempSync(join(tmpdir(), 'farmland-e2e-'));
  const outDir = join(work, 'dist');
  await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true, sourcemap: false, minify: opts.minify ?? true } });
  cpSync(FIXTURE, join(outDir, 'fixtures', 'e2e'), { recursive: true });
  const server: PreviewServer = await preview({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'error', build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false } });
  const addr = server.httpServer.address();
  if (!addr || typeof addr === 'string') throw new Error('preview server has no port');
  const baseUrl = `http://127.0.0.1:${addr.port}/`;
  const downloads = join(work, 'downloads');
  mkdirSync(downloads);
  const context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    locale: 'zh-CN',
    args: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.protocol === 'blob:' || u.protocol === 'data:' || u.hostname === '127.0.0.1' || u.hostname === 'localhost') return route.continue();
    blocked.push(u.href);
    return route.abort('blockedbyclient');
  });
  return {
    baseUrl,
    context,
    outDir,
    downloads,
    blocked,
    async close() {
      await Promise.race([context.close(), new Promise((r) => setTimeout(r, 10_000))]);
      await new Promise<void>((r) => server.httpServer.close(() => r()));
      if (!process.env.KEEP_E2E) rmSync(work, { recursive: true, force: true });
    },
  };
}

/**
 * A checkout of `commit` in a temp folder (a `git archive` of it) that builds with this checkout's node_modules:
 * `startHarness({ root })` then serves that commit's app, for a before/after measurement in one run.
 * The caller removes the folder.
 */
export function baseCheckout(commit: string, prefix = 'farmland-base-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  execSync(`git -C ${JSON.stringify(ROOT)} archive ${commit} | tar -x -C ${JSON.stringify(dir)}`);
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

export const chromiumAvailable = () => existsSync(CHROMIUM);

/** Poppler's pdftoppm is there (Debian poppler-utils): the PDF checks render pages with it. */
export const hasPdftoppm = (() => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Console errors and uncaught exceptions of a page, collected into `errors` (every e2e expects none). */
export function collectErrors(page: Page, errors: string[] = []): string[] {
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

/** A point inside the fixture's first 耕地 parcel (the centre of its first ring's bounding box: the parcels are boxes). */
export function firstParcelPoint(): [number, number] {
  const fc = JSON.parse(readFileSync(join(FIXTURE, 'cultivated.geojson'), 'utf8')) as { features: { geometry: { type: string; coordinates: number[][][] | number[][][][] } }[] };
  const g = fc.features[0].geometry;
  const ring = (g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0]) as number[][];
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}

/** Open the app on the e2e fixture and wait until every layer is on the map and the map is idle. */
export async function openApp(page: Page, baseUrl: string, query = '', manifest: string | null = 'fixtures/e2e/manifest.json'): Promise<void> {
  await page.goto(`${baseUrl}?${manifest ? `manifest=${manifest}` : ''}${query}`);
  await page.waitForFunction(() => {
    const w = window as unknown as { __atlas?: { store: { getState(): { status: string; stats: unknown[] } } } };
    return w.__atlas?.store.getState().status === 'ready' && w.__atlas.store.getState().stats.length > 0;
  }, undefined, { timeout: 120_000 });
  await waitMapIdle(page);
}

/** Wait for the map to finish rendering (a fresh 'idle' after the call). */
export async function waitMapIdle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const w = window as unknown as { __atlas: { map: { loaded(): boolean; once(e: string, f: () => void): void; triggerRepaint(): void; areTilesLoaded(): boolean } } };
        const map = w.__atlas.map;
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );
}

/**
 * Pixels of the map canvas (every 4th): `painted` counts saturated ones — farmland fills and red lines, not the
 * greyish background, township fills or roads — and `byColor` is a coarse colour histogram.
 */
export async function mapPixelStats(page: Page): Promise<{ total: number; painted: number; byColor: Record<string, number> }> {
  return page.evaluate(() => {
    const w = window as unknown as { __atlas: { map: { getCanvas(): HTMLCanvasElement } } };
    const src = w.__atlas.map.getCanvas();
    const c = document.createElement('canvas');
    c.width = src.width;
    c.height = src.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(src, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    const byColor: Record<string, number> = {};
    for (let i = 0; i < d.length; i += 16) {
      const sat = Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]);
      if (sat > 40) painted++;
      const key = `${d[i] >> 4},${d[i + 1] >> 4},${d[i + 2] >> 4}`;
      byColor[key] = (byColor[key] ?? 0) + 1;
    }
    return { total: d.length / 16, painted, byColor };
  });
}

/**
 * Save a screenshot for the docs: the map settled, then reduced to a 256-colour indexed PNG (pngQuantize.ts) so
 * the committed images stay small; the UI is flat colours, so nothing visible is lost.
 */
export async function saveScreenshot(page: Page, path: string): Promise<void> {
  mkdirSync(join(path, '..'), { recursive: true });
  await waitMapIdle(page);
  const png = await page.screenshot();
  writeFileSync(path, shrinkPng(new Uint8Array(png)));
}
