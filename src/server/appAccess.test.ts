/**
 * `farmland serve --app DIR` with users configured: the dashboard's code under /app/ (and the province page) is
 * public — it holds no data — while every /api/ route and the tiles need the login. On the fastify app in-process,
 * over a stand-in pool that answers the access queries (no database needed).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildServer } from './app';
import type { Pool } from './db';

const TOKEN = 'v'.repeat(40);

/** A pool with one user (a viewer, session TOKEN) and no data. */
function accessPool(asked: string[]): Pool {
  const query = async (sql: string, params: unknown[] = []) => {
    asked.push(sql);
    if (sql.startsWith('SELECT 1 FROM fa_user')) return { rows: [{ '?column?': 1 }], rowCount: 1 };
    if (sql.includes('FROM fa_session')) return params[0] === TOKEN ? { rows: [{ name: 'v', role: 'viewer' }], rowCount: 1 } : { rows: [], rowCount: 0 };
    return { rows: [], rowCount: 0 };
  };
  return { query } as unknown as Pool;
}

describe('serve --app with users configured', () => {
  const dir = mkdtempSync(join(tmpdir(), 'app-access-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>atlas</title>');

  it('serves /app/ and the province page without a login; /api/ and /tiles/ refuse without one and answer with one', async () => {
    const asked: string[] = [];
    const app = await buildServer({ pool: accessPool(asked), appDir: dir });
    for (const url of ['/app/', '/app/?server=http://127.0.0.1:8787', '/', '/api/health']) expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    expect(asked.filter((q) => q.includes('fa_session'))).toEqual([]); // the public paths never looked for a session
    for (const url of ['/api/layers', '/api/summary', '/api/indicators', '/api/regions', '/api/summary.geojson?region=231299', '/tiles/cultivated/14/1/1.mvt', '/api/county/231299/manifest.json', '/api/me']) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(401);
      expect(r.json().error).toMatch(/login/);
      const stale = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${'x'.repeat(40)}` } });
      expect(stale.statusCode, `${url} with an unknown token`).toBe(401);
    }
    const ok = await app.inject({ method: 'GET', url: '/api/layers', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ layers: [] });
    expect((await app.inject({ method: 'GET', url: `/api/regions?token=${TOKEN}` })).json()).toEqual({ regions: [] });
    await app.close();
  });
});

describe('POST /api/impact with users configured', () => {
  const site = { type: 'Polygon', coordinates: [[[125, 46], [125.01, 46], [125.01, 46.01], [125, 46.01], [125, 46]]] };
  const auth = { authorization: `Bearer ${TOKEN}` };

  it('a viewer may compute impact (read-only); without a login it is refused', async () => {
    const app = await buildServer({ pool: accessPool([]) });
    expect((await app.inject({ method: 'POST', url: '/api/impact', payload: { site, form: 'live' } })).statusCode).toBe(401);
    for (const form of ['live', 'full', undefined]) {
      const r = await app.inject({ method: 'POST', url: '/api/impact', headers: auth, payload: { site, form } });
      expect(r.statusCode, String(form)).toBe(200);
      // the stand-in store holds no parcels: the site alone (≈ 0.87 km²)
      const body = r.json() as { siteAreaM2?: number; site_area_m2?: number; report?: { siteAreaM2: number }; touched?: unknown[]; highlight?: unknown[] };
      const area = body.siteAreaM2 ?? body.site_area_m2 ?? body.report?.siteAreaM2;
      expect(area, String(form)).toBeGreaterThan(800_000);
      if (form === 'full') expect([body.touched, body.highlight]).toEqual([[], []]);
    }
    // 占补平衡 too (read-only); refused without a login
    const supplements = [{ id: 's', geometry: site }];
    expect((await app.inject({ method: 'POST', url: '/api/balance', payload: { site, supplements } })).statusCode).toBe(401);
    const b = await app.inject({ method: 'POST', url: '/api/balance', headers: auth, payload: { site, supplements } });
    expect(b.statusCode).toBe(200);
    expect((b.json() as { balance: { pieces: { id: string }[] }; impact: { siteAreaM2: number } }).balance.pieces.map((p) => p.id)).toEqual(['s']);
    const bad = await app.inject({ method: 'POST', url: '/api/balance', headers: auth, payload: { site, supplements: [{ id: 's', geometry: 'x' }] } });
    expect([bad.statusCode, bad.json().error]).toEqual([400, expect.stringMatching(/补充地块.* \/ a supplement must be/)]);
    await app.close();
  });

  it('hostile or malformed bodies: 400 with a clear message, nothing asked of the store', async () => {
    const asked: string[] = [];
    const app = await buildServer({ pool: accessPool(asked) });
    const bodies: [string, string | undefined, RegExp][] = [
      ['{"site": ', 'application/json', /not valid JSON|JSON/i],
      ['', 'application/json', /empty|JSON/i],
      ['null', 'application/json', /the body must be a JSON object/],
      ['{"site": {"type": "Polygon", "coordinates": [[["1e400", 2]]]}}', 'application/json', /at least 4 positions/],
      [JSON.stringify({ site: { type: 'Polygon', coordinates: [[[125, 46], [126, 46], [126, 47], [125, 46.5]]] } }), 'application/json', /not closed/],
      [JSON.stringify({ site, regionCode: "1' OR '1'='1" }), 'application/json', /regionCode/],
      [JSON.stringify({ site: { __proto__: { type: 'Polygon' }, coordinates: [] } }), 'application/json', /site: a Polygon/],
      ['{"site": {"__proto__": {"type": "Polygon"}, "coordinates": []}}', 'application/json', /the body could not be read/],
    ];
    for (const [payload, type, want] of bodies) {
      const before = asked.filter((q) => !q.includes('fa_user') && !q.includes('fa_session')).length;
      const r = await app.inject({ method: 'POST', url: '/api/impact', headers: { ...auth, ...(type ? { 'content-type': type } : {}) }, payload });
      expect(r.statusCode, payload.slice(0, 60)).toBe(400);
      expect(r.json().error, payload.slice(0, 60)).toMatch(want);
      expect(asked.filter((q) => !q.includes('fa_user') && !q.includes('fa_session')).length, 'no query for a refused body').toBe(before);
    }
    // not JSON at all: 415, in the same form
    const form = await app.inject({ method: 'POST', url: '/api/impact', headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'site=x' });
    expect([form.statusCode, form.json().error]).toEqual([415, expect.stringMatching(/the body could not be read/)]);
    await app.close();
  });
});
