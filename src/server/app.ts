/**
 * `farmland serve`: the HTTP API over the province store, on Fastify (maintained, schema-checked routes, and
 * `inject()` lets the tests call every route in-process without opening a port).
 *
 * Access: when fa_user has no users, the server is a single-user tool (every request acts as `local`, an admin —
 * it binds 127.0.0.1 by default). Once users exist, every route but /api/health and /api/login needs a bearer
 * token from /api/login; viewers read, editors also write their own scenarios, admins also read the audit log.
 * Every write is audited (who, when, what). All SQL is parameterised.
 */
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { allows, checkPassword, type Role } from './auth';
import type { Pool } from './db';
import { countyLayerGeoJson, countyManifest, targetsJson } from './countyFiles';
import { isLayerKind, summaryFromDbJson } from './engine';
import { provincePage } from './provincePage';
import { APP_PREFIX, registerApp } from './staticApp';
import { impactFromDb } from './impactDb';
import { balanceFromDb, fullImpactFromDb, liveImpactFromDb } from './impactAnswer';
import { parseBalanceRequest, parseImpactRequest } from './impactRequest';
import { layersInBox, parcelInfo, parcelsAt, parseBBox } from './parcels';
import { summaryFromDb } from './summaryDb';
import { indicatorsFromDb, remainderFromDb } from './indicatorsDb';
import { summaryGeoJson } from './summaryGeoJson';
import { ONE_COUNTY_GEOJSON } from '../core/engine/givenSummaryExport';
import { storedRegions } from './regionsLoad';
import { DEFAULT_AREA_BASIS, parseAreaBasis } from '../core/area/netArea';
import { parcelProps } from '../core/layers/propsTable';
import { detailZoom, tile, validTile } from './tiles';

export interface ServeOptions {
  pool: Pool;
  /** Where the dashboard runs (the province page links counties to it). Default http://127.0.0.1:5173/. */
  dashboardUrl?: string;
  /** The built dashboard to serve under /app/ (`--app dist`); the province page then links there. */
  appDir?: string;
  /** Session lifetime (s). Default 12 h. */
  sessionSeconds?: number;
  logger?: boolean;
}

interface Who {
  name: string;
  role: Role;
}

declare module 'fastify' {
  interface FastifyRequest {
    who?: Who;
  }
}

const gzipAsync = promisify(gzip);
const REGION_RE = /^\d{1,19}$/;
const COUNTY_RE = /^\d{6}$/;

/** Answers above this many bytes go gzipped to a client that takes it (a big site's report lists every parcel). */
const GZIP_FROM_BYTES = 16 * 1024;

