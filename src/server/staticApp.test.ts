import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { appFile, registerApp } from './staticApp';

describe('the built dashboard under /app/', () => {
  const dir = mkdtempSync(join(tmpdir(), 'app-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>atlas</title>');
  writeFileSync(join(dir, 'assets', 'a.js'), 'export {}');
  writeFileSync(join(tmpdir(), 'secret.txt'), 'no');

  it('names files inside the folder only', () => {
    expect(appFile(dir, '/app/')).toBe(join(dir, 'index.html'));
    expect(appFile(dir, '/app/assets/a.js')).toBe(join(dir, 'assets', 'a.js'));
    for (const bad of ['/app/../secret.txt', '/app/%2e%2e/secret.txt', '/app/..%2fsecret.txt', '/app/%00', '/app/%E0%A4%A']) expect(appFile(dir, bad), bad).toBeNull();
  });

  it('serves them with their media type; anything else is 404', async () => {
    const app = Fastify();
    registerApp(app, dir);
    const index = await app.inject({ method: 'GET', url: '/app/?server=http://127.0.0.1:8787' });
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toContain('text/html');
    expect(index.body).toContain('atlas');
    // cross-origin isolated, as vite gives it: the workers may share memory (worker/tiles/packed.ts)
    expect(index.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(index.headers['cross-origin-embedder-policy']).toBe('require-corp');
    const js = await app.inject({ method: 'GET', url: '/app/assets/a.js' });
    expect(js.headers['content-type']).toContain('text/javascript');
    expect((await app.inject({ method: 'GET', url: '/app/..%2f..%2fsecret.txt' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/app/assets' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/app/missing.js' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/app' })).headers.location).toBe('/app/');
    await app.close();
  });
});
