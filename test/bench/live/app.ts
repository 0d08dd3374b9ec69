/**
 * Driving the REAL built dashboard (not the bench page) for the benchmark and the county-scale e2e test: build +
 * `vite preview` + Chromium through test/e2e/harness.ts, a dataset folder mounted beside the build, in-page
 * probes installed before the app's own scripts (load timeline from the app store, frames, long tasks), first
 * parcels on screen from a CDP screencast (nothing runs in the page for it), and the live-update latency of the
 * draw panel: mouse event → the live figures in the panel changed (a MutationObserver on the panel, read against
 * the event's own timestamp).
 *
 * Functions passed to page.evaluate / addInitScript are serialised: they must not close over module scope. Under
 * tsx (esbuild keepNames) nested named functions get wrapped in `__name(...)`, so a no-op `__name` is defined in
 * the page first.
 */
import { existsSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { type Harness, startHarness } from '../../e2e/harness';
import { decodePng } from '../../e2e/pngQuantize';
import { chromiumMemory, type ProcMem, traceTasks } from '../browser/harness';

export interface App {
  h: Harness;
  page: Page;
  /** Chromium profile folder (for process memory from /proc). */
  profile: string;
  errors: string[];
  /** Set when the page's renderer crashed (e.g. out of memory). */
  crashed: { at?: number };
  close(): Promise<void>;
}

/**
 * Build the app, serve it, open one page with the probes installed. `mounts`: URL folder name → local folder;
 * `root`: another checkout to build (e2e/harness.ts baseCheckout), for a before/after in one run; `minify: false`
 * keeps the build's names readable (for profiles).
 */
export async function startApp(mounts: Record<string, string> = {}, root?: string, opts: { minify?: boolean } = {}): Promise<App> {
  const h = await startHarness({ ...(root ? { root } : {}), ...opts });
  for (const [name, dir] of Object.entries(mounts)) mountDataset(h, name, dir);
  const page = await h.context.newPage();
  const errors: string[] = [];
  const crashed: { at?: number } = {};
  page.on('crash', () => {
    crashed.at = Date.now();
  });
  // Uncaught exceptions and unhandled rejections with where they were thrown, from CDP (the same events Playwright's
  // 'pageerror' comes from — but a rejection with no value, e.g. `Promise.reject()`, reaches 'pageerror' as ": undefined"
  // with no stack). The session lives as long as the page, across navigations; 'pageerror' only if it cannot attach.
  const cdp = await h.context.newCDPSession(page).catch(() => null);
  if (cdp && (await cdp.send('Runtime.enable').then(() => true, () => false)))
    cdp.on('Runtime.exceptionThrown', (e: { exceptionDetails: ExceptionDetails }) => errors.push(describeException(e.exceptionDetails)));
  else page.on('pageerror', (e) => errors.push(`${e?.name ?? 'error'}: ${String(e?.stack || e?.message || e) || '(no message)'}`.split('\n').slice(0, 3).join(' ')));
  await installProbes(page);
  return {
    h,
    page,
    profile: join(dirname(h.outDir), 'profile'),
    errors,
    crashed,
    close: () => h.close(),
  };
}

/** The part of CDP's Runtime.ExceptionDetails read here (playwright-core does not export its protocol types). */
interface ExceptionDetails {
  text: string;
  url?: string;
  lineNumber: number;
  columnNumber: number;
  exception?: { type: string; className?: string; description?: string; value?: unknown };
  stackTrace?: { callFrames: { functionName: string; url: string; lineNumber: number; columnNumber: number }[] };
}

/**
 * "Uncaught (in promise): undefined at f (http://…/assets/index.js:12:34) ← g (…)": the value's first line and up to
 * three frames. A script run by page.evaluate has no URL: "(evaluated script)" — the bench's own code, not the app's.
 */
export function describeException(d: ExceptionDetails): string {
  const ex = d.exception;
  const what = ex?.description?.split('\n')[0] ?? (ex && 'value' in ex ? JSON.stringify(ex.value) : ex?.type) ?? '?';
  const at = (fn: string, url: string | undefined, line: number, col: number) => `${fn || '(anonymous)'} (${url || '(evaluated script)'}:${line + 1}:${col + 1})`;
  const frames = d.stackTrace?.callFrames.slice(0, 3).map((f) => at(f.functionName, f.url, f.lineNumber, f.columnNumber)) ?? [];
  return `${d.text}: ${what} at ${frames.length ? frames.join(' ← ') : at('', d.url, d.lineNumber, d.columnNumber)}`;
}

/**
 * Forget what the app stored in IndexedDB (drafts, scenarios), so a dataset does not reopen the previous one's
 * draft. Leaves the page on about:blank (which closes the app's connections, so the deletion is not blocked) and
 * clears from the browser side: a page script cannot do it there — on about:blank `indexedDB.databases()` rejects
 * with a SecurityError and Chromium also reports an unhandled rejection of `undefined` ("page errors: : undefined").
 */
export async function clearAppStorage(app: App): Promise<void> {
  await app.page.goto('about:blank');
  const cdp = await app.h.context.newCDPSession(app.page);
  try {
    await cdp.send('Storage.clearDataForOrigin', { origin: new URL(app.h.baseUrl).origin, storageTypes: 'indexeddb' });
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Serve `dir` at `<base>/<name>/` (a symlink inside the build folder: nothing is copied). */
export function mountDataset(h: Harness, name: string, dir: string): void {
  const at = join(h.outDir, name);
  if (!existsSync(at)) symlinkSync(dir, at, 'dir');
}

export async function installProbes(page: Page): Promise<void> {
  await page.addInitScript('globalThis.__name = globalThis.__name || ((f) => f);');
  await page.addInitScript(keepE2eParam);
  await page.addInitScript(pageProbes);
}

/**
 * The app's URL sync (src/app/urlState.ts syncUrl) rewrites the query with replaceState ~250 ms after the first
 * store change and drops `e2e`, while the draw panel reads `?e2e` only when its session starts (after the data is
 * loaded) to expose `window.__draw` — so with ?e2e=1 the hook never appears. Until the app keeps the flag, this
 * shim keeps `e2e=1` in every replaceState URL of a page opened with it.
 */
function keepE2eParam(): void {
  if (!new URLSearchParams(window.location.search).has('e2e')) return;
  const orig = history.replaceState.bind(history);
  history.replaceState = (data: unknown, unused: string, url?: string | URL | null) => {
    if (url === undefined || url === null) return orig(data, unused, url);
    const u = new URL(String(url), window.location.href);
    if (!u.searchParams.has('e2e')) u.searchParams.set('e2e', '1');
    return orig(data, unused, `${u.pathname}${u.search}${u.hash}`);
  };
}

export interface ProbeEvent {
  at: number;
  what: string;
}

export interface LongTask {
  start: number;
  duration: number;
}

/** What the in-page probe keeps (window.__probe). Times are the page's performance.now() (0 = navigation). */
export interface ProbeState {
  events: ProbeEvent[];
  longtasks: LongTask[];
  /** Times of the map's 'render' events (frames drawn). */
  frames: number[];
}

/** In the page, before the app runs: long-task observer, the app store's milestones, the map's frames and idles. */
function pageProbes(): void {
  type Store = { getState(): AppLike; subscribe(f: (s: AppLike, p: AppLike) => void): () => void };
  type AppLike = {
    status: string;
    progress?: { label: string; progress?: { phase?: string } };
    layers: { info: { id: string } }[];
    stats: unknown[];
    summary?: unknown;
    regions: unknown[];
  };
  type MapLike = { on(e: string, f: () => void): void };
  const w = window as unknown as { __probe?: ProbeState; __atlas?: { store: Store; map: MapLike } };
  const st: ProbeState = { events: [], longtasks: [], frames: [] };
  w.__probe = st;
  const note = (what: string) => st.events.push({ at: performance.now(), what });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) st.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long-task API: figures stay empty
  }
  const iv = setInterval(() => {
    const a = w.__atlas;
    if (!a) return;
    clearInterval(iv);
    note('map');
    let prev = a.store.getState();
    const progressKey = (s: AppLike) => (s.progress ? `${s.progress.label}|${s.progress.progress?.phase ?? ''}` : '');
    a.store.subscribe((s) => {
      if (s.status !== prev.status) note(`status:${s.status}`);
      const pk = progressKey(s);
      if (pk && pk !== progressKey(prev)) note(`progress:${pk}`);
      if (s.layers !== prev.layers) for (const l of s.layers) if (!prev.layers.some((p) => p.info.id === l.info.id)) note(`layer:${l.info.id}`);
      if (s.stats !== prev.stats && s.stats.length) note('stats');
      if (s.summary !== prev.summary && s.summary) note('summary');
      if (s.regions !== prev.regions && s.regions.length) note('regions');
      prev = s;
    });
    a.map.on('idle', () => note('idle'));
    a.map.on('render', () => st.frames.push(performance.now()));
  }, 5);
}

/**
 * First parcels on screen, watched from outside the page: a CDP screencast delivers the frames the compositor
 * produces (PNG, ≤ 480 px wide, with their capture time), and the first frame whose saturated pixels cover ≥ 0.5 %
 * of the map's right part (clear of the sidebar and the floating draw panel) counts. Nothing runs in the page, so
 * the load is not slowed by readbacks (an in-page canvas readback cost up to 2 s a frame under SwiftShader here).
 * The frames are only kept while the page loads and decoded in `result()`: decoding each as it came took this
 * process's event loop — the one `vite preview` serves the data from — and the 500k county's files then arrived at
 * ~20 MB/s (a 3.5 KB file took 3.5 s), so the bench measured its own PNG decoding as the app's fetch.
 */
export async function watchFirstParcels(app: App, notBeforeEpochMs = 0): Promise<{ result: () => Promise<{ atEpochMs: number; share: number } | null>; stop: () => Promise<void> }> {
  type Found = { atEpochMs: number; share: number };
  type Frame = { data: string; atEpochMs: number; deviceWidth: number; offsetTop: number };
  const cdp = await app.h.context.newCDPSession(app.page);
  const frames: Frame[] = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await cdp.send('Page.stopScreencast').catch(() => undefined);
    await cdp.detach().catch(() => undefined);
  };
  cdp.on('Page.screencastFrame', (f: { data: string; sessionId: number; metadata: { timestamp?: number; deviceWidth: number; offsetTop: number } }) => {
    void cdp.send('Page.screencastFrameAck', { sessionId: f.sessionId }).catch(() => undefined);
    // (3,000 frames: ≥ 50 s of continuous drawing at 60 fps; the first parcels come long before)
    if (stopped || frames.length >= 3_000 || (f.metadata.timestamp !== undefined && f.metadata.timestamp * 1000 < notBeforeEpochMs)) return;
    frames.push({ data: f.data, atEpochMs: (f.metadata.timestamp ?? Date.now() / 1000) * 1000, deviceWidth: f.metadata.deviceWidth, offsetTop: f.metadata.offsetTop });
  });
  await cdp.send('Page.startScreencast', { format: 'png', maxWidth: 480, maxHeight: 320, everyNthFrame: 1 });
  const result = async (): Promise<Found | null> => {
    await stop();
    for (const f of frames) {
      const share = parcelShare(f);
      if (share >= 0.005) return { atEpochMs: f.atEpochMs, share };
    }
    return null;
  };
  return { result, stop };
}

