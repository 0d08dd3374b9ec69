/**
 * The body of `POST /api/impact`, checked before anything reaches the database: the site (a Polygon / MultiPolygon,
 * a Feature or a FeatureCollection of them, or an array of geometries) within size limits, with finite lon/lat
 * positions and closed rings, and the answer's options. A refusal is a message in both languages ("中文 / English"),
 * sent as 400; the dashboard shows the side of its language.
 */
import type { DrawnFeature } from '../core/engine/drawing';
import type { AreaGeometry } from '../core/types';

/** Most polygons in one site (a drawing, or an imported site file). */
export const MAX_SITE_POLYGONS = 1000;
/** Most positions over all rings of a site. */
export const MAX_SITE_POSITIONS = 200_000;
/** Most touched parcels and outlines one answer lists. */
export const MAX_TOUCHED_LIMIT = 10_000;

/** What the dashboard asks: `live` (the figures while drawing), `full` (the report, touched parcels, outlines), or the CLI-like summary. */
export type ImpactForm = 'live' | 'full' | 'summary';

export interface ImpactRequest {
  site: AreaGeometry[];
  form: ImpactForm;
  limit?: number;
  regionCode?: string;
}

type Refusal = { error: string };

const refuse = (zh: string, en: string): Refusal => ({ error: `${zh} / ${en}` });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Positions counted over the whole site (a shared counter, so one huge polygon or many small ones both stop). */
interface Budget {
  positions: number;
  polygons: number;
}

function ringError(ring: unknown, budget: Budget): Refusal | null {
  if (!Array.isArray(ring) || ring.length < 4) return refuse('环至少需要 4 个坐标点（首尾相同）', 'a ring needs at least 4 positions (first = last)');
  budget.positions += ring.length;
  if (budget.positions > MAX_SITE_POSITIONS) return refuse(`用地范围的坐标点超过 ${MAX_SITE_POSITIONS} 个`, `the site has more than ${MAX_SITE_POSITIONS} positions`);
  for (const p of ring) {
    if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((x) => typeof x === 'number' && Number.isFinite(x)))
      return refuse('坐标点应为 [经度, 纬度] 数值', 'a position must be [lon, lat] numbers');
    if (Math.abs(p[0] as number) > 180 || Math.abs(p[1] as number) > 90) return refuse('坐标超出经纬度范围（应为 EPSG:4490 经纬度）', 'a position is outside lon/lat range (EPSG:4490 degrees expected)');
  }
  const a = ring[0] as number[];
  const b = ring[ring.length - 1] as number[];
  if (a[0] !== b[0] || a[1] !== b[1]) return refuse('环未闭合（首尾坐标应相同）', 'a ring is not closed (first and last positions must be equal)');
  return null;
}

function polygonError(rings: unknown, budget: Budget): Refusal | null {
  if (!Array.isArray(rings) || rings.length === 0) return refuse('面的坐标应为环的数组', 'a polygon’s coordinates must be an array of rings');
  for (const r of rings) {
    const e = ringError(r, budget);
    if (e) return e;
  }
  return null;
}

/** The site's geometries, or why not (`budget`: positions and polygons counted so far, shared with supplements). */
export function siteGeometries(site: unknown, budget: Budget = { positions: 0, polygons: 0 }): AreaGeometry[] | Refusal {
  const list: unknown[] = Array.isArray(site) ? site : isObject(site) && site.type === 'FeatureCollection' ? (Array.isArray(site.features) ? site.features : [null]) : [site];
  const what = refuse('site 应为 Polygon / MultiPolygon、Feature 或它们的 FeatureCollection', 'site: a Polygon / MultiPolygon, a Feature or a FeatureCollection of them');
  if (list.length === 0) return what;
  const out: AreaGeometry[] = [];
  for (const item of list) {
    const g = isObject(item) && item.type === 'Feature' ? item.geometry : item;
    if (!isObject(g) || (g.type !== 'Polygon' && g.type !== 'MultiPolygon') || !Array.isArray(g.coordinates)) return what;
    const parts: unknown[] = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    if (parts.length === 0) return what;
    budget.polygons += parts.length;
    if (budget.polygons > MAX_SITE_POLYGONS) return refuse(`用地范围的面超过 ${MAX_SITE_POLYGONS} 个`, `the site has more than ${MAX_SITE_POLYGONS} polygons`);
    for (const rings of parts) {
      const e = polygonError(rings, budget);
      if (e) return e;
    }
    // only the checked members travel on (a hostile object's other keys stay behind)
    out.push({ type: g.type, coordinates: g.coordinates } as AreaGeometry);
  }
  return out;
}

