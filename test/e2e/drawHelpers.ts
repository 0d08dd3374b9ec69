/**
 * Shared helpers of the drawing tests (draw.test.ts, draw2.test.ts): the demo data loaded in-process, the CLI run
 * in-process, the test hook of the draw panel (`window.__draw`, only with ?e2e), mouse drawing and screen
 * positions of lon/lat points.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { type AnalysisConfig, parseConfig } from '../../src/core/analysis/config';
import type { Layer } from '../../src/core/layers/layer';
import { loadLayerFromGeoJson } from '../../src/core/engine/loadLayer';
import type { AreaGeometry, LayerKind } from '../../src/core/types';
import { runCli } from '../../src/cli/main';
import { fakeIO } from '../helpers/fakeIO';
import { openApp, ROOT } from './harness';

export const DEMO = join(ROOT, 'data', 'demo');
export const demoAvailable = () => existsSync(join(DEMO, 'manifest.json'));
export const manifest = demoAvailable()
  ? (JSON.parse(readFileSync(join(DEMO, 'manifest.json'), 'utf8')) as { layers: { kind: LayerKind; file: string; name: string }[] })
  : { layers: [] };
export const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-9);

/** The demo layers as the engine holds them, and the demo's analysis config. */
export function demoEngine(): { layers: Layer[]; config: AnalysisConfig } {
  const layers = manifest.layers.map((l) => loadLayerFromGeoJson(l.kind, l.file, readFileSync(join(DEMO, l.file)), { name: l.name }).layer);
  const config = parseConfig(JSON.parse(readFileSync(join(DEMO, 'config.json'), 'utf8')), 'config.json').config;
  return { layers, config };
}

export type Snap = { site: { id: string; geometry: AreaGeometry; properties?: Record<string, unknown> }[]; supplements: { id: string; geometry: AreaGeometry }[] };
export const snapshot = (page: Page) => page.evaluate(() => (window as unknown as { __draw: { getSnapshot(): unknown } }).__draw.getSnapshot()) as Promise<Snap>;

export interface CliImpact {
  site_area_mu: number;
  layers: { kind: string; area_mu: number; area_m2: number }[];
  compensation: { quantity_mu: number; fee_yuan: number };
}

/** `farmland impact --manifest data/demo/manifest.json --site <polygons> --json`, in-process. */
export async function cliImpact(site: AreaGeometry | AreaGeometry[]): Promise<CliImpact> {
  const dir = mkdtempSync(join(tmpdir(), 'draw-e2e-'));
  const sitePath = join(dir, 'site.geojson');
  const geoms = Array.isArray(site) ? site : [site];
  writeFileSync(sitePath, JSON.stringify({ type: 'FeatureCollection', features: geoms.map((g) => ({ type: 'Feature', properties: {}, geometry: g })) }));
  const f = fakeIO({}, { now: new Date('2026-01-01T00:00:00Z'), fallback: (p) => new Uint8Array(readFileSync(p)) });
  const code = await runCli(['impact', '--manifest', join(DEMO, 'manifest.json'), '--site', sitePath, '--json'], f.io);
  expect(code, f.err()).toBeLessThanOrEqual(1);
  return JSON.parse(f.out());
}

/** Open the demo (no manifest in the URL: the app's default) with the test hook, and wait for the draw session. */
export async function openDemo(page: Page, baseUrl: string, center: [number, number], zoom = 15): Promise<void> {
  await openApp(page, baseUrl, 'e2e=1&lang=zh', null);
  await page.waitForFunction(() => (window as unknown as { __draw?: unknown }).__draw !== undefined, undefined, { timeout: 60_000 });
  await jumpTo(page, center, zoom);
}

export async function jumpTo(page: Page, center: [number, number], zoom: number): Promise<void> {
  await page.evaluate(
    ([c, z]) =>
      new Promise<void>((resolve) => {
        const map = (window as unknown as { __atlas: { map: { jumpTo(o: unknown): void; once(e: string, f: () => void): void } } }).__atlas.map;
        map.once('idle', () => resolve());
        map.jumpTo({ center: c, zoom: z });
      }),
    [center, zoom] as const,
  );
}