/** Share of saturated pixels in the map's right part of a screencast frame (0 for an undecodable one). */
function parcelShare(f: { data: string; deviceWidth: number; offsetTop: number }): number {
  try {
    const { width, height, rgba } = decodePng(Buffer.from(f.data, 'base64'));
    // the map fills the page below the header, right of the sidebar; count its right part
    const sx = width / f.deviceWidth;
    const top = Math.round((f.offsetTop + 60) * sx);
    const x0 = Math.round(width * 0.62);
    let n = 0;
    let k = 0;
    for (let y = top; y < height - Math.round(40 * sx); y += 2)
      for (let x = x0; x < width - Math.round(60 * sx); x += 2) {
        const i = (y * width + x) * 4;
        k++;
        if (Math.max(rgba[i], rgba[i + 1], rgba[i + 2]) - Math.min(rgba[i], rgba[i + 1], rgba[i + 2]) > 40) n++;
      }
    return k ? n / k : 0;
  } catch {
    return 0;
  }
}

export interface LoadTimeline {
  /** ms from navigation start (the page's time origin). */
  readyMs: number;
  /** First frame with parcels (saturated pixels ≥ 0.5 % of the map), from navigation start. */
  firstParcelsMs: number | null;
  /** From the first parcel layer reaching the store (packed layer handed to the map) to those pixels. */
  firstParcelsAfterLayerMs: number | null;
  /** The first map idle after stats and summary arrived, from navigation start. */
  idleMs: number | null;
  statsMs: number | null;
  summaryMs: number | null;
  regionsMs: number | null;
  /** Per layer: ms from its first progress event to the layer reaching the store; with the phases' start times. */
  layers: { id: string; label: string; startMs: number; doneMs: number; phases: { phase: string; atMs: number }[] }[];
  /** Map frames drawn before ready, and of those after the first layer reached the map. */
  framesBeforeReady: number;
  framesAfterFirstLayer: number;
  events: ProbeEvent[];
}

