/**
 * Coordinate reference systems the importer understands, built from parameters (no network EPSG lookup):
 * CGCS2000 geographic (4490) and Gauss-Krüger (3° zones 4513–4533 with the zone number in the false easting,
 * 4534–4554 without; 6° 4491–4501 / 4502–4512), WGS 84 (4326) and its UTM zones (326xx / 327xx), Web Mercator
 * (3857), Xi'an 1980 (4610; GK 2327–2390) and Beijing 1954 (4214; GK 21413–21423, 21453–21463, 2401–2442).
 * docs/domain.md §3.
 *
 * Datums: CGCS2000 and WGS 84 agree to a few centimetres and are treated as identical (lon/lat taken as is).
 * Xi'an 80 (IAG-75 ellipsoid) and Beijing 54 (Krassowsky) differ from CGCS2000 by tens of metres and there is
 * no nationwide published transformation: unless the .prj carries TOWGS84 parameters, positions are converted
 * on their own ellipsoid and the datum shift is left undone — `datumWarning` says so.
 */
import type { BBox } from '../types';

export type Datum = 'cgcs2000' | 'wgs84' | 'xian80' | 'beijing54';

export interface Ellipsoid {
  name: string;
  a: number;
  /** Inverse flattening 1/f. */
  rf: number;
}

export const ELLIPSOIDS: Record<Datum, Ellipsoid> = {
  cgcs2000: { name: 'CGCS2000', a: 6378137, rf: 298.257222101 },
  wgs84: { name: 'WGS 84', a: 6378137, rf: 298.257223563 },
  xian80: { name: 'IAG 1975', a: 6378140, rf: 298.257 },
  beijing54: { name: 'Krassowsky 1940', a: 6378245, rf: 298.3 },
};

const DATUM_NAMES: Record<Datum, string> = {
  cgcs2000: 'CGCS2000',
  wgs84: 'WGS 84',
  xian80: 'Xian 1980',
  beijing54: 'Beijing 1954',
};

const DATUM_ZH: Record<Datum, string> = {
  cgcs2000: '2000国家大地坐标系',
  wgs84: 'WGS 84',
  xian80: '1980西安坐标系',
  beijing54: '1954北京坐标系',
};

/** A CRS as the importer holds it: enough parameters to build a proj4 definition. */
export interface CrsDef {
  kind: 'geographic' | 'tmerc' | 'webmerc';
  datum: Datum;
  ellipsoid: Ellipsoid;
  /** Transverse Mercator parameters (degrees / metres). */
  lon0?: number;
  lat0?: number;
  k0?: number;
  x0?: number;
  y0?: number;
  /** Linear unit in metres (1 for metre). */
  toMeter?: number;
  /** Datum shift to WGS 84 / CGCS2000 (3 or 7 parameters), only when the .prj names one. */
  towgs84?: number[];
  /** EPSG code when the parameters match one. */
  epsg?: number;
  /** Human name, e.g. "CGCS2000 / 3-degree Gauss-Kruger zone 39". */
  name: string;
}

const GEOGRAPHIC: Record<number, Datum> = { 4490: 'cgcs2000', 4326: 'wgs84', 4610: 'xian80', 4214: 'beijing54' };

/** First EPSG code of each GK family per datum; `undefined` where EPSG has none. */
interface GkCodes {
  zone6: number; // 6° zones 13..23, zone number in the false easting
  cm6: number; // 6° CM 75E..135E, false easting 500 000
  zone3: number; // 3° zones 25..45, zone number in the false easting
  cm3: number; // 3° CM 75E..135E
}

const GK_CODES: Record<'cgcs2000' | 'xian80' | 'beijing54', GkCodes> = {
  cgcs2000: { zone6: 4491, cm6: 4502, zone3: 4513, cm3: 4534 },
  xian80: { zone6: 2327, cm6: 2338, zone3: 2349, cm3: 2370 },
  beijing54: { zone6: 21413, cm6: 21453, zone3: 2401, cm3: 2422 },
};

function tmerc(datum: Datum, lon0: number, x0: number, name: string, epsg: number, k0 = 1, y0 = 0): CrsDef {
  return { kind: 'tmerc', datum, ellipsoid: ELLIPSOIDS[datum], lon0, lat0: 0, k0, x0, y0, toMeter: 1, epsg, name };
}

