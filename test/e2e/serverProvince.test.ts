/**
 * The dashboard in server mode (issue 19 §4) in Chromium, on a generated 3-county province: three small counties
 * cut from the demo county (parcels of one corner), re-coded (231297 / 231298 / 231299) and shifted apart, loaded
 * with `farmland db load`, served by `farmland serve --app` (in-process, on a free local port, the built dashboard
 * under /app/). The dashboard opens from the server's page in server mode (`/app/?server=`): the province's counties against their targets equal `farmland db summary` and `farmland summary`;
 * drilling down to a county, its layers come as the server's vector tiles, a click inspects a parcel from the
 * server, and a drawn site's impact — asked of the server (`POST /api/impact`: live figures while drawing, the
 * report with touched parcels and outlines when finished; no parcels of the site's box fetched) — equals `farmland
 * impact` on that county's files within 1e-9, its touched parcels highlighted; a refusal shows in the draw panel
 * in the UI's language. No console errors. Needs DATABASE_URL (skipped, saying so, without it) and Chromium.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLayerFromGeoJson } from '../../src/core/engine/loadLayer';
import { isAreaKind, isLayerKind } from '../../src/core/layers/kinds';
import { type CliImpact, DEMO, demoAvailable, drawSiteAtCentre, expectReportEquals, jumpTo, manifest, rel, toScreen } from './drawHelpers';
import { chromiumAvailable, type Harness, ROOT, saveScreenshot, startHarness, waitMapIdle } from './harness';
import { type ProvinceServer, provinceServer } from './serverHarness';
import { attrOf } from '../../src/core/layers/attrTable';

const DB_URL = process.env.DATABASE_URL;
if (!DB_URL) console.log('serverProvince.test: skipped — DATABASE_URL is not set (.ci/run starts PostgreSQL + PostGIS)');
const SCHEMA = `fa_e2e_prov_${process.pid}`;

/** The corner of the demo county each generated county takes (parcels by bbox centre). */
const CUT = [125.86, 46.42, 125.96, 46.48] as const;
const COUNTIES = [
  { code: '231297', name: '丰西县', dx: 0 },
  { code: '231298', name: '丰中县', dx: 0.6 },
  { code: '231299', name: '丰东县', dx: 1.2 },
] as const;
/** Where the site is drawn: in the middle county. */
const DRAWN = COUNTIES[1];

type Geo = { type: string; coordinates: unknown };
type Feature = { type: 'Feature'; id?: unknown; properties: Record<string, unknown>; geometry: Geo };

const shift = (c: unknown, dx: number): unknown => (Array.isArray(c) && typeof c[0] === 'number' ? [c[0] + dx, c[1], ...c.slice(2)] : Array.isArray(c) ? c.map((x) => shift(x, dx)) : c);
const box = (c: unknown, b = [Infinity, Infinity, -Infinity, -Infinity]): number[] => {
  if (Array.isArray(c) && typeof c[0] === 'number') {
    b[0] = Math.min(b[0], c[0]);
    b[1] = Math.min(b[1], c[1] as number);
    b[2] = Math.max(b[2], c[0]);
    b[3] = Math.max(b[3], c[1] as number);
  } else if (Array.isArray(c)) for (const x of c) box(x, b);
  return b;
};
const recode = (v: unknown, code: string) => (typeof v === 'string' ? v.replaceAll('231299', code) : v);