const probeState = (page: Page) => page.evaluate(() => (window as unknown as { __probe: ProbeState }).__probe);

/**
 * Open the app on a manifest (relative to the app's base URL) and wait until it is ready, the stats and the
 * summary are in and the map is idle. Returns the load timeline read from the probes.
 */
export async function openDataset(app: App, manifest: string, opts: { timeoutMs?: number; query?: string; firstParcels?: boolean } = {}): Promise<LoadTimeline> {
  const timeout = opts.timeoutMs ?? 600_000;
  const errors0 = app.errors.length;
  await app.page.goto(`${app.h.baseUrl}?manifest=${manifest}&e2e=1${opts.query ?? ''}`);
  const timeOrigin = await app.page.evaluate(() => performance.timeOrigin);
  // started once the new document has loaded (the data comes seconds later): no frame of the previous page counts
  const watch = opts.firstParcels === false ? { result: async () => null, stop: async () => undefined } : await watchFirstParcels(app, timeOrigin);
  const started = Date.now();
  try {
    await waitLoaded(app.page, timeout);
  } catch (e) {
    await watch.stop();
    // say how far the load got
    const why = app.crashed.at ? `the renderer crashed after ${((app.crashed.at - started) / 1000).toFixed(0)} s` : String((e as Error).message ?? e).split('\n')[0];
    const events = app.crashed.at ? [] : await probeState(app.page).then((st) => st.events.filter((x) => !x.what.startsWith('idle')).slice(-8), () => []);
    throw new Error(`${manifest}: not ready: ${why}; last events: ${events.map((x) => `${(x.at / 1000).toFixed(1)} s ${x.what}`).join(', ')}; page errors: ${app.errors.slice(errors0).join(' | ') || 'none'}`);
  }
  await waitIdle(app.page);
  // parcels are on screen by now if ever; give the screencast a moment to deliver the last frames
  await new Promise((r) => setTimeout(r, 500));
  const first = await watch.result();
  const st = await probeState(app.page);
  return timeline(st, first ? first.atEpochMs - timeOrigin : null);
}

