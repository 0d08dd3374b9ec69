/**
 * The province server in Chromium (issue 19 §4, as far as built): the demo county loaded into PostGIS, `farmland
 * serve` (in-process, on a free local port) showing the province page; drilling down to the county, its totals
 * against `farmland summary`; opening it in the dashboard from the server's county files; drawing a site there and
 * checking the impact against `farmland impact` on the original files. Needs DATABASE_URL (skipped, saying so,
 * without it) and Chromium.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { fakeIO } from '../helpers/fakeIO';
import { cliImpact, DEMO, demoAvailable, drawSiteAtCentre, expectReportEquals, jumpTo, rel } from './drawHelpers';
import { chromiumAvailable, type Harness, startHarness, waitMapIdle } from './harness';
import { type ProvinceServer, provinceServer } from './serverHarness';

const DB_URL = process.env.DATABASE_URL;
if (!DB_URL) console.log('serverMode.test: skipped — DATABASE_URL is not set (.ci/run starts PostgreSQL + PostGIS)');
const SCHEMA = `fa_e2e_${process.pid}`;

describe.skipIf(!DB_URL || !chromiumAvailable() || !demoAvailable())('dashboard from the province server', () => {
  let h: Harness;
  let page: Page;
  let province: ProvinceServer;
  let serverUrl: string;
  const errors: string[] = [];

  beforeAll(async () => {
    province = await provinceServer(DB_URL!, SCHEMA);
    const load = await province.cli(['db', 'load', '--manifest', join(DEMO, 'manifest.json'), '--name', '安丰县', '--vintage', '2023']);
    expect(load.code, load.err).toBe(0);
    h = await startHarness();
    serverUrl = await province.listen({ dashboardUrl: h.baseUrl });
    page = await h.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
  });

  afterAll(async () => {
    await h?.close();
    await province?.close();
  });

  it('shows the county against its targets, drills down, and opens the county in the dashboard; a drawn site’s impact equals `farmland impact`', async () => {
    const f = fakeIO({}, { now: new Date('2026-01-01T00:00:00Z'), fallback: (p) => new Uint8Array(readFileSync(p)) });
    expect(await runCli(['summary', '--manifest', join(DEMO, 'manifest.json'), '--json'], f.io)).toBeLessThanOrEqual(1);
    const cli = JSON.parse(f.out()) as { targets: { children: { code: string; lines: { metric: string; achieved_mu: number }[] }[] } };
    await page.goto(`${serverUrl}/`);
    await page.waitForSelector('tr[data-code="231299"]');
    const county = cli.targets.children.find((c) => c.code === '231299')!;
    for (const line of county.lines) {
      const shown = Number(await page.locator(`tr[data-code="231299"][data-metric="${line.metric}"]`).getAttribute('data-achieved'));
      expect(rel(shown, line.achieved_mu)).toBeLessThan(1e-9);
    }
    // drill down: the county's townships
    await page.locator('tr[data-code="231299"] button.link').first().click();
    await page.waitForSelector('tr[data-code^="2312991"]');
    const href = await page.locator('tr[data-code="231299"] a').first().getAttribute('href');
    expect(href).toContain('manifest=');
    // the dashboard on the server's county files (with its test hook)
    await page.goto(`${href}&e2e=1&lang=zh`);
    await page.waitForFunction(() => {
      const w = window as unknown as { __atlas?: { store: { getState(): { status: string; stats: unknown[] } } } };
      return w.__atlas?.store.getState().status === 'ready' && w.__atlas.store.getState().stats.length > 0;
    }, undefined, { timeout: 180_000 });
    await page.waitForFunction(() => (window as unknown as { __draw?: unknown }).__draw !== undefined, undefined, { timeout: 60_000 });
    await jumpTo(page, [125.91, 46.45], 15);
    await waitMapIdle(page);
    const site = await drawSiteAtCentre(page);
    await expectReportEquals(page, await cliImpact(site), 1e-9);
    expect(errors).toEqual([]);
  });
});
