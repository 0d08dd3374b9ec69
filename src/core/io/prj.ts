/**
 * .prj reader: OGC WKT1, ESRI WKT and (the common parts of) WKT2 → CrsDef. Supported: geographic CRSs and
 * Transverse Mercator / Gauss-Krüger on CGCS2000, WGS 84, Xi'an 1980, Beijing 1954 and ETRS89 / SWEREF99 (GRS80),
 * plus Web Mercator and the national grids crs.ts ships as proj4 definitions (RD New, Lambert-93, DHDN …,
 * recognised by their EPSG authority code or name).
 * Anything else is an `unsupported` result naming the CRS — never a guess.
 */
import { type CrsDef, type Datum, ELLIPSOIDS, crsFromEpsg, identifyEpsg } from './crs';

export interface WktNode {
  keyword: string;
  args: (string | number | WktNode)[];
}

/** Parse WKT into a tree; undefined when it is not WKT. */
export function parseWkt(text: string): WktNode | undefined {
  let i = 0;
  const s = text;
  const ws = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  const node = (depth: number): WktNode | undefined => {
    if (depth > 32) return undefined;
    ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i, i + 64));
    if (!m) return undefined;
    const keyword = m[0].toUpperCase();
    i += m[0].length;
    ws();
    if (s[i] !== '[' && s[i] !== '(') return { keyword, args: [] };
    i++;
    const args: (string | number | WktNode)[] = [];
    for (;;) {
      ws();
      const c = s[i];
      if (c === undefined) return undefined;
      if (c === ']' || c === ')') {
        i++;
        return { keyword, args };
      }
      if (c === ',') {
        i++;
        continue;
      }
      if (c === '"') {
        let str = '';
        i++;
        for (;;) {
          if (i >= s.length) return undefined;
          if (s[i] === '"') {
            if (s[i + 1] === '"') {
              str += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          str += s[i++];
        }
        args.push(str);
        continue;
      }
      const num = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(s.slice(i, i + 64));
      if (num) {
        args.push(Number(num[0]));
        i += num[0].length;
        continue;
      }
      const child = node(depth + 1);
      if (!child) return undefined;
      args.push(child);
    }
  };
  const root = node(0);
  return root && root.args.length > 0 ? root : undefined;
}

const children = (n: WktNode, ...kw: string[]): WktNode[] =>
  n.args.filter((a): a is WktNode => typeof a === 'object' && kw.includes(a.keyword));
const child = (n: WktNode, ...kw: string[]): WktNode | undefined => children(n, ...kw)[0];
const nameOf = (n: WktNode | undefined): string => (n && typeof n.args[0] === 'string' ? n.args[0] : '');
const numArg = (n: WktNode | undefined, i: number): number | undefined => {
  const v = n?.args[i];
  return typeof v === 'number' ? v : undefined;
};
const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** EPSG code of an AUTHORITY["EPSG","4527"] / ID["EPSG",4527] child. */
function authorityCode(n: WktNode | undefined): number | undefined {
  if (!n) return undefined;
  const a = child(n, 'AUTHORITY', 'ID');
  if (!a || norm(String(a.args[0] ?? '')) !== 'epsg') return undefined;
  const code = Number(a.args[1]);
  return Number.isInteger(code) ? code : undefined;
}

function datumOf(name: string, a?: number, rf?: number): Datum | undefined {
  const n = norm(name);
  if (/china2000|cgcs2000|chinageodeticcoordinatesystem2000/.test(n)) return 'cgcs2000';
  if (/newbeijing/.test(n)) return undefined; // 新1954北京坐标系: IAG-75 ellipsoid on Beijing 54 origin — not supported
  if (/xian1980|xian80/.test(n)) return 'xian80';
  if (/beijing1954|beijing54/.test(n)) return 'beijing54';
  if (/wgs1984|wgs84|worldgeodeticsystem1984/.test(n)) return 'wgs84';
  if (/etrs1989|etrs89|europeanterrestrialreferencesystem1989|sweref99/.test(n)) return 'etrs89';
  void a;
  void rf;
  return undefined;
}

export type PrjResult =
  | { ok: true; crs: CrsDef; /** The CRS's own name in the .prj. */ prjName: string }
  | { ok: false; /** The CRS's name in the .prj (or the start of the text). */ prjName: string; reason: string };

