/**
 * The body of `POST /api/impact`, checked before anything reaches the database: the site (a Polygon / MultiPolygon,
 * a Feature or a FeatureCollection of them, or an array of geometries) within size limits, with finite lon/lat
 * positions and closed rings, and the answer's options. A refusal is a message in both languages ("中文 / English"),
 * sent as 400; the dashboard shows the side of its language.
 */
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

/** The site's geometries, or why not. */
export function siteGeometries(site: unknown): AreaGeometry[] | Refusal {
  const list: unknown[] = Array.isArray(site) ? site : isObject(site) && site.type === 'FeatureCollection' ? (Array.isArray(site.features) ? site.features : [null]) : [site];
  const what = refuse('site 应为 Polygon / MultiPolygon、Feature 或它们的 FeatureCollection', 'site: a Polygon / MultiPolygon, a Feature or a FeatureCollection of them');
  if (list.length === 0) return what;
  const out: AreaGeometry[] = [];
  const budget: Budget = { positions: 0 };
  let polygons = 0;
  for (const item of list) {
    const g = isObject(item) && item.type === 'Feature' ? item.geometry : item;
    if (!isObject(g) || (g.type !== 'Polygon' && g.type !== 'MultiPolygon') || !Array.isArray(g.coordinates)) return what;
    const parts: unknown[] = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    if (parts.length === 0) return what;
    polygons += parts.length;
    if (polygons > MAX_SITE_POLYGONS) return refuse(`用地范围的面超过 ${MAX_SITE_POLYGONS} 个`, `the site has more than ${MAX_SITE_POLYGONS} polygons`);
    for (const rings of parts) {
      const e = polygonError(rings, budget);
      if (e) return e;
    }
    // only the checked members travel on (a hostile object's other keys stay behind)
    out.push({ type: g.type, coordinates: g.coordinates } as AreaGeometry);
  }
  return out;
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
  if (body.regionCode !== undefined) {
    if (typeof body.regionCode !== 'string' || !/^\d{1,12}$/.test(body.regionCode)) return refuse('regionCode 应为 1–12 位数字的行政区代码', 'regionCode must be a region code of 1–12 digits');
    out.regionCode = body.regionCode;
  }
  return out;
}