function waitLoaded(page: Page, timeout: number) {
  return page.waitForFunction(
    () => {
      const p = (window as unknown as { __probe?: ProbeState }).__probe;
      if (!p) return false;
      const has = (w: string) => p.events.some((e) => e.what === w);
      return has('status:ready') && has('stats') && has('summary');
    },
    undefined,
    { timeout, polling: 250 },
  );
}

export function timeline(st: ProbeState, firstPixelsAt: number | null): LoadTimeline {
  const at = (w: string) => st.events.find((e) => e.what === w)?.at ?? null;
  const readyMs = at('status:ready') ?? Number.NaN;
  const after = (w: string) => st.events.find((e) => e.what === w && e.at >= readyMs)?.at ?? null;
  const statsMs = after('stats');
  const summaryMs = after('summary');
  const settled = Math.max(statsMs ?? 0, summaryMs ?? 0);
  const idleMs = st.events.find((e) => e.what === 'idle' && e.at >= settled)?.at ?? null;
  // per layer: progress events carry the layer's label; 'layer:<id>' marks it in the store
  const layers: LoadTimeline['layers'] = [];
  let cur: LoadTimeline['layers'][number] | null = null;
  for (const e of st.events) {
    if (e.what.startsWith('progress:')) {
      const [label, phase] = e.what.slice('progress:'.length).split('|');
      if (!cur || cur.label !== label) {
        cur = { id: '', label, startMs: e.at, doneMs: -1, phases: [] };
        layers.push(cur);
      }
      if (phase && cur.phases[cur.phases.length - 1]?.phase !== phase) cur.phases.push({ phase, atMs: e.at });
    } else if (e.what.startsWith('layer:') && cur && cur.doneMs < 0) {
      cur.id = e.what.slice('layer:'.length);
      cur.doneMs = e.at;
    }
  }
  const firstLayerAt = st.events.find((e) => e.what.startsWith('layer:'))?.at ?? null;
  return {
    readyMs,
    firstParcelsMs: firstPixelsAt,
    firstParcelsAfterLayerMs: firstPixelsAt !== null && firstLayerAt !== null ? firstPixelsAt - firstLayerAt : null,
    idleMs,
    statsMs,
    summaryMs,
    regionsMs: after('regions'),
    layers: layers.filter((l) => l.doneMs >= 0),
    framesBeforeReady: st.frames.filter((t) => t <= readyMs).length,
    framesAfterFirstLayer: firstLayerAt === null ? 0 : st.frames.filter((t) => t >= firstLayerAt && t <= readyMs).length,
    events: st.events,
  };
}