/** onSend: a large JSON answer gzipped when the client accepts it (the browser's fetch always does). */
async function gzipLarge(req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (typeof payload !== 'string' || payload.length < GZIP_FROM_BYTES || !/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return payload;
  reply.header('content-encoding', 'gzip').header('vary', 'accept-encoding');
  reply.removeHeader('content-length');
  return gzipAsync(payload, { level: 4 });
}

export async function buildServer(opts: ServeOptions): Promise<FastifyInstance> {
  const { pool } = opts;
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 16 * 1024 * 1024 });
  const sessionSeconds = opts.sessionSeconds ?? 12 * 3600;

  const audit = (who: Who, action: string, detail: unknown) => pool.query('INSERT INTO fa_audit (who, action, detail) VALUES ($1, $2, $3)', [who.name, action, JSON.stringify(detail)]);
  const usersConfigured = async () => (await pool.query('SELECT 1 FROM fa_user LIMIT 1')).rowCount! > 0;

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split('?')[0];
    // the dashboard (another origin) reads county files and tiles: allow cross-origin GETs; auth still applies
    reply.header('access-control-allow-origin', '*');
    if (path === '/' || path === '/api/health' || path === '/api/login' || (opts.appDir && (path === '/app' || path.startsWith(APP_PREFIX)))) return;
    if (!(await usersConfigured())) {
      req.who = { name: 'local', role: 'admin' };
      return;
    }
    const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(req.headers.authorization ?? '');
    const token = m?.[1] ?? (typeof (req.query as Record<string, unknown>)?.token === 'string' ? ((req.query as Record<string, string>).token) : undefined);
    if (!token) return reply.code(401).send({ error: '需要登录 / login required' });
    const r = await pool.query<{ name: string; role: Role }>(
      'SELECT u.name, u.role FROM fa_session s JOIN fa_user u ON u.name = s.name WHERE s.token = $1 AND s.expires_at > now()',
      [token],
    );
    if (r.rowCount === 0) return reply.code(401).send({ error: '登录已失效 / session expired or unknown' });
    req.who = r.rows[0];
  });

  const need = (req: FastifyRequest, reply: FastifyReply, role: Role): Who | null => {
    const who = req.who;
    if (!who) {
      reply.code(401).send({ error: '需要登录 / login required' });
      return null;
    }
    if (!allows(who.role, role)) {
      reply.code(403).send({ error: `需要 ${role} 权限 / needs the ${role} role (you are ${who.role})` });
      return null;
    }
    return who;
  };

  app.get('/api/health', async () => ({ ok: true }));

  if (opts.appDir) registerApp(app, opts.appDir);
  app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send(provincePage(opts.dashboardUrl ?? (opts.appDir ? APP_PREFIX : 'http://127.0.0.1:5173/'))));

  // a county as the dashboard's files (manifest, layers as GeoJSON, targets): ?manifest=<this>/api/county/CODE/manifest.json
  app.get('/api/county/:county/manifest.json', async (req, reply) => {
    const { county } = req.params as { county: string };
    if (!COUNTY_RE.test(county)) return reply.code(400).send({ error: 'county code must be 6 digits' });
    const token = (req.query as { token?: string }).token;
    const m = await countyManifest(pool, county, typeof token === 'string' && /^[A-Za-z0-9_-]{20,200}$/.test(token) ? token : undefined);
    return m ?? reply.code(404).send({ error: 'county not loaded' });
  });
  app.get('/api/county/:county/:file', async (req, reply) => {
    const { county, file } = req.params as { county: string; file: string };
    const kind = file.replace(/\.geojson$/, '');
    if (!COUNTY_RE.test(county) || !isLayerKind(kind) || !file.endsWith('.geojson')) return reply.code(400).send({ error: 'bad county layer' });
    const text = await countyLayerGeoJson(pool, county, kind);
    if (text === null) return reply.code(404).send({ error: 'no such layer' });
    return reply.type('application/geo+json').send(text);
  });
  app.get('/api/targets.json', async () => targetsJson(pool));

  app.post('/api/login', async (req, reply) => {
    const body = (req.body ?? {}) as { name?: unknown; password?: unknown };
    if (typeof body.name !== 'string' || typeof body.password !== 'string') return reply.code(400).send({ error: 'name and password required' });
    const r = await pool.query<{ name: string; role: Role; hash: string }>('SELECT name, role, hash FROM fa_user WHERE name = $1', [body.name]);
    const u = r.rows[0];
    if (!u || !(await checkPassword(body.password, u.hash))) {
      await pool.query('INSERT INTO fa_audit (who, action, detail) VALUES ($1, $2, $3)', [body.name.slice(0, 64), 'login.refused', '{}']);
      return reply.code(401).send({ error: '用户名或密码错误 / wrong name or password' });
    }
    const token = randomBytes(32).toString('base64url');
    await pool.query(`INSERT INTO fa_session (token, name, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`, [token, u.name, sessionSeconds]);
    await audit(u, 'login', {});
    return { token, name: u.name, role: u.role };
  });

  app.get('/api/me', async (req) => req.who);

  app.get('/api/layers', async () => {
    const r = await pool.query(
      `SELECT l.county, l.kind, l.name, l.file, l.features, l.detail_min_zoom, l.bbox, c.vintage, c.name AS county_name
       FROM fa_layer l JOIN fa_county c ON c.county = l.county ORDER BY c.ord, l.ord`,
    );
    return { layers: r.rows };
  });

  /** Townships and villages with their extents (the dashboard's drill-down below the counties of /api/layers). */
  app.get('/api/regions', async () => ({ regions: await storedRegions(pool) }));

  app.get('/api/summary', async (req, reply) => {
    const { region, basis: basisArg, form } = req.query as { region?: string; basis?: string; form?: string };
    if (region !== undefined && region !== '' && !REGION_RE.test(region)) return reply.code(400).send({ error: 'region must be a code prefix of 1–19 digits' });
    const basis = basisArg === undefined || basisArg === '' ? DEFAULT_AREA_BASIS : parseAreaBasis(basisArg);
    if (basis === undefined) return reply.code(400).send({ error: 'basis must be net (地类面积) or polygon (图斑面积)' });
    const summary = await summaryFromDb(pool, { region: region || undefined, conflicts: true, basis });
    // form=engine: the engine's Summary object itself (what the dashboard's panels read in server mode)
    return form === 'engine' ? summary : summaryFromDbJson(summary);
  });

  /** The summary's parcels with their computed properties (as `farmland summary --geojson`), for one county's region. */
  app.get('/api/summary.geojson', async (req, reply) => {
    const { region } = req.query as { region?: string };
    if (region !== undefined && region !== '' && !REGION_RE.test(region)) return reply.code(400).send({ error: 'region must be a code prefix of 1–19 digits' });
    const r = region || undefined;
    const text = await summaryGeoJson(pool, await summaryFromDb(pool, { region: r, conflicts: false }), r, new Date());
    if (text === null) return reply.code(400).send({ error: ONE_COUNTY_GEOJSON });
    return reply.type('application/geo+json').send(text);
  });

  /** The quality indicators of a region (the engine's Indicators, from the pre-aggregates) and its remainder parcels for the map. */
  app.get('/api/indicators', async (req, reply) => {
    const { region, basis: basisArg } = req.query as { region?: string; basis?: string };
    if (region !== undefined && region !== '' && !REGION_RE.test(region)) return reply.code(400).send({ error: 'region must be a code prefix of 1–19 digits' });
    const basis = basisArg === undefined || basisArg === '' ? DEFAULT_AREA_BASIS : parseAreaBasis(basisArg);
    if (basis === undefined) return reply.code(400).send({ error: 'basis must be net (地类面积) or polygon (图斑面积)' });
    const r = region || undefined;
    // 经济奖惩 is priced on the target lines of the same selection and basis
    const summary = await summaryFromDb(pool, { region: r, conflicts: false, basis });
    const indicators = await indicatorsFromDb(pool, { region: r, targets: summary.targets });
    return { indicators, remainder: await remainderFromDb(pool, indicators) };
  });

  app.get('/tiles/:kind/:z/:x/:y', async (req, reply) => {
    const p = req.params as { kind: string; z: string; x: string; y: string };
    const y = Number(p.y.replace(/\.(mvt|pbf)$/, ''));
    const z = Number(p.z);
    const x = Number(p.x);
    if (!isLayerKind(p.kind) || !validTile(z, x, y)) return reply.code(400).send({ error: 'bad tile' });
    const t = await tile(pool, { kind: p.kind, z, x, y }, await detailZoom(pool, p.kind));
    reply.header('content-type', 'application/vnd.mapbox-vector-tile').header('x-features', String(t.features)).header('x-layer', t.layer);
    if (t.bytes.length === 0) return reply.code(204).send();
    return reply.send(t.bytes);
  });

  app.get('/api/parcel/:kind/:county/:pos', async (req, reply) => {
    const p = req.params as { kind: string; county: string; pos: string };
    if (!isLayerKind(p.kind) || !COUNTY_RE.test(p.county) || !/^\d{1,9}$/.test(p.pos)) return reply.code(400).send({ error: 'bad parcel reference' });
    const info = await parcelInfo(pool, p.kind, p.county, Number(p.pos));
    return info ?? reply.code(404).send({ error: 'no such parcel' });
  });

  app.get('/api/at', async (req, reply) => {
    const q = req.query as { lon?: string; lat?: string };
    const lon = Number(q.lon);
    const lat = Number(q.lat);
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return reply.code(400).send({ error: 'lon and lat required' });
    return { parcels: await parcelsAt(pool, lon, lat) };
  });

  /** Parcels whose bbox meets the box, as GeoJSON per layer: the client runs the engine's impact on them. */
  app.get('/api/parcels', async (req, reply) => {
    const q = req.query as { bbox?: string; kinds?: string };
    const box = parseBBox(q.bbox);
    if (!box) return reply.code(400).send({ error: 'bbox=west,south,east,north required' });
    const kinds = q.kinds ? q.kinds.split(',') : undefined;
    if (kinds?.some((k) => !isLayerKind(k))) return reply.code(400).send({ error: 'unknown layer kind' });
    const layers = await layersInBox(pool, box, kinds);
    return {
      layers: layers.map((l) => ({
        kind: l.kind, name: l.name, file: l.file,
        features: l.parcels.map((p) => ({ type: 'Feature', id: p.id, geometry: p.geometry, properties: parcelProps(l, p) })),
      })),
    };
  });

  const impactErrors = (err: FastifyError, _req: FastifyRequest, reply: FastifyReply) => {
    // /api/impact and /api/balance: a body that could not be read as JSON (or too big) is refused in their { error } form
    const code = err.statusCode ?? 500;
    if (code >= 500) throw err;
    return reply.code(code).send({ error: `请求体无法读取（${err.message}） / the body could not be read: ${err.message}` });
  };
  /**
   * The engine's impact of a site on the province (impactDb.ts: parcels wholly inside summed from their stored
   * areas, edge parcels clipped by the engine; the same figures as `farmland impact`). Read-only: every role may ask.
   * Body { site, form?, limit?, regionCode? } (impactRequest.ts checks it; a refusal is a 400 saying why):
   * form 'live' → the live figures while drawing, 'full' → the drawing's report, touched parcels and outlines
   * (impactAnswer.ts), none → the summary below.
   */
  app.post('/api/impact', { errorHandler: impactErrors, onSend: gzipLarge }, async (req, reply) => {
    const q = parseImpactRequest(req.body);
    if ('error' in q) return reply.code(400).send(q);
    if (q.form === 'live') return liveImpactFromDb(pool, q.site);
    if (q.form === 'full') return fullImpactFromDb(pool, q.site, { limit: q.limit, regionCode: q.regionCode });
    const r = (await impactFromDb(pool, q.site, undefined, q.regionCode ? { regionCode: q.regionCode } : {})).report;
    return {
      site_area_m2: r.siteAreaM2,
      layers: r.layers.map((l) => ({ kind: l.kind, name: l.name, area_m2: l.areaM2, area_mu: l.areaMu, parcels: l.parcels, parcel_ids: l.parcelIds })),
      flags: r.flags,
      compensation: r.compensation,
    };
  });

  /** 占补平衡 of supplements against a site (impactAnswer.ts balanceFromDb); the same checks and refusals as /api/impact. */
  app.post('/api/balance', { errorHandler: impactErrors, onSend: gzipLarge }, async (req, reply) => {
    const q = parseBalanceRequest(req.body);
    if ('error' in q) return reply.code(400).send(q);
    return balanceFromDb(pool, q.site, q.supplements, { regionCode: q.regionCode });
  });

  // scenarios: private to their owner unless shared; viewers cannot write
  app.get('/api/scenarios', async (req) => {
    const who = req.who!;
    const r = await pool.query('SELECT id, owner, name, shared, created_at, updated_at FROM fa_scenario WHERE owner = $1 OR shared ORDER BY id', [who.name]);
    return { scenarios: r.rows };
  });
  app.get('/api/scenarios/:id', async (req, reply) => {
    const who = req.who!;
    const id = (req.params as { id: string }).id;
    if (!/^\d{1,18}$/.test(id)) return reply.code(400).send({ error: 'bad id' });
    const r = await pool.query('SELECT id, owner, name, shared, body FROM fa_scenario WHERE id = $1 AND (owner = $2 OR shared)', [id, who.name]);
    return r.rows[0] ?? reply.code(404).send({ error: 'no such scenario' });
  });
  app.post('/api/scenarios', async (req, reply) => {
    const who = need(req, reply, 'editor');
    if (!who) return reply;
    const b = (req.body ?? {}) as { name?: unknown; body?: unknown; shared?: unknown };
    if (typeof b.name !== 'string' || b.name.length === 0 || b.name.length > 200 || b.body === undefined) return reply.code(400).send({ error: 'name (≤ 200 chars) and body required' });
    const r = await pool.query<{ id: string }>('INSERT INTO fa_scenario (owner, name, shared, body) VALUES ($1, $2, $3, $4) RETURNING id', [
      who.name, b.name, b.shared === true, JSON.stringify(b.body),
    ]);
    await audit(who, 'scenario.create', { id: r.rows[0].id, name: b.name, shared: b.shared === true });
    return reply.code(201).send({ id: r.rows[0].id });
  });
  /**
   * The scenario :id as a write may touch it: the caller (an editor) owns it, or it is shared and the caller is an
   * admin. Otherwise the refusal is sent (400 bad id, 404 not visible, 403 not the owner) and null returned.
   */
  const writableScenario = async (req: FastifyRequest, reply: FastifyReply, verb: { zh: string; en: string }): Promise<{ who: Who; id: string } | null> => {
    const who = need(req, reply, 'editor');
    if (!who) return null;
    const id = (req.params as { id: string }).id;
    if (!/^\d{1,18}$/.test(id)) {
      reply.code(400).send({ error: 'bad id' });
      return null;
    }
    const cur = await pool.query<{ owner: string; shared: boolean }>('SELECT owner, shared FROM fa_scenario WHERE id = $1', [id]);
    const row = cur.rows[0];
    if (!row || (row.owner !== who.name && !row.shared)) {
      reply.code(404).send({ error: 'no such scenario' });
      return null;
    }
    if (row.owner !== who.name && who.role !== 'admin') {
      reply.code(403).send({ error: `只有所有者可以${verb.zh} / only the owner may ${verb.en} a scenario` });
      return null;
    }
    return { who, id };
  };
  app.put('/api/scenarios/:id', async (req, reply) => {
    const w = await writableScenario(req, reply, { zh: '修改', en: 'change' });
    if (!w) return reply;
    const b = (req.body ?? {}) as { name?: unknown; body?: unknown; shared?: unknown };
    await pool.query(
      `UPDATE fa_scenario SET name = coalesce($2, name), body = coalesce($3::jsonb, body), shared = coalesce($4, shared), updated_at = now() WHERE id = $1`,
      [w.id, typeof b.name === 'string' ? b.name : null, b.body === undefined ? null : JSON.stringify(b.body), typeof b.shared === 'boolean' ? b.shared : null],
    );
    await audit(w.who, 'scenario.update', { id: w.id, name: b.name, shared: b.shared });
    return { id: w.id };
  });
  app.delete('/api/scenarios/:id', async (req, reply) => {
    const w = await writableScenario(req, reply, { zh: '删除', en: 'delete' });
    if (!w) return reply;
    await pool.query('DELETE FROM fa_scenario WHERE id = $1', [w.id]);
    await audit(w.who, 'scenario.delete', { id: w.id });
    return { id: w.id };
  });

  app.get('/api/audit', async (req, reply) => {
    if (!need(req, reply, 'admin')) return reply;
    const r = await pool.query('SELECT id, at, who, action, detail FROM fa_audit ORDER BY id DESC LIMIT 500');
    return { audit: r.rows };
  });

  return app;
}