/** Click a polygon with the mouse: move in steps and click per vertex, close on the first vertex. */
export async function drawPolygon(page: Page, pts: [number, number][], close = true): Promise<void> {
  for (const [x, y] of pts) {
    await page.mouse.move(x, y, { steps: 3 });
    await page.mouse.click(x, y);
    await page.waitForTimeout(60);
  }
  if (close) {
    await page.mouse.move(pts[0][0], pts[0][1], { steps: 3 });
    await page.mouse.click(pts[0][0], pts[0][1]);
  }
}

export const dataNum = (page: Page, testId: string, attr = 'data-mu') => page.getByTestId(testId).first().getAttribute(attr).then(Number);

/** Page (viewport) pixels of lon/lat points on the map. */
export async function toScreen(page: Page, pts: readonly (readonly [number, number] | number[])[]): Promise<[number, number][]> {
  return page.evaluate((ps) => {
    const map = (window as unknown as { __atlas: { map: { project(p: number[]): { x: number; y: number }; getContainer(): HTMLElement } } }).__atlas.map;
    const r = map.getContainer().getBoundingClientRect();
    return ps.map((p) => {
      const q = map.project([p[0], p[1]]);
      return [r.left + q.x, r.top + q.y] as [number, number];
    });
  }, pts.map((p) => [p[0], p[1]]));
}

/** Lon/lat of page (viewport) pixels. */
export async function toLngLat(page: Page, pts: readonly [number, number][]): Promise<[number, number][]> {
  return page.evaluate((ps) => {
    const map = (window as unknown as { __atlas: { map: { unproject(p: number[]): { lng: number; lat: number }; getContainer(): HTMLElement } } }).__atlas.map;
    const r = map.getContainer().getBoundingClientRect();
    return ps.map((p) => {
      const q = map.unproject([p[0] - r.left, p[1] - r.top]);
      return [q.lng, q.lat] as [number, number];
    });
  }, pts);
}

/** The live-update latencies the session recorded (ms, cursor move's frame → panel). */
export const latencies = (page: Page) => page.evaluate(() => (window as unknown as { __draw: { session: { getState(): { latencies: number[] } } } }).__draw.session.getState().latencies);

export function latencySummary(lat: readonly number[]): { n: number; median: number; max: number } {
  const s = [...lat].sort((a, b) => a - b);
  return { n: s.length, median: s[Math.floor(s.length / 2)] ?? Number.NaN, max: s[s.length - 1] ?? Number.NaN };
}

/** Wait until the drawing holds `n` site polygons. */
export async function waitSites(page: Page, n: number, timeout = 20_000): Promise<void> {
  await page.waitForFunction((k) => (window as unknown as { __draw: { getSnapshot(): { site: unknown[] } } }).__draw.getSnapshot().site.length === k, n, { timeout });
}

/** Wait until the full report shows this site area (the worker answered for the current drawing). */
export async function waitReport(page: Page, siteMu: number, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (want) => {
      const v = Number(document.querySelector('[data-testid="report-site"]')?.getAttribute('data-mu'));
      return Number.isFinite(v) && Math.abs(v - want) <= 1e-6 * Math.max(1, want);
    },
    siteMu,
    { timeout },
  );
}

/** Draw a quadrilateral a little above the map's centre with the polygon tool and wait for the report; answers the site. */
export async function drawSiteAtCentre(page: Page): Promise<AreaGeometry> {
  await page.getByTestId('draw-tool-polygon').click();
  const box = (await page.getByTestId('map').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2 - 60;
  await drawPolygon(page, [[cx - 70, cy - 50], [cx + 60, cy - 65], [cx + 80, cy + 45], [cx - 40, cy + 70]]);
  await page.waitForFunction(() => document.querySelector('[data-testid="draw-report"]') !== null, undefined, { timeout: 60_000 });
  const snap = await snapshot(page);
  expect(snap.site.length).toBe(1);
  return snap.site[0].geometry;
}

/** The draw report's site, layers and compensation duty against `farmland impact` (relative difference < tol). */
export async function expectReportEquals(page: Page, impact: CliImpact, tol: number): Promise<void> {
  await waitReport(page, impact.site_area_mu);
  const cult = impact.layers.find((l) => l.kind === 'cultivated')!;
  expect(cult.area_mu).toBeGreaterThan(1);
  for (const l of impact.layers) if (l.area_mu > 0) expect(rel(await dataNum(page, `report-${l.kind}`), l.area_mu), l.kind).toBeLessThan(tol);
  expect(rel(await dataNum(page, 'duty-quantity'), impact.compensation.quantity_mu)).toBeLessThan(tol);
}