/** Wait for a fresh map 'idle' (after a repaint request). */
export async function waitIdle(page: Page, timeoutMs = 120_000): Promise<boolean> {
  return page.evaluate(
    (t) =>
      new Promise<boolean>((resolve) => {
        const map = (window as unknown as { __atlas: { map: { once(e: string, f: () => void): void; triggerRepaint(): void } } }).__atlas.map;
        const timer = setTimeout(() => resolve(false), t);
        map.once('idle', () => {
          clearTimeout(timer);
          resolve(true);
        });
        map.triggerRepaint();
      }),
    timeoutMs,
  );
}

/** Share of saturated pixels of the map canvas (parcels, red lines — not the grey basemap), every 4th pixel. */
export function paintedShare(page: Page): Promise<number> {
  return page.evaluate(() => {
    const src = (window as unknown as { __atlas: { map: { getCanvas(): HTMLCanvasElement } } }).__atlas.map.getCanvas();
    const c = document.createElement('canvas');
    c.width = src.width;
    c.height = src.height;
    const ctx = c.getContext('2d');
    if (!ctx) return 0;
    ctx.drawImage(src, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 16) if (Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 40) n++;
    return n / (d.length / 16);
  });
}

/** Frames the map drew in [t0, t1] of the page clock: count, median and longest interval between them. */
export async function framesBetween(page: Page, t0: number, t1: number): Promise<{ frames: number; medianGap: number; maxGap: number }> {
  const st = await probeState(page);
  const fs = st.frames.filter((t) => t >= t0 && t <= t1);
  const gaps = fs.slice(1).map((t, i) => t - fs[i]);
  return { frames: fs.length, medianGap: Math.round(pct(gaps, 0.5)), maxGap: Math.round(Math.max(0, ...gaps)) };
}