/** The three counties as files (one folder and manifest each) and a targets table for them. */
function generateProvince(dir: string): { manifests: Record<string, string>; targets: string } {
  const manifests: Record<string, string> = {};
  for (const c of COUNTIES) {
    const out = join(dir, c.code);
    mkdirSync(out);
    for (const l of manifest.layers) {
      const fc = JSON.parse(readFileSync(join(DEMO, l.file), 'utf8')) as { features: Feature[] };
      const kept = fc.features.filter((f) => {
        const b = box(f.geometry.coordinates);
        const cx = (b[0] + b[2]) / 2;
        const cy = (b[1] + b[3]) / 2;
        return cx >= CUT[0] && cx <= CUT[2] && cy >= CUT[1] && cy <= CUT[3];
      });
      const features = kept.map((f) => ({
        type: 'Feature',
        ...(f.id !== undefined ? { id: recode(f.id, c.code) } : {}),
        properties: Object.fromEntries(Object.entries(f.properties).map(([k, v]) => [k, recode(v, c.code)])),
        geometry: { type: f.geometry.type, coordinates: shift(f.geometry.coordinates, c.dx) },
      }));
      writeFileSync(join(out, l.file), JSON.stringify({ type: 'FeatureCollection', features }));
    }
    manifests[c.code] = join(out, 'manifest.json');
    writeFileSync(manifests[c.code], JSON.stringify({ name: c.name, crs: 'EPSG:4490', layers: manifest.layers }));
  }
  const targets = join(dir, 'targets.json');
  const regions: Record<string, unknown>[] = COUNTIES.map((c, i) => ({ code: c.code, name: c.name, level: 'county', cultivated_mu: 30000 + 5000 * i, permanent_basic_mu: 20000 + 4000 * i }));
  // the drawn county's townships too: the province panel drills down to them
  const towns = new Set<string>();
  for (const f of (JSON.parse(readFileSync(join(dir, DRAWN.code, 'cultivated.geojson'), 'utf8')) as { features: Feature[] }).features) {
    const code = String(f.properties.ZLDWDM ?? f.properties.XZQDM ?? '');
    if (code.length >= 9) towns.add(code.slice(0, 9));
  }
  for (const [i, code] of [...towns].sort().entries()) regions.push({ code, name: `丰中${i + 1}镇`, level: 'township', cultivated_mu: 3000 + 100 * i, permanent_basic_mu: 2000 + 100 * i });
  writeFileSync(targets, JSON.stringify({ unit: '亩', regions }));
  return { manifests, targets };
}

type TargetsJson = { targets: { selected: { code: string; lines: Line[] }; children: { code: string; lines: Line[] }[] }; layers: { kind: string; features: number; area_mu: number; net_mu?: number }[] };
type Line = { metric: string; target_mu: number; achieved_mu: number };

