/**
 * `farmland serve --app DIR`: the built dashboard (`npm run build` → dist/, relative paths) served by the province
 * server itself under /app/, so one command serves both and the dashboard opens in server mode on the same origin
 * (`/app/?server=<origin>`). Files only from DIR (no path leaves it), never a listing; the dashboard's code is
 * public, the data behind /api and /tiles keeps its login.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';

export const APP_PREFIX = '/app/';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/** The file under `dir` a request path names, or null when it would leave `dir`. */
export function appFile(dir: string, path: string): string | null {
  const root = resolve(dir);
  let rel: string;
  try {
    rel = decodeURIComponent(path.slice(APP_PREFIX.length));
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  const file = resolve(root, rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel);
  return file === root || !file.startsWith(root + sep) ? null : file;
}

/**
 * Cross-origin isolation for the dashboard (as vite.config.ts gives it in dev and preview): its workers may then
 * share memory, and the map's tile worker reads the engine's positions instead of a copy (worker/tiles/packed.ts).
 * Everything the dashboard loads comes from this origin, or by CORS from the server it is pointed at.
 */
export const ISOLATION_HEADERS = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } as const;

export function registerApp(app: FastifyInstance, dir: string): void {
  app.get(`${APP_PREFIX}*`, async (req, reply) => {
    reply.headers(ISOLATION_HEADERS);
    const file = appFile(dir, req.url.split('?')[0]);
    if (!file) return reply.code(404).send({ error: 'not found' });
    try {
      if (!(await stat(file)).isFile()) return reply.code(404).send({ error: 'not found' });
      return reply.type(TYPES[extname(file)] ?? 'application/octet-stream').send(await readFile(file));
    } catch {
      return reply.code(404).send({ error: 'not found' });
    }
  });
  app.get('/app', async (_req, reply) => reply.redirect(APP_PREFIX));
}
