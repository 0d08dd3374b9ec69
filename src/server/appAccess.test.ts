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