/** Long tasks (wall, from the page's observer) that overlap [t0, t1] of the page clock. */
export async function longTasksBetween(page: Page, t0: number, t1: number): Promise<{ longest: number; over100: number; over50: number; count: number }> {
  const st = await probeState(page);
  const ts = st.longtasks.filter((t) => t.start + t.duration >= t0 && t.start <= t1);
  return {
    longest: Math.round(Math.max(0, ...ts.map((t) => t.duration))),
    over100: ts.filter((t) => t.duration > 100).length,
    over50: ts.filter((t) => t.duration > 50).length,
    count: ts.length,
  };
}

export const pageNow = (page: Page) => page.evaluate(() => performance.now());

/** The renderers' memory; `page`: also the app's own renderer (ProcMem.page), which costs a read of every thread's name. */
export function rendererMemory(app: App, opts: { page?: boolean } = {}): ProcMem {
  return chromiumMemory(app.profile, opts);
}


// ------------------------------------------------------------------------------------------ camera

type MapCam = {
  jumpTo(o: unknown): void;
  easeTo(o: unknown): void;
  once(e: string, f: () => void): void;
  getZoom(): number;
};

/** Ease the camera and wait for moveend + idle; ms until idle. */
export async function easeAndIdle(page: Page, to: { center?: [number, number]; zoom?: number }, durationMs = 800, timeoutMs = 120_000): Promise<{ ms: number; idle: boolean }> {
  return page.evaluate(
    ([to, d, t]) =>
      new Promise<{ ms: number; idle: boolean }>((resolve) => {
        const map = (window as unknown as { __atlas: { map: MapCam } }).__atlas.map;
        const s = performance.now();
        const timer = setTimeout(() => resolve({ ms: Math.round(performance.now() - s), idle: false }), t);
        map.once('moveend', () =>
          map.once('idle', () => {
            clearTimeout(timer);
            resolve({ ms: Math.round(performance.now() - s), idle: true });
          }),
        );
        map.easeTo({ ...to, duration: d });
      }),
    [to, durationMs, timeoutMs] as const,
  );
}

/** Drag the map with the mouse from (x, y) by (dx, dy) pixels in `steps`, then wait for idle. */
export async function dragPan(page: Page, x: number, y: number, dx: number, dy: number, steps = 12): Promise<boolean> {
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps });
  await page.mouse.up();
  return waitIdle(page);
}

/** The map's box on the page and a point clear of the floating draw panel (on its right). */
export async function mapArea(page: Page): Promise<{ x: number; y: number; width: number; height: number; cx: number; cy: number }> {
  const box = await page.getByTestId('map').boundingBox();
  if (!box) throw new Error('no map on the page');
  const panel = await page.getByTestId('draw-panel').boundingBox();
  // the middle of the part of the map right of the draw panel
  const left = panel ? Math.max(box.x, panel.x + panel.width) : box.x;
  return { ...box, cx: (left + box.x + box.width) / 2, cy: box.y + box.height / 2 };
}

// ------------------------------------------------------------------------------------------ drawing

/** Click vertices with the mouse (moving in steps first, as a hand would). */
export async function clickVertices(page: Page, pts: [number, number][]): Promise<void> {
  for (const [x, y] of pts) {
    await page.mouse.move(x, y, { steps: 3 });
    await page.mouse.click(x, y);
    await page.waitForTimeout(60);
  }
}