describe.skipIf(!DB_URL || !chromiumAvailable() || !demoAvailable())('the dashboard in server mode on a 3-county province', () => {
  let h: Harness;
  let page: Page;
  let province: ProvinceServer;
  let serverUrl: string;
  let files: { manifests: Record<string, string>; targets: string };
  const errors: string[] = [];
  const tileRequests: { url: string; status: number }[] = [];
  const parcelRequests: string[] = [];
  const impactPosts: { form: string; status: number }[] = [];
  const balancePosts: number[] = [];
  const timings: { url: string; ms: number; bytes: number }[] = [];

  beforeAll(async () => {
    files = generateProvince(mkdtempSync(join(tmpdir(), 'farmland-province-')));
    province = await provinceServer(DB_URL!, SCHEMA);
    for (const c of COUNTIES) {
      const r = await province.cli(['db', 'load', '--manifest', files.manifests[c.code], '--targets', files.targets, '--region', c.code, '--name', c.name, '--vintage', '2023']);
      expect(r.code, r.err).toBe(0);
    }
    h = await startHarness();
    // `farmland serve --app DIR`: the built dashboard served by the province server itself, under /app/
    serverUrl = await province.listen({ appDir: h.outDir });
    page = await h.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('requestfinished', (q) => {
      if (q.url().startsWith(serverUrl)) timings.push({ url: q.url(), ms: q.timing().responseEnd, bytes: 0 });
      void q.sizes().then((z) => {
        const t = timings.find((x) => x.url === q.url() && x.bytes === 0);
        if (t) t.bytes = z.responseBodySize;
      }, () => undefined);
    });
    page.on('response', (r) => {
      if (r.url().startsWith(`${serverUrl}/tiles/`)) tileRequests.push({ url: r.url(), status: r.status() });
      if (r.url().startsWith(`${serverUrl}/api/parcels?`)) parcelRequests.push(r.url());
      if (r.url().startsWith(`${serverUrl}/api/balance`)) balancePosts.push(r.status());
      if (r.url().startsWith(`${serverUrl}/api/impact`) && r.request().method() === 'POST')
        impactPosts.push({ form: String((JSON.parse(r.request().postData() ?? '{}') as { form?: string }).form), status: r.status() });
    });
  }, 600_000);

  afterAll(async () => {
    await h?.close();
    await province?.close();
  });

  it('shows the counties against their targets (= db summary and summary), drills down, inspects, and a drawn site’s impact equals `farmland impact`', async () => {
    // the province's figures as the database and the engine on the files give them
    const dbRun = await province.cli(['db', 'summary', '--json']);
    expect(dbRun.code, dbRun.err).toBe(0);
    const db = JSON.parse(dbRun.out) as TargetsJson;
    expect(db.targets.children.map((c) => c.code).sort()).toEqual(COUNTIES.map((c) => c.code));

    // from the server's own page: "open the province in the dashboard" (served by the same server)
    await page.goto(`${serverUrl}/`);
    const href = (await page.getByTestId('open-province').getAttribute('href'))!;
    expect(href).toBe(`/app/?server=${encodeURIComponent(serverUrl)}`);
    await page.goto(`${serverUrl}${href}&e2e=1&lang=zh`);
    await page.waitForFunction(() => {
      const w = window as unknown as { __atlas?: { store: { getState(): { status: string; stats: unknown[]; summary?: unknown } } } };
      const s = w.__atlas?.store.getState();
      return s?.status === 'ready' && s.stats.length > 0 && s.summary !== undefined;
    }, undefined, { timeout: 120_000 });
    for (const c of COUNTIES) await page.waitForSelector(`[data-testid="province-panel"] tr[data-code="${c.code}"]`);

    // each county's target lines in the panel = `farmland db summary` = `farmland summary` on its own files
    for (const c of COUNTIES) {
      const r = await province.cli(['summary', '--manifest', files.manifests[c.code], '--targets', files.targets, '--json']);
      expect(r.code, r.err).toBeLessThanOrEqual(1);
      const engine = (JSON.parse(r.out) as TargetsJson).targets.children.find((x) => x.code === c.code)!;
      const fromDb = db.targets.children.find((x) => x.code === c.code)!;
      for (const metric of ['cultivated', 'permanent-basic']) {
        const cell = page.locator(`[data-testid="province-panel"] tr[data-code="${c.code}"] td[data-metric="${metric}"]`);
        const shown = Number(await cell.getAttribute('data-achieved'));
        const want = engine.lines.find((l) => l.metric === metric)!;
        expect(want.achieved_mu, `${c.code} ${metric}`).toBeGreaterThan(100);
        expect(rel(shown, want.achieved_mu), `${c.code} ${metric} vs summary`).toBeLessThan(1e-9);
        expect(rel(shown, fromDb.lines.find((l) => l.metric === metric)!.achieved_mu), `${c.code} ${metric} vs db summary`).toBeLessThan(1e-9);
        expect(Number(await cell.getAttribute('data-target'))).toBe(want.target_mu);
      }
    }
    // the province totals in the statistics (the store's summary from the server) = `farmland db summary`
    const provinceLayers = await page.evaluate(() => {
      const w = window as unknown as { __atlas: { store: { getState(): { summary: { layers: { kind: string; features: number; area: { mu: number } }[] } } } } };
      return w.__atlas.store.getState().summary.layers.map((l) => ({ kind: l.kind, features: l.features, mu: l.area.mu }));
    });
    for (const l of db.layers) {
      const shown = provinceLayers.find((x) => x.kind === l.kind)!;
      expect(shown.features, l.kind).toBe(l.features);
      expect(rel(shown.mu, l.area_mu), l.kind).toBeLessThan(1e-9);
    }

    // drill down to the middle county: the region filter, the map on it, its figures
    await page.getByTestId(`province-open-${DRAWN.code}`).click();
    await page.waitForFunction((code) => {
      const s = (window as unknown as { __atlas: { store: { getState(): { summaryFor?: { region?: { code: string } }; region?: { code: string } } } } }).__atlas.store.getState();
      return s.region?.code === code && s.summaryFor?.region?.code === code;
    }, DRAWN.code, { timeout: 30_000 });
    await page.waitForSelector(`[data-testid="province-panel"] tr[data-code="${DRAWN.code}"]`);
    await saveScreenshot(page, join(ROOT, 'docs', 'screenshots', 'server-province.png'));

    // a parcel of the county: its layers are the server's tiles, a click inspects it from the server
    const cultivated = loadLayerFromGeoJson('cultivated', 'cultivated.geojson', readFileSync(join(files.manifests[DRAWN.code], '..', 'cultivated.geojson'))).layer;
    const parcel = cultivated.parcels.reduce((a, b) => (b.areaM2 > a.areaM2 ? b : a));
    const centre: [number, number] = [(parcel.bbox[0] + parcel.bbox[2]) / 2, (parcel.bbox[1] + parcel.bbox[3]) / 2];
    await jumpTo(page, centre, 15);
    await waitMapIdle(page);
    const sourceTiles = await page.evaluate(() => {
      const map = (window as unknown as { __atlas: { map: { getSource(id: string): { tiles?: string[] } | undefined } } }).__atlas.map;
      return map.getSource('layer-cultivated')?.tiles ?? [];
    });
    expect(sourceTiles[0]).toBe(`${serverUrl}/tiles/cultivated/{z}/{x}/{y}.mvt`);
    expect(tileRequests.filter((t) => t.url.includes('/tiles/cultivated/14/') && t.status === 200).length, JSON.stringify(tileRequests.slice(-5))).toBeGreaterThan(0);
    const [[px, py]] = await toScreen(page, [centre]);
    await page.mouse.click(px, py);
    await page.waitForFunction(() => {
      const s = (window as unknown as { __atlas: { store: { getState(): { selection: unknown[] } } } }).__atlas.store.getState();
      return s.selection.length > 0;
    }, undefined, { timeout: 30_000 });
    const hit = await page.evaluate(() => {
      const s = (window as unknown as { __atlas: { store: { getState(): { selection: { kind: string; id: string; areaEllipsoidalM2: number }[] } } } }).__atlas.store.getState();
      return s.selection.find((x) => x.kind === 'cultivated');
    });
    expect(hit?.id).toBe(parcel.id);
    expect(rel(hit!.areaEllipsoidalM2, parcel.areaM2)).toBeLessThan(1e-12);

    // draw a site there: its impact asked of the server (live while drawing, full when finished) = `farmland impact` on the files
    await page.waitForFunction(() => (window as unknown as { __draw?: unknown }).__draw !== undefined, undefined, { timeout: 60_000 });
    const site = await drawSiteAtCentre(page);
    const dir = mkdtempSync(join(tmpdir(), 'province-site-'));
    writeFileSync(join(dir, 'site.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: site }] }));
    const r = await province.cli(['impact', '--manifest', files.manifests[DRAWN.code], '--site', join(dir, 'site.geojson'), '--json']);
    expect(r.code, r.err).toBeLessThanOrEqual(1);
    const cliImpact = JSON.parse(r.out) as CliImpact;
    await expectReportEquals(page, cliImpact, 1e-9);
    const cliLayers = (cliImpact as unknown as { layers: { kind: string; parcels: number; parcel_ids: string[] }[] }).layers;
    // the new path: the figures came from POST /api/impact (live and full), no box of parcels for the site (only
    // snapping's boxes, zoomed in, still fetch parcels into the worker)
    expect(impactPosts.filter((x) => x.form === 'live' && x.status === 200).length, JSON.stringify(impactPosts)).toBeGreaterThan(0);
    expect(impactPosts.filter((x) => x.form === 'full' && x.status === 200).length, JSON.stringify(impactPosts)).toBeGreaterThan(0);
    expect(parcelRequests.filter((u) => !u.includes('&for=snap')), 'no parcels fetched for the impact').toEqual([]);
    // the touched parcels: the CLI's ids, every one counted; their outlines on the map (the highlight's own source)
    const drawn = await page.evaluate(() => {
      const w = window as unknown as {
        __draw: { session: { getState(): { full?: { touched: { layerKind: string; id: string }[]; touchedTotal: number; highlight: unknown[] } } } };
        __atlas: { map: { getSource(id: string): { serialize(): { data: { features: unknown[] } } } | undefined } };
      };
      const full = w.__draw.session.getState().full!;
      return { touched: full.touched, total: full.touchedTotal, highlight: full.highlight.length, onMap: w.__atlas.map.getSource('draw-touched')?.serialize().data.features.length };
    });
    const cliIds = new Map(cliLayers.map((l) => [l.kind, new Set(l.parcel_ids)]));
    expect(drawn.total).toBe(cliLayers.filter((l) => isLayerKind(l.kind) && isAreaKind(l.kind)).reduce((n, l) => n + l.parcels, 0));
    expect(drawn.touched.length).toBeGreaterThan(0);
    for (const t of drawn.touched) expect(cliIds.get(t.layerKind)?.has(t.id), `${t.layerKind} ${t.id}`).toBe(true);
    expect(drawn.highlight).toBeGreaterThan(0);
    expect(drawn.onMap).toBe(drawn.highlight);

    // 占补平衡: a supplement east of the site, asked of the server (POST /api/balance) = `farmland balance` on the files
    const ring = site.coordinates[0] as number[][];
    const [e0, s0] = [Math.max(...ring.map((p) => p[0])) + 0.003, Math.min(...ring.map((p) => p[1]))];
    const supGeom = { type: 'Polygon', coordinates: [[[e0, s0], [e0 + 0.004, s0], [e0 + 0.004, s0 + 0.003], [e0, s0 + 0.003], [e0, s0]]] };
    const sup = { type: 'FeatureCollection', features: [{ type: 'Feature', id: 'sup-1', properties: { BSM: 'sup-1', GDDJ: 1, GDPDJB: 1 }, geometry: supGeom }] };
    writeFileSync(join(dir, 'sup.geojson'), JSON.stringify(sup));
    await page.getByTestId('draw-role-supplement').click();
    await page.getByTestId('draw-import').setInputFiles({ name: 'sup.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(sup)) });
    await page.waitForFunction(() => document.querySelector('[data-testid="draw-balance"]') !== null, undefined, { timeout: 60_000 });
    await page.getByTestId('draw-role-site').click();
    const layerArgs = manifest.layers.flatMap((l) => ['--layer', `${l.kind}=${join(files.manifests[DRAWN.code], '..', l.file)}`]);
    const bal = await province.cli(['balance', '--site', join(dir, 'site.geojson'), '--supplement', join(dir, 'sup.geojson'), ...layerArgs, '--json']);
    expect(bal.code, bal.err).toBeLessThanOrEqual(1);
    const want = JSON.parse(bal.out) as Record<'quantity' | 'quality' | 'capacity', { pass: boolean; margin: number | null }>;
    for (const k of ['quantity', 'quality', 'capacity'] as const) {
      const cell = page.getByTestId(`balance-${k}`);
      expect(await cell.getAttribute('data-pass'), k).toBe(String(want[k].pass));
      if (want[k].margin !== null) expect(rel(Number(await cell.getAttribute('data-margin')), want[k].margin!), k).toBeLessThan(1e-9);
    }
    expect(balancePosts.filter((x) => x === 200).length).toBeGreaterThan(0);
    expect(parcelRequests.filter((u) => !u.includes('&for=snap')), 'no parcels fetched for the balance').toEqual([]);
    // informational: what the browser waited for — the impact answers and the server's tiles (request → last byte)
    const p50 = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? Number.NaN;
    const tiles = timings.filter((t) => t.url.includes('/tiles/'));
    console.log(
      `serverProvince: ${impactPosts.length} impact answers, ${timings.filter((t) => t.url.includes('/api/impact')).map((t) => `${t.ms.toFixed(0)} ms / ${(t.bytes / 1024).toFixed(1)} kB`).join(', ')}; ` +
        `snap boxes ${timings.filter((t) => t.url.includes('/api/parcels?')).map((t) => `${t.ms.toFixed(0)} ms / ${(t.bytes / 1024).toFixed(0)} kB`).join(', ')}; ` +
        `${tiles.length} server tiles, p50 ${p50(tiles.map((t) => t.ms)).toFixed(1)} ms, max ${Math.max(...tiles.map((t) => t.ms)).toFixed(1)} ms`,
    );
    expect(errors).toEqual([]);
  });

  it('exports the county’s summary (= `farmland summary` on its files) and its layers from the server', async () => {
    await page.getByTestId('tab-export').click();
    const download = async (testId: string) => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
      const path = join(h.downloads, `server-${dl.suggestedFilename()}`);
      await dl.saveAs(path);
      return { name: dl.suggestedFilename(), text: readFileSync(path, 'utf8') };
    };
    const summary = await download('export-json');
    expect(summary.name).toBe(`farmland-summary-${DRAWN.code}.json`);
    const got = JSON.parse(summary.text) as TargetsJson & { metadata: { region?: string } };
    expect(got.metadata.region).toBe(DRAWN.code);
    const r = await province.cli(['summary', '--manifest', files.manifests[DRAWN.code], '--targets', files.targets, '--region', DRAWN.code, '--json']);
    const want = JSON.parse(r.out) as TargetsJson;
    for (const l of want.layers) {
      const g = got.layers.find((x) => x.kind === l.kind)!;
      expect(g.features, l.kind).toBe(l.features);
      expect(rel(g.area_mu, l.area_mu), l.kind).toBeLessThan(1e-9);
    }
    const layer = await download('export-layer-cultivated');
    expect(layer.name).toBe(`cultivated-${DRAWN.code}.geojson`);
    const fc = JSON.parse(layer.text) as { features: { id: string }[] };
    const file = JSON.parse(readFileSync(join(files.manifests[DRAWN.code], '..', 'cultivated.geojson'), 'utf8')) as { features: unknown[] };
    expect(fc.features.length).toBe(file.features.length);
    expect(errors).toEqual([]);
  });

  it('as on files: indicators from the database, township drill-down fit clear of the panels, hover outline, summary GeoJSON; imports named as outside the figures', async () => {
    // the summary's parcels as GeoJSON (export tab, county selected) = `farmland summary --geojson` on the county's files
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-geojson').click()]);
    expect(dl.suggestedFilename()).toBe(`farmland-summary-${DRAWN.code}.geojson`);
    const path = join(h.downloads, `server-${dl.suggestedFilename()}`);
    await dl.saveAs(path);
    type Fc = { features: { properties: Record<string, unknown>; geometry: unknown }[] };
    const got = JSON.parse(readFileSync(path, 'utf8')) as Fc;
    const out = join(mkdtempSync(join(tmpdir(), 'province-geojson-')), 'cli.geojson');
    const cli = await province.cli(['summary', '--manifest', files.manifests[DRAWN.code], '--targets', files.targets, '--region', DRAWN.code, '--geojson', out]);
    expect(cli.code, cli.err).toBeLessThanOrEqual(1);
    const written = cli.written.get(out)!;
    const want = JSON.parse(typeof written === 'string' ? written : new TextDecoder().decode(written)) as Fc;
    expect(got.features.length).toBe(want.features.length);
    expect(got.features.length).toBeGreaterThan(100);
    for (let i = 0; i < want.features.length; i++) {
      expect(got.features[i].properties, `feature ${i}`).toEqual(want.features[i].properties);
      expect(got.features[i].geometry, `feature ${i}`).toEqual(want.features[i].geometry);
    }

    // the quality indicators card: the database's figures for the county (no longer "not computed in server mode")
    const dbRun = await province.cli(['db', 'summary', '--region', DRAWN.code, '--json']);
    expect(dbRun.code, dbRun.err).toBe(0);
    type Ind = { permanent_basic_m2: number; permanent_basic_in_high_standard_m2: number; permanent_basic_in_high_standard_share: number; permanent_basic_remainder_parcels: number; abandoned_m2: number };
    const fromDb = (JSON.parse(dbRun.out) as { indicators: Ind }).indicators;
    const fileRun = await province.cli(['summary', '--manifest', files.manifests[DRAWN.code], '--targets', files.targets, '--region', DRAWN.code, '--json']);
    const fromFiles = (JSON.parse(fileRun.out) as { indicators: Ind }).indicators;
    await page.getByTestId('tab-stats').click();
    const card = page.getByTestId('card-hs-coverage');
    await expect.poll(() => card.getAttribute('data-pb-m2').then(Number), { timeout: 60_000 }).toBeGreaterThan(0);
    for (const want of [fromDb, fromFiles]) {
      expect(rel(Number(await card.getAttribute('data-pb-m2')), want.permanent_basic_m2)).toBeLessThan(1e-9);
      expect(rel(Number(await card.getAttribute('data-m2')), want.permanent_basic_in_high_standard_m2)).toBeLessThan(1e-9);
      expect(Math.abs(Number(await card.getAttribute('data-share')) - want.permanent_basic_in_high_standard_share)).toBeLessThan(1e-9);
      expect(Number(await card.getAttribute('data-remainder-parcels'))).toBe(want.permanent_basic_remainder_parcels);
    }
    expect(fromDb.permanent_basic_in_high_standard_share).toBeLessThan(1);
    await page.getByTestId('indicator-abandoned').waitFor();
    // the remainder's parcels come with the answer: the map can highlight them
    const remainder = await page.evaluate(() => (window as unknown as { __atlas: { store: { getState(): { remainder?: { features: unknown[] } } } } }).__atlas.store.getState().remainder?.features.length);
    expect(remainder).toBe(fromDb.permanent_basic_remainder_parcels);

    // township drill-down from the province panel: the region filter, and the map fitted to it clear of the panels
    const town = await page.locator(`[data-testid="province-panel"] tr[data-code^="${DRAWN.code}"]:not([data-code="${DRAWN.code}"])`).first().getAttribute('data-code');
    expect(town).toMatch(/^\d{9}$/);
    await page.getByTestId(`province-open-${town}`).click();
    await page.waitForFunction((code) => {
      const s = (window as unknown as { __atlas: { store: { getState(): { summaryFor?: { region?: { code: string } }; region?: { code: string } } } } }).__atlas.store.getState();
      return s.region?.code === code && s.summaryFor?.region?.code === code;
    }, town, { timeout: 30_000 });
    await waitMapIdle(page);
    const fit = await page.evaluate((code) => {
      const w = window as unknown as { __atlas: { store: { getState(): { regions: { code: string; level: string; bbox: number[] }[] } }; map: { project(c: number[]): { x: number; y: number }; getZoom(): number; getContainer(): HTMLElement } } };
      const r = w.__atlas.store.getState().regions.find((x) => x.code === code && x.level === 'township');
      if (!r) return null;
      const map = w.__atlas.map;
      const box = map.getContainer().getBoundingClientRect();
      const corners = [[r.bbox[0], r.bbox[1]], [r.bbox[2], r.bbox[3]]].map((c) => map.project(c)).map((p) => ({ x: p.x + box.left, y: p.y + box.top }));
      const sidebar = document.querySelector('.sidebar')?.getBoundingClientRect();
      return { zoom: map.getZoom(), corners, sidebar: sidebar ? { right: sidebar.right, bottom: sidebar.bottom, left: sidebar.left } : null, map: { left: box.left, right: box.right, top: box.top, bottom: box.bottom } };
    }, town);
    expect(fit, 'the township is a region with its extent').not.toBeNull();
    const [sw, ne] = fit!.corners;
    // fitted, not merely inside: the township fills the free part of the map in one direction at least
    const free = { w: fit!.map.right - Math.max(fit!.map.left, fit!.sidebar && fit!.sidebar.right < fit!.map.right ? fit!.sidebar.right : fit!.map.left), h: fit!.map.bottom - fit!.map.top };
    expect(Math.max(Math.abs(ne.x - sw.x) / free.w, Math.abs(sw.y - ne.y) / free.h), JSON.stringify(fit)).toBeGreaterThan(0.5);
    // inside the map, and not under the sidebar where it overlays the map (panelPadding, as on files)
    for (const c of [sw, ne]) {
      expect(c.x).toBeGreaterThanOrEqual(fit!.map.left - 1);
      expect(c.x).toBeLessThanOrEqual(fit!.map.right + 1);
      expect(c.y).toBeGreaterThanOrEqual(fit!.map.top - 1);
      expect(c.y).toBeLessThanOrEqual(fit!.map.bottom + 1);
    }
    if (fit!.sidebar && fit!.sidebar.left <= fit!.map.left + 1 && fit!.sidebar.right < fit!.map.right) expect(Math.min(sw.x, ne.x)).toBeGreaterThanOrEqual(fit!.sidebar.right - 1);
    await saveScreenshot(page, join(ROOT, 'docs', 'screenshots', 'server-township.png'));

    // hover: a parcel of the server's tiles is outlined around the pointer (read from the tiles the map holds)
    const cultivated = loadLayerFromGeoJson('cultivated', 'cultivated.geojson', readFileSync(join(files.manifests[DRAWN.code], '..', 'cultivated.geojson'))).layer;
    const inTown = cultivated.parcels.filter((p) => (attrOf(p, 'zldwdm') ?? attrOf(p, 'xzqdm') ?? '').startsWith(town!));
    const parcel = inTown.reduce((a, b) => (b.areaM2 > a.areaM2 ? b : a));
    const centre: [number, number] = [(parcel.bbox[0] + parcel.bbox[2]) / 2, (parcel.bbox[1] + parcel.bbox[3]) / 2];
    await jumpTo(page, centre, 16);
    await waitMapIdle(page);
    const [[px, py]] = await toScreen(page, [centre]);
    const asked = timings.length;
    await page.mouse.move(px - 6, py - 6);
    await page.mouse.move(px, py, { steps: 3 });
    const hovered = () =>
      page.getByTestId('hover-outline').evaluate((el, [x, y]) => {
        const d = el.getAttribute('d') ?? '';
        if (!d.startsWith('M')) return 'none';
        const b = (el as SVGPathElement).getBBox();
        const map = document.querySelector('[data-testid="map"]')!.getBoundingClientRect();
        return b.x <= x - map.left && x - map.left <= b.x + b.width && b.y <= y - map.top && y - map.top <= b.y + b.height ? 'around the pointer' : `elsewhere (${b.x},${b.y} ${b.width}×${b.height})`;
      }, [px, py]);
    await expect.poll(hovered, { timeout: 15_000 }).toBe('around the pointer');
    expect(timings.slice(asked).filter((t) => t.url.includes('/api/at') || t.url.includes('/api/parcel/')), 'hover asks the server nothing').toEqual([]);

    // the whole province: the parcels' GeoJSON is refused, saying why in the UI's language (no request, no download)
    await page.getByTestId('province-top').click();
    await page.waitForFunction(() => (window as unknown as { __atlas: { store: { getState(): { region?: unknown } } } }).__atlas.store.getState().region === undefined);
    await page.getByTestId('tab-export').click();
    await page.getByTestId('export-geojson').click();
    await expect.poll(() => page.getByTestId('export-failed').textContent()).toBe('图斑 GeoJSON 按县导出，请先选择一个县');

    // a county without township targets still lists its townships (achieved only), to drill down to
    const west = COUNTIES[0].code;
    await page.getByTestId(`province-open-${west}`).click();
    const westTown = page.locator(`[data-testid="province-panel"] tr[data-code^="${west}"]:not([data-code="${west}"])`).first();
    await westTown.waitFor({ timeout: 30_000 });
    const westCell = westTown.locator('td[data-metric="cultivated"]');
    expect(await westCell.getAttribute('data-target')).toBe('');
    expect(Number(await westCell.getAttribute('data-achieved'))).toBeGreaterThan(0);
    await page.getByTestId('province-top').click();

    // a file imported in server mode: drawn, and named as outside the server's figures (one language)
    const imported = join(mkdtempSync(join(tmpdir(), 'province-import-')), 'extra.geojson');
    const one = JSON.parse(readFileSync(join(files.manifests[DRAWN.code], '..', 'cultivated.geojson'), 'utf8')) as { features: unknown[] };
    writeFileSync(imported, JSON.stringify({ type: 'FeatureCollection', features: one.features.slice(0, 5) }));
    await page.getByTestId('tab-import').click();
    await page.setInputFiles('[data-testid="import-input"]', imported);
    const notice = page.getByTestId('server-import-notice');
    await notice.waitFor({ timeout: 60_000 });
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('extra.geojson');
    expect(text).toContain('不计入服务器的统计');
    expect(text).not.toMatch(/[A-Za-z]{4,} [a-z]{3,} /); // Chinese only (file and command names aside)
    await page.getByTestId('lang-en').click();
    await expect.poll(async () => (await notice.textContent()) ?? '').toContain('shown on the map only');
    expect((await notice.textContent()) ?? '').not.toContain('不计入');
    await page.getByTestId('lang-zh').click();
    expect(errors).toEqual([]);
  });

  it('a refused impact shows the server’s message in the draw panel, in the UI’s language; the next answer clears it', async () => {
    const refusal = '用地范围的面超过 1000 个 / the site has more than 1000 polygons';
    await page.route(`${serverUrl}/api/impact*`, (route) => route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ error: refusal }) }));
    await page.evaluate(() => (window as unknown as { __draw: { session: { getState(): { refresh(): void } } } }).__draw.session.getState().refresh());
    const alert = page.getByTestId('draw-impact-error');
    await expect.poll(() => alert.textContent(), { timeout: 30_000 }).toBe('用地范围的面超过 1000 个');
    await page.getByTestId('lang-en').click();
    await expect.poll(() => alert.textContent()).toBe('the site has more than 1000 polygons');
    await page.getByTestId('lang-zh').click();
    await page.unroute(`${serverUrl}/api/impact*`);
    await page.evaluate(() => (window as unknown as { __draw: { session: { getState(): { refresh(): void } } } }).__draw.session.getState().refresh());
    await alert.waitFor({ state: 'detached', timeout: 30_000 });
    // the browser logs the refused requests themselves; nothing else
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });
});
