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

export type Datum = 'cgcs2000' | 'wgs84' | 'xian80' | 'beijing54' | 'etrs89' | 'other';

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
  // ETRS89 and SWEREF99 (GRS80): within a metre of WGS 84 / CGCS2000, taken as identical like CGCS2000 and WGS 84.
  etrs89: { name: 'GRS 1980', a: 6378137, rf: 298.257222101 },
  other: { name: 'see proj4 definition', a: 6378137, rf: 298.257223563 },
};

const DATUM_NAMES: Record<Datum, string> = {
  cgcs2000: 'CGCS2000',
  wgs84: 'WGS 84',
  xian80: 'Xian 1980',
  beijing54: 'Beijing 1954',
  etrs89: 'ETRS89',
  other: '',
};

const DATUM_ZH: Record<Datum, string> = {
  cgcs2000: '2000国家大地坐标系',
  wgs84: 'WGS 84',
  xian80: '1980西安坐标系',
  beijing54: '1954北京坐标系',
  etrs89: 'ETRS89（欧洲）',
  other: '（见 proj4 定义）',
};

/** A CRS as the importer holds it: enough parameters to build a proj4 definition. */
export interface CrsDef {
  /** 'proj4': a national grid we ship as a proj4 definition (`proj4`), e.g. RD New, Lambert-93, DHDN. */
  kind: 'geographic' | 'tmerc' | 'webmerc' | 'proj4';
  /** The proj4 definition of a 'proj4' CRS (its datum shift to WGS 84 included). */
  proj4?: string;
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

const GEOGRAPHIC: Record<number, Datum> = { 4490: 'cgcs2000', 4326: 'wgs84', 4610: 'xian80', 4214: 'beijing54', 4258: 'etrs89', 4619: 'etrs89' };

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

/**
 * European grids on other datums or projections, as proj4 definitions (from the EPSG registry's proj4 export,
 * with the datum shifts EPSG publishes for them). Issue 16 §5: real parcel files from Europe.
 */
const PROJ4_GRIDS: Record<number, { name: string; proj4: string; shiftNote?: string }> = {
  28992: {
    name: 'Amersfoort / RD New',
    proj4: '+proj=sterea +lat_0=52.1561605555556 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel +towgs84=565.4171,50.3319,465.5524,-0.398957388243134,0.343987817378283,-1.87740163998045,4.0725 +units=m +no_defs',
    shiftNote: 'Amersfoort → WGS 84 7-parameter shift (EPSG:15739, ~1 m)',
  },
  2154: { name: 'RGF93 v1 / Lambert-93', proj4: '+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs' },
  3035: { name: 'ETRS89-extended / LAEA Europe', proj4: '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs' },
  31370: {
    name: 'BD72 / Belgian Lambert 72',
    proj4: '+proj=lcc +lat_0=90 +lon_0=4.36748666666667 +lat_1=51.1666672333333 +lat_2=49.8333339 +x_0=150000.013 +y_0=5400088.438 +ellps=intl +towgs84=-106.8686,52.2978,-103.7239,0.3366,-0.457,1.8422,-1.2747 +units=m +no_defs',
    shiftNote: 'BD72 → WGS 84 7-parameter shift (EPSG:15929, ~1 m)',
  },
  2056: {
    name: 'CH1903+ / LV95',
    proj4: '+proj=somerc +lat_0=46.9524055555556 +lon_0=7.43958333333333 +k_0=1 +x_0=2600000 +y_0=1200000 +ellps=bessel +towgs84=674.374,15.056,405.346,0,0,0,0 +units=m +no_defs',
    shiftNote: 'CH1903+ → WGS 84 3-parameter shift (EPSG:1676, ~1 m)',
  },
  ...Object.fromEntries(
    [2, 3, 4, 5].map((z) => [
      31464 + z,
      {
        name: `DHDN / 3-degree Gauss-Kruger zone ${z}`,
        proj4: `+proj=tmerc +lat_0=0 +lon_0=${3 * z} +k=1 +x_0=${z * 1e6 + 500000} +y_0=0 +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +units=m +no_defs`,
        shiftNote: 'DHDN → WGS 84 7-parameter shift (EPSG:1777, ~3 m)',
      },
    ]),
  ),
};

/** SWEREF99 local zones 3007–3018: central meridian, k = 1, false easting 150 000. */
const SWEREF99_LOCAL: Record<number, [string, number]> = {
  3007: ['12 00', 12], 3008: ['13 30', 13.5], 3009: ['15 00', 15], 3010: ['16 30', 16.5], 3011: ['18 00', 18], 3012: ['14 15', 14.25],
  3013: ['15 45', 15.75], 3014: ['17 15', 17.25], 3015: ['18 45', 18.75], 3016: ['20 15', 20.25], 3017: ['21 45', 21.75], 3018: ['23 15', 23.25],
};

/** The CRS of an EPSG code, or undefined when the importer does not support it. */
export function crsFromEpsg(code: number): CrsDef | undefined {
  if (!Number.isInteger(code)) return undefined;
  const grid = PROJ4_GRIDS[code];
  if (grid) return { kind: 'proj4', datum: 'other', ellipsoid: ELLIPSOIDS.other, proj4: grid.proj4, epsg: code, name: grid.name };
  if (code >= 25828 && code <= 25838) {
    const zone = code - 25800;
    return tmerc('etrs89', zone * 6 - 183, 500000, `ETRS89 / UTM zone ${zone}N`, code, 0.9996);
  }
  if (code === 3006) return tmerc('etrs89', 15, 500000, 'SWEREF99 TM', code, 0.9996);
  if (code === 3067) return tmerc('etrs89', 27, 500000, 'ETRS89 / TM35FIN(E,N)', code, 0.9996);
  const sw = SWEREF99_LOCAL[code];
  if (sw) return tmerc('etrs89', sw[1], 150000, `SWEREF99 ${sw[0]}`, code);
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
  if (def.kind === 'proj4') return def.epsg;
  if (def.towgs84 !== undefined && def.datum !== 'cgcs2000' && def.datum !== 'wgs84' && def.datum !== 'etrs89') return undefined;
  if (def.kind === 'geographic') {
    for (const [code, datum] of Object.entries(GEOGRAPHIC)) if (datum === def.datum) return Number(code);
    return undefined;
  }
  if (def.kind === 'webmerc') return 3857;
  if (!near(def.lat0 ?? 0, 0) || !near(def.toMeter ?? 1, 1)) return undefined;
  const lon0 = def.lon0 ?? 0;
  const x0 = def.x0 ?? 0;
  const y0 = def.y0 ?? 0;
  if (def.datum === 'etrs89') {
    if (near(def.k0, 0.9996) && near(x0, 500000) && near(y0, 0)) {
      if (near(lon0, 15) && prefer6) return 3006;
      const zone = (lon0 + 183) / 6;
      if (Number.isInteger(zone) && zone >= 28 && zone <= 38) return 25800 + zone;
      if (near(lon0, 15)) return 3006;
    }
    if (near(def.k0, 1) && near(x0, 150000) && near(y0, 0))
      for (const [code, [, cm]] of Object.entries(SWEREF99_LOCAL)) if (near(lon0, cm)) return Number(code);
    return undefined;
  }
  if (def.datum === 'other') return undefined;
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
  if (def.kind === 'proj4' && def.proj4) return def.proj4;
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
  if (def.kind === 'proj4') return '+proj=longlat +datum=WGS84 +no_defs';
  if (def.kind === 'webmerc') return '+proj=longlat +a=6378137 +b=6378137 +no_defs';
  if (def.towgs84) return '+proj=longlat +datum=WGS84 +no_defs';
  return `+proj=longlat +a=${fmt(def.ellipsoid.a)} +rf=${fmt(def.ellipsoid.rf)} +no_defs`;
}

/** A warning for datums whose shift to CGCS2000 is not applied (Xi'an 80, Beijing 54 without TOWGS84). */
export function datumWarning(def: CrsDef): string | undefined {
  if (def.datum === 'cgcs2000' || def.datum === 'wgs84' || def.datum === 'etrs89') return undefined;
  if (def.kind === 'proj4') {
    const note = def.epsg !== undefined ? PROJ4_GRIDS[def.epsg]?.shiftNote : undefined;
    return note ? `${def.name}: 按 ${note} 转换到 WGS 84 / converted to WGS 84 with the ${note}` : undefined;
  }
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