export interface LiveMove {
  /** Event → the panel's live figures changed (DOM mutation), ms; null when the figures did not change. */
  ms: number | null;
  /** Event timestamp → the page's first pointermove listener ran: the input waiting for the main thread. */
  dispatchMs: number;
  /** Event → the next animation frame after the mutation (the change painted), ms. */
  paintedMs: number | null;
  /** The app's own figure for that update: controller frame → answer in the store (drawSession latencies). */
  appMs: number | null;
  /** Engine time in the worker for that update. */
  workerMs: number | null;
}

export interface LiveStats {
  moves: number;
  updated: number;
  median: number;
  p95: number;
  max: number;
  paintedMedian: number;
  paintedP95: number;
  dispatchMedian: number;
  dispatchP95: number;
  appMedian: number;
  workerMedian: number;
  workerP95: number;
}

const pct = (xs: number[], q: number) => {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};

export function liveStats(moves: LiveMove[]): LiveStats {
  const ok = moves.filter((m) => m.ms !== null);
  const v = (f: (m: LiveMove) => number | null) => ok.map(f).filter((x): x is number => x !== null);
  const ms = v((m) => m.ms);
  return {
    moves: moves.length,
    updated: ok.length,
    median: pct(ms, 0.5),
    p95: pct(ms, 0.95),
    max: ms.length ? Math.max(...ms) : Number.NaN,
    paintedMedian: pct(v((m) => m.paintedMs), 0.5),
    paintedP95: pct(v((m) => m.paintedMs), 0.95),
    dispatchMedian: pct(v((m) => m.dispatchMs), 0.5),
    dispatchP95: pct(v((m) => m.dispatchMs), 0.95),
    appMedian: pct(v((m) => m.appMs), 0.5),
    workerMedian: pct(v((m) => m.workerMs), 0.5),
    workerP95: pct(v((m) => m.workerMs), 0.95),
  };
}

