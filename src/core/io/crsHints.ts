/**
 * Hints for coordinates without a usable CRS: whether a box looks like degrees or metres, which EPSG codes could
 * explain metre coordinates (kept only where the data would land inside China and inside the candidate's own zone),
 * and whether a declared CRS puts the data somewhere implausible. Split from crs.ts, which defines the systems.
 * docs/domain.md §3.
 */
import proj4 from 'proj4';
import type { BBox } from '../types';
import { type CrsDef, crsFromEpsg, epsgLabel, proj4Source, proj4Target } from './crs';

/**
 * A rough outline of China (mainland, Hainan, Taiwan; generous, seas included near the coast), lon/lat.
 * Used only to narrow the candidate central meridians of metre coordinates without a .prj.
 */
const CHINA_OUTLINE: readonly (readonly [number, number])[] = [
  [73.5, 39.5], [79, 45], [80.5, 45.2], [82.5, 47.2], [87, 49.3], [90.5, 47.8], [96, 43], [105, 41.8], [111, 43.5],
  [116, 45.6], [119.5, 47.2], [115.5, 47.9], [117.8, 49.6], [120, 52.7], [122.5, 53.6], [126, 52.9], [127.5, 50],
  [131, 47.8], [134.8, 48.5], [133.2, 45], [131, 44.8], [130.5, 42.4], [124.3, 39.8], [121.5, 38.7], [122.8, 37.4],
  [120.5, 34.5], [122.2, 31], [122.6, 29.8], [121.9, 25.4], [121, 21.8], [120, 22.4], [117, 23.2], [113.5, 21.9],
  [111, 20.2], [111.1, 19.6], [110.6, 18.5], [109.5, 18.1], [108, 18.5], [108, 21.5], [106.7, 22.8], [102, 22.4], [101, 21.1], [98.7, 24.1],
  [97.5, 28.3], [92, 26.8], [88.9, 27.3], [85, 28.2], [81, 30.1], [78.7, 32.5], [78.1, 35.4], [74.8, 37.1],
];

