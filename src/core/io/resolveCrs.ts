/**
 * The CRS of an imported layer: an explicit `epsg` option wins, else the file's own definition (.prj, GeoJSON
 * legacy `crs`), else lon/lat-looking coordinates are taken as CGCS2000 with a warning, and metre coordinates are
 * an error listing the EPSG codes that could fit (crsHints.ts).
 */
import type { BBox, Finding } from '../types';
import { type CrsDef, crsFromEpsg, datumWarning, epsgLabel, proj4Source } from './crs';
import { candidateEpsg, coordinateKind, implausible } from './crsHints';
import { type CrsInfo, type ImportOptions, importErr as err, importWarn as warn } from './importTypes';

/** What the file itself says about its CRS: a definition, an unsupported one (error text), or nothing. */
export type CrsFromFile = { def?: CrsDef; source: CrsInfo['source']; label?: string } | { error: string } | undefined;

/** Resolve the CRS from option / definition; pushes findings; undefined when coordinates cannot be converted. */
export function resolveCrs(
  file: string,
  findings: Finding[],
  opts: ImportOptions,
  fromFile: CrsFromFile,
  nativeBBox: BBox | undefined,
  what: string,
  /** GeoJSON: lon/lat without a crs is simply RFC 7946 (WGS 84), no warning. */
  degreesAreStandard = false,
): CrsDef | undefined {
  if (opts.epsg !== undefined) {
    const def = crsFromEpsg(opts.epsg);
    if (!def) {
      findings.push(err(file, 'import.epsg-unsupported', `不支持 EPSG:${opts.epsg} / EPSG:${opts.epsg} is not supported. ${SUPPORTED}`));
      return undefined;
    }
    if (fromFile && 'def' in fromFile && fromFile.def && fromFile.def.epsg !== opts.epsg)
      findings.push(warn(file, 'import.crs-override', `按指定的 ${epsgLabel(opts.epsg)} 读取，忽略${what}中的 "${fromFile.label ?? fromFile.def.name}" / read as the given ${epsgLabel(opts.epsg)}, overriding "${fromFile.label ?? fromFile.def.name}" from the ${what}`));
    return def;
  }
  if (fromFile && 'error' in fromFile) {
    findings.push(err(file, 'import.crs-unsupported', fromFile.error));
    return undefined;
  }
  if (fromFile?.def) return fromFile.def;
  if (!nativeBBox) return crsFromEpsg(4490);
  const kind = coordinateKind(nativeBBox);
  if (kind === 'degrees') {
    if (degreesAreStandard) return crsFromEpsg(4326);
    findings.push(warn(file, 'import.crs-assumed', `没有 ${what}，坐标是经纬度，按 EPSG:4490 (CGCS2000) 读取 / no ${what}: coordinates look like lon/lat, read as EPSG:4490 (CGCS2000)`));
    return crsFromEpsg(4490);
  }
  const c = candidateEpsg(nativeBBox);
  const list = c.codes.map(epsgLabel).join('; ');
  const alt = c.alternatives.length ? ` 其他可能 / also possible: ${c.alternatives.map((x) => `EPSG:${x}`).join(', ')}.` : '';
  findings.push(
    err(
      file,
      'import.crs-missing',
      `没有 ${what}，坐标以米为单位 (x ${Math.round(nativeBBox[0])}…${Math.round(nativeBBox[2])}, y ${Math.round(nativeBBox[1])}…${Math.round(nativeBBox[3])})，无法确定坐标系。` +
        `${c.basis}。可能的 EPSG 代码 / candidate EPSG codes: ${list || '(none / 无)'}.${alt} ` +
        `请指定坐标系${c.codes.length ? `，可能是 ${c.codes.map((x) => `EPSG:${x}`).join('、')}` : ''}${opts.advice?.crs ? `（${opts.advice.crs}）` : ''} / no ${what} and the coordinates are in metres: give the coordinate system${opts.advice?.crs ? ` (${opts.advice.crs})` : ''}`,
    ),
  );
  return undefined;
}

/** " (--epsg CODE)" or the app's wording, when the caller gave one. */
export const advise = (opts: ImportOptions): string => (opts.advice?.crs ? ` (${opts.advice.crs})` : '');

export const SUPPORTED =
  '支持 / supported: 4490 CGCS2000, 4491–4554 CGCS2000 Gauss-Krüger (6° 4491–4512, 3° 4513–4554), 4326 WGS 84, 326xx/327xx UTM, 3857, ' +
  "4610 + 2327–2390 Xi'an 80, 4214 + 2401–2442 / 21413–21423 / 21453–21463 Beijing 54";

export function crsInfo(def: CrsDef, source: CrsInfo['source']): CrsInfo {
  const w = datumWarning(def);
  return { ...(def.epsg !== undefined ? { epsg: def.epsg } : {}), name: def.name, source, proj4: proj4Source(def), ...(w ? { datumWarning: w } : {}) };
}

/** An error when the coordinates cannot be in `def` (e.g. lon/lat read as Gauss-Krüger metres), else undefined. */
export function crsMismatch(file: string, def: CrsDef, nativeBBox: BBox | undefined, opts: ImportOptions): Finding | undefined {
  const off = nativeBBox ? implausible(def, nativeBBox) : undefined;
  return off ? err(file, 'import.crs-mismatch', `坐标与坐标系不符 / coordinates do not fit the coordinate system: ${off}. 请指定正确的坐标系 / give the right one${advise(opts)}`) : undefined;
}