const PARAM_KEYS: Record<string, 'lon0' | 'lat0' | 'k0' | 'x0' | 'y0'> = {
  centralmeridian: 'lon0',
  longitudeofcenter: 'lon0',
  longitudeoforigin: 'lon0',
  longitudeofnaturalorigin: 'lon0',
  latitudeoforigin: 'lat0',
  latitudeofnaturalorigin: 'lat0',
  latitudeofcenter: 'lat0',
  scalefactor: 'k0',
  scalefactoratnaturalorigin: 'k0',
  falseeasting: 'x0',
  falsenorthing: 'y0',
};

/** ESRI / EPSG names of the grids crs.ts ships as proj4 definitions (normalised: lower case, letters and digits). */
const GRID_NAMES: Record<string, number> = {
  rdnew: 28992, amersfoortrdnew: 28992, rgf93lambert93: 2154, rgf1993lambert93: 2154, rgf93v1lambert93: 2154, etrs89laeaeurope: 3035, etrs89extendedlaeaeurope: 3035,
  etrs1989laea: 3035, belge1972belgianlambert72: 31370, bd72belgianlambert72: 31370, ch1903lv95: 2056,
  dhdn3degreegausskrugerzone2: 31466, dhdn3degreegausskrugerzone3: 31467, dhdn3degreegausskrugerzone4: 31468, dhdn3degreegausskrugerzone5: 31469,
  dhdn3degreegausszone2: 31466, dhdn3degreegausszone3: 31467, dhdn3degreegausszone4: 31468, dhdn3degreegausszone5: 31469,
  dhdngausskrugerzone2: 31466, dhdngausskrugerzone3: 31467, dhdngausskrugerzone4: 31468, dhdngausskrugerzone5: 31469,
};