/** The CRS of an EPSG code, or undefined when the importer does not support it. */
export function crsFromEpsg(code: number): CrsDef | undefined {
  if (!Number.isInteger(code)) return undefined;
  const geo = GEOGRAPHIC[code];
  if (geo) return { kind: 'geographic', datum: geo, ellipsoid: ELLIPSOIDS[geo], epsg: code, name: DATUM_NAMES[geo] };
  if (code === 3857)
    return { kind: 'webmerc', datum: 'wgs84', ellipsoid: ELLIPSOIDS.wgs84, epsg: 3857, name: 'WGS 84 / Pseudo-Mercator' };
  if ((code >= 32601 && code <= 32660) || (code >= 32701 && code <= 32760)) {
    const south = code > 32700;
    const zone = code - (south ? 32700 : 32600);
    return tmerc('wgs84', zone * 6 - 183, 500000, `WGS 84 / UTM zone ${zone}${south ? 'S' : 'N'}`, code, 0.9996, south ? 10000000 : 0);
  }
  for (const datum of ['cgcs2000', 'xian80', 'beijing54'] as const) {
    const c = GK_CODES[datum];
    const dn = DATUM_NAMES[datum];
    if (code >= c.zone6 && code <= c.zone6 + 10) {
      const zone = 13 + code - c.zone6;
      return tmerc(datum, zone * 6 - 3, zone * 1e6 + 500000, `${dn} / Gauss-Kruger zone ${zone}`, code);
    }
    if (code >= c.cm6 && code <= c.cm6 + 10) {
      const cm = 75 + 6 * (code - c.cm6);
      return tmerc(datum, cm, 500000, `${dn} / Gauss-Kruger CM ${cm}E`, code);
    }
    if (code >= c.zone3 && code <= c.zone3 + 20) {
      const zone = 25 + code - c.zone3;
      return tmerc(datum, zone * 3, zone * 1e6 + 500000, `${dn} / 3-degree Gauss-Kruger zone ${zone}`, code);
    }
    if (code >= c.cm3 && code <= c.cm3 + 20) {
      const cm = 75 + 3 * (code - c.cm3);
      return tmerc(datum, cm, 500000, `${dn} / 3-degree Gauss-Kruger CM ${cm}E`, code);
    }
  }
  return undefined;
}

const near = (a: number | undefined, b: number, tol = 1e-9): boolean => a !== undefined && Math.abs(a - b) <= tol;

/**
 * The EPSG code whose parameters this CRS has, if any. A 6° CM zone and a 3° CM zone with the same central
 * meridian (e.g. 117°E, x₀ 500 000) are mathematically identical: `prefer6` picks the 6° code (the .prj's name
 * says "6 degree"); by default the 3° code, the one survey data uses.
 */
export function identifyEpsg(def: CrsDef, prefer6 = false): number | undefined {
  if (def.towgs84 !== undefined && def.datum !== 'cgcs2000' && def.datum !== 'wgs84') return undefined;
  if (def.kind === 'geographic') {
    for (const [code, datum] of Object.entries(GEOGRAPHIC)) if (datum === def.datum) return Number(code);
    return undefined;
  }
  if (def.kind === 'webmerc') return 3857;
  if (!near(def.lat0 ?? 0, 0) || !near(def.toMeter ?? 1, 1)) return undefined;
  const lon0 = def.lon0 ?? 0;
  const x0 = def.x0 ?? 0;
  const y0 = def.y0 ?? 0;
  if (def.datum === 'wgs84') {
    if (!near(def.k0, 0.9996) || !near(x0, 500000)) return undefined;
    const zone = (lon0 + 183) / 6;
    if (!Number.isInteger(zone) || zone < 1 || zone > 60) return undefined;
    if (near(y0, 0)) return 32600 + zone;
    if (near(y0, 10000000)) return 32700 + zone;
    return undefined;
  }
  if (!near(def.k0 ?? 1, 1) || !near(y0, 0)) return undefined;
  const c = GK_CODES[def.datum];
  if (near(x0, 500000, 1e-6)) {
    const is3 = Number.isInteger((lon0 - 75) / 3) && lon0 >= 75 && lon0 <= 135;
    const is6 = Number.isInteger((lon0 - 75) / 6) && lon0 >= 75 && lon0 <= 135;
    if (is6 && (prefer6 || !is3)) return c.cm6 + (lon0 - 75) / 6;
    if (is3) return c.cm3 + (lon0 - 75) / 3;
    return undefined;
  }
  const zone = (x0 - 500000) / 1e6;
  if (!Number.isInteger(zone)) return undefined;
  if (zone >= 25 && zone <= 45 && near(lon0, zone * 3)) return c.zone3 + zone - 25;
  if (zone >= 13 && zone <= 23 && near(lon0, zone * 6 - 3)) return c.zone6 + zone - 13;
  return undefined;
}

/** Human name of an EPSG code the importer supports ("EPSG:4527 CGCS2000 / 3-degree Gauss-Kruger zone 39"). */
export function epsgLabel(code: number): string {
  const def = crsFromEpsg(code);
  return def ? `EPSG:${code} ${def.name}` : `EPSG:${code}`;
}

/** Chinese name of a datum (2000国家大地坐标系 …). */
export const datumZh = (d: Datum): string => DATUM_ZH[d];

const fmt = (n: number): string => String(n);

/** proj4 definition of the CRS. */
export function proj4Source(def: CrsDef): string {
  const e = def.ellipsoid;
  const ell = `+a=${fmt(e.a)} +rf=${fmt(e.rf)}`;
  const shift = def.towgs84 ? ` +towgs84=${def.towgs84.join(',')}` : '';
  if (def.kind === 'geographic') return `+proj=longlat ${ell}${shift} +no_defs`;
  if (def.kind === 'webmerc') return '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +no_defs';
  const units = def.toMeter !== undefined && def.toMeter !== 1 ? `+to_meter=${fmt(def.toMeter)}` : '+units=m';
  return (
    `+proj=tmerc +lat_0=${fmt(def.lat0 ?? 0)} +lon_0=${fmt(def.lon0 ?? 0)} +k=${fmt(def.k0 ?? 1)} ` +
    `+x_0=${fmt(def.x0 ?? 0)} +y_0=${fmt(def.y0 ?? 0)} ${ell}${shift} ${units} +no_defs`
  );
}