function inChina(lon: number, lat: number): boolean {
  let inside = false;
  const n = CHINA_OUTLINE.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const [xi, yi] = CHINA_OUTLINE[i];
    const [xj, yj] = CHINA_OUTLINE[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Within ~0.5° of the outline (any of the point and its four 0.5° neighbours inside). */
const nearChina = (lon: number, lat: number): boolean =>
  inChina(lon, lat) || inChina(lon + 0.5, lat) || inChina(lon - 0.5, lat) || inChina(lon, lat + 0.5) || inChina(lon, lat - 0.5);

/** Kind of coordinates a native bbox holds. */
export function coordinateKind(b: BBox): 'degrees' | 'metres' | 'unknown' {
  if (!b.every(Number.isFinite)) return 'unknown';
  if (b[0] >= -180 && b[2] <= 180 && b[1] >= -90 && b[3] <= 90) return 'degrees';
  return 'metres';
}

export interface EpsgCandidates {
  /** CGCS2000 codes that could fit, most likely first. */
  codes: number[];
  /** Why (which rule matched), for the message. */
  basis: string;
  /** Equivalent legacy codes (Xi'an 80 / Beijing 54 / UTM) worth mentioning. */
  alternatives: number[];
}

/**
 * Which EPSG codes could fit metre coordinates without a .prj: a zone number in the easting (8 digits) gives
 * the zone and its code directly; an easting around 500 000 gives the central meridians whose zone, at the
 * data's northing, lands in China (3° zones 4534–4554, and 6° 4502–4512 when the easting is too far from
 * 500 000 for a 3° zone).
 */
export function candidateEpsg(b: BBox): EpsgCandidates {
  const cx = (b[0] + b[2]) / 2;
  const cy = (b[1] + b[3]) / 2;
  // Surveyors' X is the northing: some exports put it first. Say so rather than guess a zone from a northing.
  if (cx > 1.5e6 && cx < 6.2e6 && (cy > 1.3e7 || (cy > 0 && cy < 1e6)))
    return {
      codes: [],
      basis:
        `坐标似乎 X/Y 颠倒（x≈${Math.round(cx)} 像北坐标，y≈${Math.round(cy)} 像东坐标），请先交换坐标轴 / ` +
        `the axes look swapped (x ≈ ${Math.round(cx)} looks like a northing, y ≈ ${Math.round(cy)} like an easting): swap X and Y first`,
      alternatives: [],
    };
  // Every candidate is tried where it would put the data: kept only when the bbox corners and centre land in
  // (or within ~0.5° of) China and inside the candidate's own zone (issue 16 §5: a Web Mercator file once got
  // "try EPSG:4491", which puts it in Xinjiang with areas 2.08× too large).
  const lands = (code: number): boolean => {
    const def = crsFromEpsg(code);
    if (!def) return false;
    const half = def.kind === 'tmerc' ? (def.k0 === 0.9996 || (code >= 4491 && code <= 4512) ? 3.5 : 2) : Infinity;
    for (const [x, y] of [[b[0], b[1]], [b[0], b[3]], [b[2], b[1]], [b[2], b[3]], [cx, cy]]) {
      const ll = projectToLonLat(def, x, y);
      if (!ll || !nearChina(ll[0], ll[1])) return false;
      if (def.lon0 !== undefined && Math.abs(ll[0] - def.lon0) > half) return false;
    }
    return true;
  };
  const zone = Math.floor(cx / 1e6);
  const sameZone = Math.floor(b[0] / 1e6) === Math.floor(b[2] / 1e6);
  const webMerc = cx > 8e6 && cx < 1.6e7 && cy > 1.8e6 && cy < 7.3e6 && lands(3857);
  const merc = webMerc ? [3857] : [];
  const mercBasis = webMerc
    ? `；按 Web Mercator (EPSG:3857) 落在中国境内 / as Web Mercator (EPSG:3857) the data lands in China`
    : '';
  if (zone >= 25 && zone <= 45 && sameZone && lands(4513 + zone - 25))
    return {
      codes: [4513 + zone - 25],
      basis: `东坐标以 ${zone} 带号开头 / easting starts with zone number ${zone} (3° zone, CM ${zone * 3}°E)`,
      alternatives: [2349 + zone - 25, 2401 + zone - 25],
    };
  if (zone >= 13 && zone <= 23 && sameZone && lands(4491 + zone - 13))
    return {
      codes: [4491 + zone - 13, ...merc],
      basis: `东坐标以 ${zone} 带号开头 / easting starts with zone number ${zone} (6° zone, CM ${zone * 6 - 3}°E)${mercBasis}`,
      alternatives: [2327 + zone - 13, 21413 + zone - 13],
    };
  if (webMerc)
    return {
      codes: [3857],
      basis:
        `坐标像 Web Mercator（x≈${Math.round(cx)}, y≈${Math.round(cy)}），按 EPSG:3857 落在中国境内；按带号读作高斯-克吕格会落在中国境外或带外 / ` +
        `the coordinates look like Web Mercator (x ≈ ${Math.round(cx)}, y ≈ ${Math.round(cy)}): as EPSG:3857 they land in China, read as a Gauss-Krüger zone number they would land outside China or outside the zone`,
      alternatives: [],
    };
  if (cx > 0 && cx < 1e6 && cy > 1.5e6 && cy < 6.2e6) {
    const codes: number[] = [];
    for (let cm = 75; cm <= 135; cm += 3) if (lands(4534 + (cm - 75) / 3)) codes.push(4534 + (cm - 75) / 3);
    const six: number[] = [];
    for (let cm = 75; cm <= 135; cm += 6) if (lands(4502 + (cm - 75) / 6)) six.push(4502 + (cm - 75) / 6);
    const utm: number[] = [];
    for (let z = 43; z <= 53; z++) if (lands(32600 + z)) utm.push(32600 + z);
    const lat = cy / 110946;
    return {
      codes: codes.length ? [...codes, ...six.filter((c) => !codes.includes(4534 + ((c - 4502) * 6) / 3))] : six,
      basis:
        `东坐标约 ${Math.round(cx)}（500000 附近、无带号），北坐标约 ${Math.round(cy)}（约北纬 ${lat.toFixed(0)}°），` +
        `中央经线未知；只列出使数据落在中国境内且在带内的坐标系 / easting ≈ ${Math.round(cx)} (around 500 000, no zone number), northing ≈ ${Math.round(cy)} ` +
        `(≈ ${lat.toFixed(0)}°N): central meridian unknown; listed are only those that put the data inside China and inside their zone`,
      alternatives: utm,
    };
  }
  return {
    codes: [],
    basis:
      `坐标 (${Math.round(cx)}, ${Math.round(cy)}) 按任何支持的中国坐标系都不落在中国境内（或在带外） / ` +
      `coordinates (${Math.round(cx)}, ${Math.round(cy)}) land outside China (or outside the zone) in every Chinese grid we support`,
    alternatives: [],
  };
}

/** lon/lat of a native point under a CRS (proj4), or undefined. */
function projectToLonLat(def: CrsDef, x: number, y: number): [number, number] | undefined {
  try {
    const r = proj4(proj4Source(def), proj4Target(def)).forward([x, y]) as number[];
    return Number.isFinite(r[0]) && Number.isFinite(r[1]) && Math.abs(r[1]) <= 90 ? [r[0], r[1]] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether native coordinates can belong to a CRS at all; a message saying what is off (and which EPSG code
 * would fit) when they cannot. Catches the common mix-ups before any conversion: a zone number in the eastings
 * but not in the .prj's false easting (or the reverse), metre coordinates under a geographic CRS, swapped axes.
 */
export function implausible(def: CrsDef, b: BBox): string | undefined {
  const kind = coordinateKind(b);
  const cx = (b[0] + b[2]) / 2;
  const cy = (b[1] + b[3]) / 2;
  const suggest = (codes: number[]): string => (codes.length ? `；可能是 / perhaps ${codes.map(epsgLabel).join('; ')}` : '');
  if (def.kind === 'geographic') {
    if (kind !== 'metres') return undefined;
    const c = candidateEpsg(b);
    return (
      `坐标系是经纬度 (${def.name})，但坐标以米为单位 (x≈${Math.round(cx)}, y≈${Math.round(cy)})${suggest(c.codes)} / ` +
      `the CRS is geographic (${def.name}) but the coordinates are in metres. ${c.basis}`
    );
  }
  if (def.kind !== 'tmerc') return undefined;
  const m = def.toMeter ?? 1;
  const x0 = def.x0 ?? 0;
  const dx = cx * m - x0;
  // A TM zone used for survey data spans at most a few hundred km either side of its central meridian.
  if (Math.abs(dx) <= 1_500_000 && cy * m > -1e7 && cy * m < 1e7 + (def.y0 ?? 0)) return undefined;
  const c = candidateEpsg(b);
  if (c.codes.length === 0 && /swapped/.test(c.basis)) return c.basis;
  let why: string;
  if (cx >= 1e7 && x0 < 1e7) why = `东坐标带有带号（≈${Math.round(cx)}），而坐标系的东偏移是 ${x0}（不带带号） / the eastings carry a zone number (≈ ${Math.round(cx)}) but the CRS's false easting is ${x0} (no zone number)`;
  else if (cx < 1e7 && x0 >= 1e7) {
    const lon0 = def.lon0 ?? 0;
    const same = def.datum === 'cgcs2000' && Number.isInteger((lon0 - 75) / 3) ? [4534 + (lon0 - 75) / 3] : [];
    return (
      `东坐标不带带号（≈${Math.round(cx)}），而坐标系 ${def.name} 的东偏移是 ${x0}（带带号）${suggest(same)} / ` +
      `the eastings have no zone number (≈ ${Math.round(cx)}) but ${def.name} has false easting ${x0}`
    );
  } else why = `坐标 (x≈${Math.round(cx)}, y≈${Math.round(cy)}) 远在 ${def.name} 的投影带之外 / coordinates lie far outside the zone of ${def.name}`;
  return `${why}${suggest(c.codes)}. ${c.basis}`;
}
