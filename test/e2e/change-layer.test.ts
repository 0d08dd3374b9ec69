/**
 * The 变化 tab on a change layer (DLTBGXGC-style: one layer with paired BGQ…/BGH… fields) instead of two vintages:
 * pick the file, read it in the worker, and check the matrix and 耕地 flows against `farmland change --changes`.
 * The layer is built from the first 60 of the demo's 2023 parcels: every third 耕地 parcel goes to 0601 (采矿用地),
 * 水田 at the next position to 0201 (果园), the rest keep their class — so the 耕地 outflow and the matrix are non-trivial.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { fakeIO } from '../helpers/fakeIO';
import { chromiumAvailable, type Harness, openApp, ROOT, startHarness } from './harness';

const DEMO = join(ROOT, 'data', 'demo');

function changeLayer(): unknown {
  const src = JSON.parse(readFileSync(join(DEMO, 'change-2023.geojson'), 'utf8')) as { features: { properties: Record<string, unknown>; geometry: unknown }[] };
  const features = src.features.slice(0, 60).map((f, i) => {
    const p = f.properties;
    const dl = String(p.DLBM);
    const after = i % 3 === 0 ? (dl.startsWith('01') ? '0601' : dl) : i % 3 === 1 && dl === '0101' ? '0201' : dl;
    return {
      type: 'Feature',
      properties: {
        BSM: p.BSM, ZLDWDM: p.ZLDWDM, BGQDLBM: dl, BGHDLBM: after, BGQKCXS: p.KCXS, BGHKCXS: after.startsWith('01') ? p.KCXS : 0,
        BGQZZSXDM: p.ZZSXDM, BGHZZSXDM: after.startsWith('01') ? 'LS' : '', BGQGDDJ: p.GDDJ, BGHGDDJ: after.startsWith('01') ? p.GDDJ : null,
      },
      geometry: f.geometry,
    };
  });
  return { type: 'FeatureCollection', features };
}

describe.skipIf(!chromiumAvailable())('变化 tab on a change layer (--changes)', () => {
  let h: Harness;
  let page: Page;
  let dir: string;
  const errors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gx-'));
    writeFileSync(join(dir, 'DLTBGXGC.geojson'), JSON.stringify(changeLayer()));
    h = await startHarness();
    page = await h.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await openApp(page, h.baseUrl, '&lang=zh');
  });

  afterAll(async () => {
    await h?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads the change layer in the worker and shows what `farmland change --changes` prints', async () => {
    const file = join(dir, 'DLTBGXGC.geojson');
    const f = fakeIO({}, { fallback: (p) => new Uint8Array(readFileSync(p)) });
    expect(await runCli(['change', '--changes', file, '--json'], f.io), f.err()).toBe(0);
    const cli = JSON.parse(f.out()) as { matrix: { from: string; to: string; area_m2: number }[]; cultivated: { outflow_m2: number; inflow_m2: number } };
    expect(cli.matrix.some((c) => c.to === '0601')).toBe(true);
    expect(cli.cultivated.outflow_m2).toBeGreaterThan(0);

    await page.click('[data-testid="tab-change"]');
    // the app's own file buttons, not the browser's "Choose File / No file chosen" in the browser's language
    expect(await page.locator('[data-testid="change-panel"] input[type=file]:visible').count()).toBe(0);
    await expect(page.getByTestId('change-layer-file-name').textContent()).resolves.toBe('未选择文件');
    await page.setInputFiles('[data-testid="change-layer-file"]', file);
    await expect.poll(() => page.getByTestId('change-layer-file-name').textContent()).toBe('DLTBGXGC.geojson');
    await page.click('[data-testid="change-layer-run"]');
    await page.waitForSelector('[data-testid="change-matrix"] tbody tr', { timeout: 120_000 });
    const rows = await page.$$eval('[data-testid="change-matrix"] tbody tr', (trs) =>
      trs.map((tr) => ({ from: tr.getAttribute('data-from'), to: tr.getAttribute('data-to'), m2: Number(tr.getAttribute('data-m2')) })),
    );
    expect(rows.length).toBe(cli.matrix.length);
    for (const c of cli.matrix) {
      const r = rows.find((x) => x.from === c.from && x.to === c.to);
      expect(r, `${c.from}→${c.to}`).toBeDefined();
      expect(Math.abs((r?.m2 ?? 0) - c.area_m2) / Math.max(1, c.area_m2), `${c.from}→${c.to}`).toBeLessThan(1e-6);
    }
    const out = await page.$eval('[data-testid="change-cultivated"]', (el) => Number(el.getAttribute('data-outflow-m2')));
    expect(Math.abs(out - cli.cultivated.outflow_m2) / cli.cultivated.outflow_m2).toBeLessThan(1e-6);
    expect(errors).toEqual([]);
  });
});