/** Install the live-figure observer (idempotent): pointer events and panel mutations, timestamped in the page. */
async function installLiveObserver(page: Page): Promise<void> {
  await page.evaluate(() => {
    type Live = { moveAt: number; handledAt: number; changes: { at: number; painted: number; mu: string | null }[]; last: string | null };
    const w = window as unknown as { __live?: Live };
    if (w.__live) return;
    const live: Live = { moveAt: -1, handledAt: -1, changes: [], last: null };
    w.__live = live;
    window.addEventListener(
      'pointermove',
      (e) => {
        live.moveAt = e.timeStamp;
        live.handledAt = performance.now();
      },
      { capture: true },
    );
    const read = () => document.querySelector('[data-testid="live-site"]')?.getAttribute('data-mu') ?? null;
    live.last = read();
    const panel = document.querySelector('[data-testid="draw-panel"]') ?? document.body;
    new MutationObserver(() => {
      const mu = read();
      if (mu === live.last) return;
      live.last = mu;
      const c = { at: performance.now(), painted: -1, mu };
      live.changes.push(c);
      requestAnimationFrame(() => {
        c.painted = performance.now();
      });
    }).observe(panel, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

/**
 * With the polygon tool active and some vertices placed, move the mouse `moves` times (one event each, around a
 * circle of `radius` px at (cx, cy)) and, per move, time event → live figures changed in the panel. Each move waits
 * for its update (or `perMoveTimeoutMs`) before the next, so updates are not coalesced.
 */
export async function measureLiveMoves(page: Page, cx: number, cy: number, opts: { moves?: number; radius?: number; perMoveTimeoutMs?: number } = {}): Promise<LiveMove[]> {
  const moves = opts.moves ?? 40;
  const radius = opts.radius ?? 60;
  const timeout = opts.perMoveTimeoutMs ?? 5_000;
  await installLiveObserver(page);
  const out: LiveMove[] = [];
  for (let i = 0; i < moves; i++) {
    const a = (i / moves) * 2 * Math.PI;
    const x = cx + radius * Math.cos(a);
    const y = cy + radius * Math.sin(a);
    const before = await page.evaluate(() => (window as unknown as { __live: { changes: unknown[] } }).__live.changes.length);
    await page.mouse.move(x, y);
    let changed = true;
    try {
      await page.waitForFunction((n) => (window as unknown as { __live: { changes: unknown[] } }).__live.changes.length > n, before, { timeout, polling: 10 });
    } catch {
      changed = false;
    }
    // and the frame after it (rAF), so the "painted" time is there to read
    if (changed)
      await page
        .waitForFunction((n) => (window as unknown as { __live: { changes: { painted: number }[] } }).__live.changes[n].painted >= 0, before, { timeout: 3_000, polling: 10 })
        .catch(() => undefined);
    const r = await page.evaluate(
      ([n, ok]) => {
        const w = window as unknown as {
          __live: { moveAt: number; handledAt: number; changes: { at: number; painted: number }[] };
          __draw?: { session: { getState(): { latencies: number[]; live?: { computeMs: number } } } };
        };
        const c = ok ? w.__live.changes[n as number] : undefined;
        const s = w.__draw?.session.getState();
        return {
          moveAt: w.__live.moveAt,
          handledAt: w.__live.handledAt,
          at: c?.at ?? null,
          painted: c && c.painted >= 0 ? c.painted : null,
          app: s?.latencies[s.latencies.length - 1] ?? null,
          worker: s?.live?.computeMs ?? null,
        };
      },
      [before, changed] as const,
    );
    out.push({
      ms: r.at !== null ? r.at - r.moveAt : null,
      dispatchMs: r.handledAt - r.moveAt,
      paintedMs: r.painted !== null ? r.painted - r.moveAt : null,
      appMs: changed ? r.app : null,
      workerMs: changed ? r.worker : null,
    });
    await page.waitForTimeout(30);
  }
  return out;
}

/**
 * The whole live measurement on the open app: jump to `center` at `zoom`, polygon tool, three vertices, then
 * `moves` cursor moves measured (with a Chrome trace for the main thread's longest task); leaves the drawing
 * cancelled and cleared.
 */
export async function liveLatency(
  app: App,
  center: [number, number],
  opts: { zoom?: number; moves?: number } = {},
): Promise<{ moves: LiveMove[]; stats: LiveStats; longestTaskWall: number; longestTaskCpu: number }> {
  const page = app.page;
  await page.waitForFunction(() => (window as unknown as { __draw?: unknown }).__draw !== undefined, undefined, { timeout: 120_000 });
  await page.evaluate(([c, z]) => (window as unknown as { __atlas: { map: MapCam } }).__atlas.map.jumpTo({ center: c, zoom: z }), [center, opts.zoom ?? 15] as const);
  await waitIdle(page);
  await page.getByTestId('draw-tool-polygon').click();
  const m = await mapArea(page);
  await clickVertices(page, [
    [m.cx - 90, m.cy - 70],
    [m.cx + 80, m.cy - 80],
    [m.cx + 90, m.cy + 60],
  ]);
  const cdp = await app.h.context.newCDPSession(page);
  // steps of ~11 px (40 moves on a 70 px circle): a snap radius of 10 px rarely maps two moves to one point
  const tr = await traceTasks(cdp, () => measureLiveMoves(page, m.cx - 40, m.cy + 70, { moves: opts.moves ?? 40, radius: 70, perMoveTimeoutMs: 3_000 }));
  await cdp.detach().catch(() => undefined);
  await page.keyboard.press('Escape');
  await page.getByTestId('draw-clear').click();
  await page.getByTestId('draw-tool-static').click();
  return { moves: tr.value, stats: liveStats(tr.value), longestTaskWall: tr.longestWall, longestTaskCpu: tr.longestCpu };
}