export interface BalanceRequest {
  site: AreaGeometry[];
  supplements: DrawnFeature[];
  regionCode?: string;
}

/** Most characters of a supplement's id. */
const MAX_ID_CHARS = 200;

/**
 * The body of `POST /api/balance`: { site, supplements: [{ id, geometry, properties? }], regionCode? }, the site and
 * the supplements' geometries within the same limits (counted together), or why it is refused.
 */
export function parseBalanceRequest(body: unknown): BalanceRequest | Refusal {
  if (!isObject(body)) return refuse('请求体应为 JSON 对象 { site, supplements, regionCode? }', 'the body must be a JSON object { site, supplements, regionCode? }');
  const budget: Budget = { positions: 0, polygons: 0 };
  const site = siteGeometries(body.site, budget);
  if (!Array.isArray(site)) return site;
  if (!Array.isArray(body.supplements)) return refuse('supplements 应为补充地块的数组 [{ id, geometry, properties? }]', 'supplements must be an array of pieces [{ id, geometry, properties? }]');
  const supplements: DrawnFeature[] = [];
  for (const f of body.supplements) {
    const shape = isObject(f) && isObject(f.geometry) && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon');
    if (!shape || typeof f.id !== 'string' || f.id.length === 0 || f.id.length > MAX_ID_CHARS || (f.properties !== undefined && f.properties !== null && !isObject(f.properties)))
      return refuse(`补充地块应为 { id（1–${MAX_ID_CHARS} 字符）, geometry, properties? }`, `a supplement must be { id (1–${MAX_ID_CHARS} characters), geometry, properties? }`);
    const g = siteGeometries(f.geometry, budget);
    if (!Array.isArray(g)) return g;
    supplements.push({ id: f.id, geometry: g[0], properties: isObject(f.properties) ? f.properties : {} });
  }
  const region = regionCodeOf(body);
  if (region !== undefined && typeof region !== 'string') return region;
  return { site, supplements, ...(region ? { regionCode: region } : {}) };
}

/** The optional regionCode, or why it is refused. */
function regionCodeOf(body: Record<string, unknown>): string | undefined | Refusal {
  if (body.regionCode === undefined) return undefined;
  if (typeof body.regionCode !== 'string' || !/^\d{1,12}$/.test(body.regionCode)) return refuse('regionCode 应为 1–12 位数字的行政区代码', 'regionCode must be a region code of 1–12 digits');
  return body.regionCode;
}

/** The request, or why it is refused. */
export function parseImpactRequest(body: unknown): ImpactRequest | Refusal {
  if (!isObject(body)) return refuse('请求体应为 JSON 对象 { site, form?, limit?, regionCode? }', 'the body must be a JSON object { site, form?, limit?, regionCode? }');
  const site = siteGeometries(body.site);
  if (!Array.isArray(site)) return site;
  const form = body.form ?? 'summary';
  if (form !== 'live' && form !== 'full' && form !== 'summary') return refuse('form 应为 live、full 或 summary', 'form must be live, full or summary');
  const out: ImpactRequest = { site, form };
  if (body.limit !== undefined) {
    if (typeof body.limit !== 'number' || !Number.isInteger(body.limit) || body.limit < 0 || body.limit > MAX_TOUCHED_LIMIT)
      return refuse(`limit 应为 0–${MAX_TOUCHED_LIMIT} 的整数`, `limit must be an integer 0–${MAX_TOUCHED_LIMIT}`);
    out.limit = body.limit;
  }
  const region = regionCodeOf(body);
  if (region !== undefined && typeof region !== 'string') return region;
  if (region) out.regionCode = region;
  return out;
}