/**
 * proj4 definition of the lon/lat the CRS converts to: the same ellipsoid (no datum shift) unless the CRS has
 * TOWGS84 parameters, then WGS 84 (= CGCS2000 at survey precision).
 */
export function proj4Target(def: CrsDef): string {
  if (def.kind === 'webmerc') return '+proj=longlat +a=6378137 +b=6378137 +no_defs';
  if (def.towgs84) return '+proj=longlat +datum=WGS84 +no_defs';
  return `+proj=longlat +a=${fmt(def.ellipsoid.a)} +rf=${fmt(def.ellipsoid.rf)} +no_defs`;
}

/** A warning for datums whose shift to CGCS2000 is not applied (Xi'an 80, Beijing 54 without TOWGS84). */
export function datumWarning(def: CrsDef): string | undefined {
  if (def.datum === 'cgcs2000' || def.datum === 'wgs84') return undefined;
  const dn = `${DATUM_ZH[def.datum]} (${DATUM_NAMES[def.datum]}, ${def.ellipsoid.name} a=${def.ellipsoid.a} 1/f=${def.ellipsoid.rf})`;
  if (def.towgs84)
    return (
      `${dn}: 按 .prj 中的 TOWGS84 参数 [${def.towgs84.join(', ')}] 转换到 CGCS2000，精度取决于这些参数 / ` +
      `converted to CGCS2000 with the .prj's TOWGS84 [${def.towgs84.join(', ')}]; accuracy depends on those parameters`
    );
  return (
    `${dn}: 到 CGCS2000 的基准转换参数未知，坐标仅在原椭球上换算为经纬度、未做基准转换，位置可能偏差数十米；` +
    `面积仍按 CGCS2000 椭球计算。请向当地测绘部门索取转换参数后转换为 CGCS2000 / ` +
    `datum shift to CGCS2000 unknown: coordinates were converted to lon/lat on their own ellipsoid with no datum ` +
    `shift, positions may be off by tens of metres; areas are still computed on CGCS2000. Convert the data to ` +
    `CGCS2000 with the local surveying authority's parameters`
  );
}

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
  const zone = Math.floor(cx / 1e6);
  if (zone >= 25 && zone <= 45 && Math.floor(b[0] / 1e6) === Math.floor(b[2] / 1e6))
    return {
      codes: [4513 + zone - 25],
      basis: `东坐标以 ${zone} 带号开头 / easting starts with zone number ${zone} (3° zone, CM ${zone * 3}°E)`,
      alternatives: [2349 + zone - 25, 2401 + zone - 25],
    };
  if (zone >= 13 && zone <= 23 && Math.floor(b[0] / 1e6) === Math.floor(b[2] / 1e6))
    return {
      codes: [4491 + zone - 13],
      basis: `东坐标以 ${zone} 带号开头 / easting starts with zone number ${zone} (6° zone, CM ${zone * 6 - 3}°E)`,
      alternatives: [2327 + zone - 13, 21413 + zone - 13],
    };
  if (cx > 0 && cx < 1e6 && cy > 1.5e6 && cy < 6.2e6) {
    // Rough latitude from the northing (meridian arc ≈ 110.9 km per degree at these latitudes).
    const lat = cy / 110946;
    const dxKm = (cx - 500000) / 1000;
    const dLon = dxKm / (111.32 * Math.cos((lat * Math.PI) / 180));
    const codes: number[] = [];
    for (let cm = 75; cm <= 135; cm += 3) if (nearChina(cm + dLon, lat)) codes.push(4534 + (cm - 75) / 3);
    const six: number[] = [];
    if (Math.abs(dLon) > 1.6) for (let cm = 75; cm <= 135; cm += 6) if (nearChina(cm + dLon, lat)) six.push(4502 + (cm - 75) / 6);
    const utm: number[] = [];
    for (let z = 43; z <= 53; z++) if (nearChina(z * 6 - 183 + dLon, lat)) utm.push(32600 + z);
    return {
      codes: Math.abs(dLon) > 1.6 ? [...six, ...codes] : codes,
      basis:
        `东坐标约 ${Math.round(cx)}（500000 附近、无带号），北坐标约 ${Math.round(cy)}（约北纬 ${lat.toFixed(0)}°），` +
        `中央经线未知 / easting ≈ ${Math.round(cx)} (around 500 000, no zone number), northing ≈ ${Math.round(cy)} ` +
        `(≈ ${lat.toFixed(0)}°N): central meridian unknown`,
      alternatives: utm,
    };
  }
  return { codes: [], basis: `坐标 (${Math.round(cx)}, ${Math.round(cy)}) 不像中国的高斯-克吕格坐标 / coordinates do not look like a Chinese Gauss-Krüger grid`, alternatives: [] };
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