/** Interpret .prj text. */
export function readPrj(text: string): PrjResult {
  const t = text.replace(/^\uFEFF/, '').trim();
  const bare = /^EPSG:{1,2}(\d{4,5})$/i.exec(t);
  if (bare) {
    const def = crsFromEpsg(Number(bare[1]));
    return def ? { ok: true, crs: def, prjName: t } : { ok: false, prjName: t, reason: `不支持 ${t} / ${t} is not supported` };
  }
  const root = parseWkt(t);
  if (!root) return { ok: false, prjName: t.slice(0, 80), reason: '不是 WKT 坐标系定义 / not a WKT coordinate system' };
  const prjName = nameOf(root) || root.keyword;
  const unsupported = (reason: string): PrjResult => ({ ok: false, prjName, reason });
  const kw = root.keyword;
  // National grids we ship as proj4 definitions (RD New, Lambert-93, DHDN …): by EPSG authority or by name.
  const known = authorityCode(root) ?? GRID_NAMES[norm(prjName)];
  const grid = known !== undefined ? crsFromEpsg(known) : undefined;
  if (grid?.kind === 'proj4') return { ok: true, crs: grid, prjName };
  // Grids whose parameters equal another code's (SWEREF99 TM = ETRS89 / UTM 33N): keep the name the file gives.
  const same = ({ sweref99tm: 3006, etrs1989tm35fin: 3067, etrs89tm35fin: 3067, etrs89tm35fine: 3067 } as Record<string, number>)[norm(prjName)];
  if (same !== undefined) return { ok: true, crs: crsFromEpsg(same) as CrsDef, prjName };
  const isGeog = kw === 'GEOGCS' || kw === 'GEOGCRS' || kw === 'GEODCRS';
  const isProj = kw === 'PROJCS' || kw === 'PROJCRS';
  if (!isGeog && !isProj) return unsupported(`不支持的 WKT 类型 ${kw} / unsupported WKT type ${kw}`);
  const geog = isGeog ? root : child(root, 'GEOGCS', 'BASEGEOGCRS', 'BASEGEODCRS');
  if (!geog) return unsupported('缺少地理坐标系 / no geographic CRS');
  const datumNode = child(geog, 'DATUM', 'TRF');
  const sph = datumNode ? child(datumNode, 'SPHEROID', 'ELLIPSOID') : undefined;
  const a = numArg(sph, 1);
  const rf = numArg(sph, 2);
  const datum = datumOf(`${nameOf(datumNode)} ${nameOf(geog)}`, a, rf);
  if (!datum) return unsupported(`不支持的大地基准 ${nameOf(datumNode) || nameOf(geog)} / unsupported datum "${nameOf(datumNode) || nameOf(geog)}"`);
  const ell = ELLIPSOIDS[datum];
  if (a !== undefined && rf !== undefined && (Math.abs(a - ell.a) > 0.5 || Math.abs(rf - ell.rf) > 1e-3))
    return unsupported(
      `基准 ${nameOf(datumNode)} 的椭球参数 (a=${a}, 1/f=${rf}) 与 ${ell.name} (a=${ell.a}, 1/f=${ell.rf}) 不符 / ` +
        `datum "${nameOf(datumNode)}" has ellipsoid a=${a} 1/f=${rf}, expected ${ell.name} a=${ell.a} 1/f=${ell.rf}`,
    );
  const towgsNode = datumNode ? child(datumNode, 'TOWGS84') : undefined;
  let towgs84 = towgsNode?.args.filter((v): v is number => typeof v === 'number');
  if (towgs84 && (towgs84.length < 3 || towgs84.every((v) => v === 0) || datum === 'cgcs2000' || datum === 'wgs84')) towgs84 = undefined;
  const prime = numArg(child(geog, 'PRIMEM'), 1) ?? 0;
  if (prime !== 0) return unsupported(`本初子午线不是格林尼治 (${prime}) / prime meridian is not Greenwich (${prime})`);
  const base: Pick<CrsDef, 'datum' | 'ellipsoid' | 'towgs84'> = { datum, ellipsoid: ell, ...(towgs84 ? { towgs84 } : {}) };
  if (isGeog) {
    const unit = numArg(child(geog, 'UNIT', 'ANGLEUNIT'), 1);
    if (unit !== undefined && Math.abs(unit - Math.PI / 180) > 1e-10)
      return unsupported(`角度单位不是度 (${unit}) / angular unit is not degrees`);
    const def: CrsDef = { kind: 'geographic', ...base, name: prjName };
    def.epsg = identifyEpsg(def);
    if (def.epsg !== undefined) def.name = crsFromEpsg(def.epsg)?.name ?? prjName;
    return { ok: true, crs: def, prjName };
  }
  // Projected.
  const conv = child(root, 'CONVERSION');
  const method = nameOf(child(conv ?? root, 'PROJECTION', 'METHOD'));
  const m = norm(method);
  const params: Partial<Record<'lon0' | 'lat0' | 'k0' | 'x0' | 'y0', number>> = {};
  for (const p of children(conv ?? root, 'PARAMETER')) {
    const key = PARAM_KEYS[norm(nameOf(p))];
    const v = numArg(p, 1);
    if (key && v !== undefined) params[key] = v;
  }
  // Linear unit: PROJCS UNIT (WKT1) or the CS axis LENGTHUNIT (WKT2).
  const unitNode = child(root, 'UNIT', 'LENGTHUNIT') ?? child(child(root, 'AXIS') ?? root, 'LENGTHUNIT');
  const toMeter = numArg(unitNode, 1) ?? 1;
  if (/popularvisualisation|pseudomercator|mercatorauxiliarysphere/.test(m) || authorityCode(root) === 3857 || /webmercator|pseudomercator/.test(norm(prjName))) {
    return { ok: true, crs: crsFromEpsg(3857) as CrsDef, prjName };
  }
  if (!/^(gausskruger|transversemercator|gauss|gausskrueger|transversemercatorsouthoriented)$/.test(m) || m === 'transversemercatorsouthoriented')
    return unsupported(`不支持的投影 ${method || '(none)'} / unsupported projection "${method || '(none)'}"`);
  if (params.lon0 === undefined) return unsupported('缺少中央经线 / no central meridian');
  const def: CrsDef = {
    kind: 'tmerc',
    ...base,
    lon0: params.lon0,
    lat0: params.lat0 ?? 0,
    k0: params.k0 ?? 1,
    x0: (params.x0 ?? 0) * (Math.abs(toMeter - 1) > 1e-12 ? toMeter : 1),
    y0: (params.y0 ?? 0) * (Math.abs(toMeter - 1) > 1e-12 ? toMeter : 1),
    toMeter,
    name: prjName,
  };
  const prefer6 = /6degree|6du|6°/.test(norm(prjName)) || (/gausskruger(zone|cm)/.test(norm(prjName)) && !/3degree/.test(norm(prjName)));
  def.epsg = identifyEpsg(def, prefer6);
  if (def.epsg !== undefined) def.name = crsFromEpsg(def.epsg)?.name ?? prjName;
  return { ok: true, crs: def, prjName };
}
