/**
 * Import entry point shared by the CLI and the app (Web Worker): a file's bytes → layers of lon/lat GeoJSON
 * features with decoded attributes, plus what was detected (CRS, encoding, fields, kind) and findings.
 *
 *   - .zip: every Shapefile inside (grouped by name: .shp + .shx + .dbf + .prj + .cpg) and every .geojson/.json
 *     becomes a layer, named after its file; the caller chooses when there are several.
 *   - .shp (with sibling files passed in `files`), .geojson / .json.
 *
 * CRS: an explicit `epsg` option wins, else the .prj (or GeoJSON legacy `crs`), else lon/lat-looking
 * coordinates are taken as CGCS2000 with a warning, and metre coordinates are an error listing the EPSG codes
 * that could fit. Encoding: see encoding.ts. Never throws on bad input: errors are findings (severity error).
 */
import type { Feature } from 'geojson';
import type { BBox, Finding, LayerKind } from '../types';
import { DEFAULT_MAX_BYTES, sizeGuard } from './chunks';
import { type CrsDef, crsFromEpsg, datumWarning, epsgLabel, proj4Source } from './crs';
import { candidateEpsg, coordinateKind, implausible } from './crsHints';
import { type DbfIssue, dbfTextSample, nameFields, readDbfHeader, readDbfRecord } from './dbf';
import { decideEncoding, type EncodingDecision, makeDecoder } from './encoding';
import { escapeControl } from './escapeControl';
import { FIELD_LABELS_ZH } from './fieldLabels';
import { isSqlite } from './gdal/sniff';
import { guessKind } from './guessKind';
import { unsupportedFormat } from './unsupportedFormat';
import { readPrj } from './prj';
import { parseGeoJsonBytes } from './readGeojson';
import { expand, GeoJsonSummary, geometryExtent } from './readGeojsonSummary';

export { fieldTypes } from './readGeojsonSummary';
import { convertGeometry, lonLatConverter } from './reproject';
import { densifyGeometry, LONG_EDGE_M, longEdges } from './densify';
import { assemblePolygon } from './rings';
import { readShp, WILD } from './shapefile';
import { isZip, type NamedBytes, unzip } from './zip';

export interface ImportOptions {
  /** Explicit EPSG code of the coordinates (overrides .prj / GeoJSON crs). */
  epsg?: number;
  /** Explicit attribute encoding (overrides .cpg and the DBF language byte). */
  encoding?: string;
  /** Progress 0..1 while parsing. */
  onProgress?: (fraction: number) => void;
  /** Size limit in bytes (input, and uncompressed zip contents); default 1 GiB. */
  maxBytes?: number;
  /** false: GeoJSON is always read through JSON.parse, never the flat fast path (readGeojson.ts parseGeoJsonBytes). */
  flatGeojson?: boolean;
  /**
   * How this caller's user supplies what the file lacks, appended to messages: the CLI passes "--epsg CODE" /
   * "--encoding NAME", the app its dialog's wording. Without it, messages stay neutral.
   */
  advice?: { crs?: string; encoding?: string };
  /**
   * Projected sources only: add vertices every ≤ this many metres along each edge in the source projection before
   * reprojection, so long edges stay straight as drawn (io/densify.ts). Unset: edges become straight in lon/lat.
   */
  densifyM?: number;
}

export interface FieldInfo {
  name: string;
  /** dBASE type letter (C, N, F, L, D …) for Shapefiles; JSON type (string, number, boolean, mixed) for GeoJSON. */
  type: string;
  length?: number;
  decimals?: number;
  /** 中文 label of a standard 三调 / 规划 field. */
  labelZh?: string;
  /** GeoPackage / FileGDB field alias. */
  alias?: string;
  /** GeoPackage / FileGDB coded-value domain of this field. */
  domain?: string;
  /** Set on "<field>_resolved": the field whose codes it holds the descriptions of (gdal/readGdal.ts). */
  resolvedFrom?: string;
}

export interface CrsInfo {
  epsg?: number;
  name: string;
  /** Where it came from. */
  source: 'option' | 'prj' | 'geojson-crs' | 'rfc7946' | 'assumed' | 'dataset';
  proj4: string;
  /** Set for Xi'an 80 / Beijing 54: the datum shift left undone (or taken from TOWGS84). */
  datumWarning?: string;
}

export interface ImportLayer {
  /** Layer name: the Shapefile's / GeoJSON's file name without extension. */
  name: string;
  /** Path of the main file (inside the zip when zipped). */
  path: string;
  format: 'shapefile' | 'geojson' | 'gpkg' | 'filegdb';
  /** GeoPackage identifier / FileGDB feature class alias. */
  alias?: string;
  /** GeoPackage / FileGDB geometry type as GDAL names it (MultiPolygon, CurvePolygon, MultiSurface …). */
  geometryType?: string;
  /** The 三调 / 规划 table it was recognised as by name, e.g. "DLTB 地类图斑" (gdal/tableKind.ts). */
  standardTable?: string;
  /** Records / features in the file (features may be fewer when the CRS is unknown: then none are converted). */
  featureCount: number;
  /** lon/lat features (RFC 7946), properties decoded. Empty when the layer has errors that prevent conversion. */
  features: Feature[];
  fields: FieldInfo[];
  crs?: CrsInfo;
  encoding?: EncodingDecision;
  /** bbox in the file's own coordinates. */
  nativeBBox?: BBox;
  /** bbox in lon/lat. */
  bbox?: BBox;
  guessedKind?: LayerKind;
  findings: Finding[];
}

export interface ImportResult {
  file: string;
  layers: ImportLayer[];
  /** File-level findings (unreadable zip, no layer found …); layer findings are on the layers. */
  findings: Finding[];
}

const err = (file: string, code: string, message: string): Finding => ({ severity: 'error', code, message: `${file}: ${message}`, file });
const warn = (file: string, code: string, message: string): Finding => ({ severity: 'warning', code, message: `${file}: ${message}`, file });

interface LongEdgeTally {
  features: number;
  edges: number;
  longest: number;
}
function tallyLongEdges(t: LongEdgeTally, le: { count: number; longest: number }): void {
  if (le.count === 0) return;
  t.features++;
  t.edges += le.count;
  t.longest = Math.max(t.longest, le.longest);
}
/** A projected source with edges over LONG_EDGE_M: say so (io/densify.ts), and whether they were densified. */
function noteLongEdges(findings: Finding[], file: string, t: LongEdgeTally, densifyM: number | undefined): void {
  if (t.edges === 0) return;
  findings.push(
    warn(
      file,
      'import.long-edges',
      densifyM
        ? `${t.features} 个要素有 ${t.edges} 条长于 ${LONG_EDGE_M} 米的边（最长 ${Math.round(t.longest)} 米），已按源投影中的直线每 ${densifyM} 米加密 / ${t.edges} edges over ${LONG_EDGE_M} m (longest ${Math.round(t.longest)} m) densified every ${densifyM} m as straight in the source projection`
        : `${t.features} 个要素有 ${t.edges} 条长于 ${LONG_EDGE_M} 米的边（最长 ${Math.round(t.longest)} 米）：它们在源投影中是直线，换算为经纬度直线后面积会有差异；可用 --densify 米数 按源投影加密 / ${t.edges} edges over ${LONG_EDGE_M} m (longest ${Math.round(t.longest)} m) are straight in the source projection, not in lon/lat; --densify METRES keeps them as drawn`,
    ),
  );
}

const extOf = (name: string): string => {
  const m = /\.([^./\\]+)$/.exec(name);
  return m ? m[1].toLowerCase() : '';
};
const stemOf = (name: string): string => name.replace(/\.[^./\\]+$/, '');
const baseOf = (name: string): string => name.split(/[/\\]/).pop() ?? name;

/** All errors of a result, file-level and per layer. */
export function importErrors(r: ImportResult): Finding[] {
  return [...r.findings, ...r.layers.flatMap((l) => l.findings)].filter((f) => f.severity === 'error');
}

/** Read one file's bytes (zip, shp, geojson). `siblings` are the .shx/.dbf/.prj/.cpg next to a bare .shp. */
export function readImport(file: string, bytes: Uint8Array, opts: ImportOptions = {}, siblings: NamedBytes[] = []): ImportResult {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const tooBig = sizeGuard(file, bytes.length, maxBytes);
  if (tooBig) return { file, layers: [], findings: [{ severity: 'error', code: 'import.too-big', message: tooBig, file }] };
  if (bytes.length === 0) return { file, layers: [], findings: [err(file, 'import.empty', '空文件（0 字节） / empty file (0 bytes)')] };
  // GeoPackage (SQLite) needs GDAL, which only the async entry point loads (readImportAsync.ts)
  if (isSqlite(bytes))
    return { file, layers: [], findings: [err(file, 'import.gdal-missing', 'GeoPackage 需要 GDAL 读取器（readImportAsync） / a GeoPackage needs the GDAL reader (readImportAsync)')] };
  const ext = extOf(file);
  const unsupported = !isZip(bytes) ? unsupportedFormat(file, bytes) : undefined;
  if (unsupported) return { file, layers: [], findings: [err(file, 'import.unsupported-format', unsupported.slice(file.length + 2))] };
  if (ext === 'zip' || isZip(bytes)) {
    const z = unzip(bytes, file, maxBytes, (f) => opts.onProgress?.(0.2 * f));
    if (!z.ok) return { file, layers: [], findings: [{ severity: 'error', code: 'import.zip', message: z.error, file }] };
    return readFiles(file, z.files, opts, 0.2);
  }
  // Unknown extension: a .shp by its file code (9994), else GeoJSON (whose reader names what is wrong).
  let name = baseOf(file);
  if (!['shp', 'geojson', 'json'].includes(ext)) {
    const isShp = bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0x27 && bytes[3] === 0x0a;
    name = `${name}.${isShp ? 'shp' : 'geojson'}`;
  }
  return readFiles(file, [{ name, bytes }, ...siblings], opts, 0);
}

/** Read a set of named files (a zip's contents, or a .shp with its siblings). */
export function readFiles(file: string, files: NamedBytes[], opts: ImportOptions = {}, progressStart = 0): ImportResult {
  const findings: Finding[] = [];
  const groups = new Map<string, Map<string, NamedBytes>>();
  const geojsons: NamedBytes[] = [];
  for (const f of files) {
    const ext = extOf(f.name);
    if (ext === 'geojson' || ext === 'json') geojsons.push(f);
    else if (['shp', 'shx', 'dbf', 'prj', 'cpg'].includes(ext)) {
      const key = stemOf(f.name).toLowerCase();
      const g = groups.get(key) ?? new Map<string, NamedBytes>();
      groups.set(key, g);
      g.set(ext, f);
    }
  }
  const shpGroups = [...groups.values()].filter((g) => g.has('shp'));
  const orphans = [...groups.values()].filter((g) => !g.has('shp') && g.has('dbf'));
  if (shpGroups.length === 0 && geojsons.length === 0) {
    const list = files.map((f) => escapeControl(f.name)).slice(0, 12).join(', ') || '(无文件 / no files)';
    // A KMZ is a zip holding doc.kml; an archive may hold other formats we do not read: name the first one.
    const other = files.map((f) => unsupportedFormat(escapeControl(f.name), f.bytes.subarray(0, 1024))).find(Boolean);
    findings.push(
      other
        ? err(file, 'import.unsupported-format', `没有找到 .shp 或 GeoJSON；${other.split(' / ')[0]} / no .shp or GeoJSON found; ${other.split(' / ').slice(1).join(' / ')}`)
        : orphans.length
        ? err(file, 'import.no-shp', `只有 .dbf 没有 .shp，缺少几何（包含：${list}） / has a .dbf but no .shp: geometry missing (contains: ${list})`)
        : err(file, 'import.no-shp', `没有找到 .shp 或 GeoJSON（包含：${list}） / no .shp or GeoJSON found (contains: ${list})`),
    );
    return { file, layers: [], findings };
  }
  for (const g of orphans) {
    const d = g.get('dbf') as NamedBytes;
    findings.push(warn(file, 'import.orphan-dbf', `${d.name} 没有对应的 .shp，已忽略 / ${d.name} has no matching .shp: ignored`));
  }
  const total = shpGroups.length + geojsons.length;
  const layers: ImportLayer[] = [];
  const names = new Map<string, number>();
  const uniqueName = (n: string): string => {
    const k = (names.get(n) ?? 0) + 1;
    names.set(n, k);
    return k > 1 ? `${n}_${k}` : n;
  };
  let done = 0;
  const span = (1 - progressStart) / total;
  const sub = (i: number) => (f: number) => opts.onProgress?.(progressStart + span * (i + Math.max(0, Math.min(1, f))));
  for (const g of shpGroups) {
    const shp = g.get('shp') as NamedBytes;
    const layerFile = files.length > 1 && file !== shp.name ? `${file}/${shp.name}` : shp.name;
    layers.push(readShapefileLayer(uniqueName(baseOf(stemOf(shp.name))), layerFile, g, opts, sub(done++)));
  }
  for (const gj of geojsons) {
    const layerFile = file !== gj.name && files.length > 1 ? `${file}/${gj.name}` : file;
    layers.push(readGeoJsonLayer(uniqueName(baseOf(stemOf(gj.name))), layerFile, gj.bytes, opts, sub(done++)));
  }
  opts.onProgress?.(1);
  return { file, layers, findings };
}

/** Resolve the CRS from option / definition; pushes findings; undefined when coordinates cannot be converted. */
function resolveCrs(
  file: string,
  findings: Finding[],
  opts: ImportOptions,
  fromFile: { def?: CrsDef; source: CrsInfo['source']; label?: string } | { error: string } | undefined,
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
const advise = (opts: ImportOptions): string => (opts.advice?.crs ? ` (${opts.advice.crs})` : '');

const SUPPORTED =
  '支持 / supported: 4490 CGCS2000, 4491–4554 CGCS2000 Gauss-Krüger (6° 4491–4512, 3° 4513–4554), 4326 WGS 84, 326xx/327xx UTM, 3857, ' +
  "4610 + 2327–2390 Xi'an 80, 4214 + 2401–2442 / 21413–21423 / 21453–21463 Beijing 54";

function crsInfo(def: CrsDef, source: CrsInfo['source']): CrsInfo {
  const w = datumWarning(def);
  return { ...(def.epsg !== undefined ? { epsg: def.epsg } : {}), name: def.name, source, proj4: proj4Source(def), ...(w ? { datumWarning: w } : {}) };
}

function readShapefileLayer(name: string, file: string, g: Map<string, NamedBytes>, opts: ImportOptions, progress: (f: number) => void): ImportLayer {
  const findings: Finding[] = [];
  const layer: ImportLayer = { name, path: file, format: 'shapefile', featureCount: 0, features: [], fields: [], findings };
  const shpBytes = (g.get('shp') as NamedBytes).bytes;
  const shx = g.get('shx');
  const shp = readShp(shpBytes, (f) => progress(f * 0.5), shx?.bytes);
  layer.featureCount = shp.records.length;
  if (shp.error) findings.push(err(file, shp.error.includes('截断') ? 'import.shp-truncated' : 'import.shp', shp.error));
  for (const w of shp.warnings) findings.push(warn(file, shx ? 'import.shp' : 'import.shx-rebuilt', w));
  /** Per-record errors: the record keeps its attributes, gets no geometry, and the rest of the file loads. */
  const recordErrors: Finding[] = shp.recordErrors.map((e) => ({ ...err(file, e.truncated ? 'import.shp-truncated' : 'import.shp-record', e.message), featureIndex: e.index }));
  // Attributes.
  let props: Record<string, unknown>[] = [];
  const dbf = g.get('dbf');
  if (!dbf) {
    findings.push(warn(file, 'import.no-dbf', '缺少 .dbf，没有属性 / no .dbf: features have no attributes'));
  } else {
    const h = readDbfHeader(dbf.bytes);
    if ('error' in h) findings.push(err(file, 'import.dbf', h.error));
    else {
      const cpg = g.get('cpg');
      const cpgText = cpg ? new TextDecoder('utf-8').decode(cpg.bytes) : undefined;
      for (const pr of h.problems) findings.push(warn(file, 'import.dbf-field', pr));
      const decision = decideEncoding({ option: opts.encoding, cpg: cpgText, ldid: h.ldid, sample: dbfTextSample(dbf.bytes, h), advice: opts.advice?.encoding });
      if ('error' in decision) findings.push(err(file, 'import.encoding', decision.error));
      else {
        layer.encoding = decision;
        if (decision.warning) findings.push(warn(file, 'import.encoding', decision.warning));
        const decoder = makeDecoder(decision.encoding);
        nameFields(h, decoder);
        layer.fields = h.fields.map((f) => ({
          name: f.name,
          type: f.type,
          length: f.length,
          decimals: f.decimals,
          ...(FIELD_LABELS_ZH[f.name.toUpperCase()] ? { labelZh: FIELD_LABELS_ZH[f.name.toUpperCase()] } : {}),
        }));
        layer.guessedKind = guessKind(layer.fields.map((f) => f.name));
        if (h.available < h.recordCount)
          findings.push(err(file, 'import.dbf-truncated', `.dbf 已截断：文件头声明 ${h.recordCount} 条记录，实际只有 ${h.available} 条完整 / .dbf truncated: header declares ${h.recordCount} records, only ${h.available} are complete`));
        if (h.available < shp.records.length)
          findings.push(
            err(file, 'import.dbf-short', `.dbf 只有 ${h.available} 条记录，比 .shp 的 ${shp.records.length} 个图形少，属性无法对应 / .dbf has ${h.available} records, fewer than the ${shp.records.length} shapes in .shp: attributes cannot be matched`),
          );
        else if (h.recordCount > shp.records.length && !shp.error)
          findings.push(err(file, 'import.dbf-long', `.dbf 有 ${h.recordCount} 条记录，.shp 只有 ${shp.records.length} 个图形，文件不配套 / .dbf has ${h.recordCount} records but .shp only ${shp.records.length} shapes: the files do not belong together`));
        const n = Math.min(h.available, shp.records.length || h.available);
        props = new Array(n);
        const issues = new Map<string, DbfIssue[]>();
        const onIssue = (x: DbfIssue): void => {
          const k = `${x.field}\u0000${x.why}`;
          const list = issues.get(k) ?? [];
          list.push(x);
          issues.set(k, list);
        };
        for (let i = 0; i < n; i++) props[i] = readDbfRecord(dbf.bytes, h, i, decoder, onIssue);
        for (const list of issues.values()) findings.push(warn(file, 'import.dbf-value', dbfIssueMessage(list)));
      }
    }
  }
  progress(0.6);
  // Native bbox from the records (the header's may be stale).
  const nb = [Infinity, Infinity, -Infinity, -Infinity];
  for (const r of shp.records) if (r) for (const ring of r) for (const p of ring) expand(nb, p[0], p[1]);
  if (Number.isFinite(nb[0])) layer.nativeBBox = nb as BBox;
  // CRS.
  const prj = g.get('prj');
  let fromFile: Parameters<typeof resolveCrs>[3];
  if (prj) {
    const text = new TextDecoder('utf-8').decode(prj.bytes);
    const r = readPrj(text);
    fromFile = r.ok
      ? { def: r.crs, source: 'prj', label: r.prjName }
      : {
          error:
            `.prj 的坐标系 "${escapeControl(r.prjName)}" 不支持：${escapeControl(r.reason)}。${SUPPORTED}。如知道等价的 EPSG 代码，可指定它${advise(opts)} / ` +
            `unsupported coordinate system "${escapeControl(r.prjName)}" in .prj (${escapeControl(r.reason)}); give an equivalent EPSG code if you know one${advise(opts)}`,
        };
  }
  const def = resolveCrs(file, findings, opts, fromFile, layer.nativeBBox, '.prj');
  if (def) {
    layer.crs = crsInfo(def, opts.epsg !== undefined ? 'option' : prj ? 'prj' : 'assumed');
    if (layer.crs.datumWarning) findings.push(warn(file, 'import.datum', layer.crs.datumWarning));
  }
  if (!def || findings.some((f) => f.severity === 'error')) {
    findings.push(...recordErrors);
    return layer;
  }
  const off = layer.nativeBBox ? implausible(def, layer.nativeBBox) : undefined;
  if (off) {
    findings.push(err(file, 'import.crs-mismatch', `坐标与坐标系不符 / coordinates do not fit the coordinate system: ${off}. 请指定正确的坐标系 / give the right one${advise(opts)}`));
    findings.push(...recordErrors);
    return layer;
  }
  findings.push(...recordErrors);
  // Geometry → lon/lat features.
  const toLonLat = lonLatConverter(def);
  const longEdgeTally = { features: 0, edges: 0, longest: 0 };
  const projected = def.kind !== 'geographic';
  const ringNotes = new Map<string, number[]>();
  const features: Feature[] = [];
  const damaged = new Set(shp.recordErrors.map((e) => e.index));
  let nullShapes = 0;
  const step = Math.max(1, Math.floor(shp.records.length / 40));
  for (let i = 0; i < shp.records.length; i++) {
    const rec = shp.records[i];
    shp.records[i] = null; // let the native coordinates go as soon as they are converted
    const properties = props[i] ?? {};
    if (rec === null) {
      if (!damaged.has(i)) nullShapes++;
      features.push({ type: 'Feature', properties, geometry: null as unknown as Feature['geometry'] });
      continue;
    }
    const asm = assemblePolygon(rec);
    for (const note of asm.notes) ringNotes.set(note, [...(ringNotes.get(note) ?? []), i]);
    if (asm.error) {
      const [zh, en] = asm.error.split(' / ');
      findings.push({ ...err(file, 'import.rings', `第 ${i + 1} 条记录：${zh} / record ${i + 1}: ${en ?? zh}`), featureIndex: i });
    }
    if (!asm.geometry) {
      features.push({ type: 'Feature', properties, geometry: null as unknown as Feature['geometry'] });
      continue;
    }
    if (projected) tallyLongEdges(longEdgeTally, longEdges(asm.geometry));
    const geom = convertGeometry(projected && opts.densifyM ? densifyGeometry(asm.geometry, opts.densifyM) : asm.geometry, toLonLat);
    if (!geom) {
      findings.push({
        ...err(file, 'import.reproject', `第 ${i + 1} 条记录的坐标无法按 ${layer.crs?.name} 换算为经纬度（坐标系不对？） / record ${i + 1}: coordinates cannot be converted from ${layer.crs?.name} to lon/lat (wrong coordinate system?)`),
        featureIndex: i,
      });
      features.push({ type: 'Feature', properties, geometry: null as unknown as Feature['geometry'] });
      continue;
    }
    features.push({ type: 'Feature', properties, geometry: geom });
    if (i % step === 0) progress(0.6 + (0.4 * i) / shp.records.length);
  }
  for (const [note, idx] of ringNotes)
    findings.push(warn(file, 'import.rings', `${note}: 记录 / records ${idx.slice(0, 10).map((i) => i + 1).join(', ')}${idx.length > 10 ? ' …' : ''}`));
  if (nullShapes) findings.push(warn(file, 'import.null-shape', `${nullShapes} 条记录没有图形（Null shape） / ${nullShapes} records have no geometry (Null shape)`));
  noteLongEdges(findings, file, longEdgeTally, projected ? opts.densifyM : undefined);
  layer.features = features;
  layer.bbox = geometryExtent(features);
  progress(1);
  return layer;
}

const WHY: Record<DbfIssue['why'], [string, string]> = {
  date: ['不是可识别的日期（YYYYMMDD、MM/DD/YYYY、YYYY-MM-DD）', 'not a date in a form we read (YYYYMMDD, MM/DD/YYYY, YYYY-MM-DD)'],
  number: ['不是有限数值', 'not a finite number'],
  overflow: ['超出字段宽度（星号）', 'overflowed the field width (asterisks)'],
};

/** One warning for all values of one field that were read as empty for one reason, naming the first records. */
function dbfIssueMessage(list: DbfIssue[]): string {
  const [zh, en] = WHY[list[0].why];
  const shown = list
    .slice(0, 5)
    .map((x) => `${x.record + 1} "${escapeControl(x.raw)}"`)
    .join(', ');
  const more = list.length > 5 ? ' …' : '';
  return `字段 ${list[0].field}：${list.length} 个值${zh}，按空值读取（记录 ${shown}${more}） / field ${list[0].field}: ${list.length} value(s) ${en}, read as empty (records ${shown}${more})`;
}

/** Every position of a GeoJSON geometry (any type, GeometryCollection included). */
function visitPositions(g: unknown, fn: (x: number, y: number) => void, depth = 0): void {
  if (!g || typeof g !== 'object' || depth > 64) return;
  const o = g as { coordinates?: unknown; geometries?: unknown[] };
  if (Array.isArray(o.geometries)) for (const c of o.geometries) visitPositions(c, fn, depth + 1);
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') fn(c[0], c[1] as number);
    else for (const x of c) walk(x);
  };
  walk(o.coordinates);
}

/** The first position with a non-finite or wild coordinate, as text; undefined when all are usable. */
function wildCoordinate(g: unknown): string | undefined {
  let bad: string | undefined;
  visitPositions(g, (x, y) => {
    if (bad === undefined && !(Number.isFinite(x) && Number.isFinite(y) && Math.abs(x) <= WILD && Math.abs(y) <= WILD)) bad = `(${x}, ${y})`;
  });
  return bad;
}

/** JS engines cap a string near 512 MB (V8: 2^29 − 24 chars): bigger GeoJSON cannot be parsed in one piece. */
export const MAX_GEOJSON_BYTES = 500 * 1024 * 1024;

function readGeoJsonLayer(name: string, file: string, bytes: Uint8Array, opts: ImportOptions, progress: (f: number) => void): ImportLayer {
  if (bytes.length > MAX_GEOJSON_BYTES)
    return {
      name, path: file, format: 'geojson', featureCount: 0, features: [], fields: [],
      findings: [err(file, 'import.too-big', `GeoJSON 超过 500 MB，无法作为一个 JSON 文本解析；请转为 Shapefile（zip）或分块 / GeoJSON over 500 MB cannot be parsed as one JSON text: use a zipped Shapefile or split it`)],
    };
  const parsed = parseGeoJsonBytes(bytes, file, { flat: opts.flatGeojson });
  const findings: Finding[] = [...parsed.findings];
  const layer: ImportLayer = { name, path: file, format: 'geojson', featureCount: parsed.features.length, features: [], fields: [], findings };
  progress(0.5);
  if (findings.some((f) => f.severity === 'error')) return layer;
  const feats = parsed.features as Feature[];
  // Fields: union of property names in order of appearance, with the JSON types seen; the extent. A
  // FeatureCollection's were gathered while its depth was checked (readGeojsonSummary.ts).
  let summary = parsed.summary;
  if (summary === undefined) {
    summary = new GeoJsonSummary();
    for (let i = 0; i < feats.length; i++) summary.add(feats[i]);
  }
  layer.fields = summary.fields().map(({ name: k, type }) => ({
    name: k,
    type,
    ...(FIELD_LABELS_ZH[k.toUpperCase()] ? { labelZh: FIELD_LABELS_ZH[k.toUpperCase()] } : {}),
  }));
  layer.guessedKind = guessKind(layer.fields.map((f) => f.name));
  layer.nativeBBox = summary.bbox();
  // One damaged coordinate (1e400 → Infinity, NaN, 1e300) must not make a lon/lat file look projected: such
  // features get an error each and no geometry, and the extent is taken over the others.
  const nb0 = layer.nativeBBox;
  if (feats.length > 0 && !nb0?.every((v) => Number.isFinite(v) && Math.abs(v) <= WILD)) {
    const ext = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < feats.length; i++) {
      const g = feats[i]?.geometry;
      if (!g || typeof g !== 'object') continue;
      const wild = wildCoordinate(g);
      if (wild) {
        findings.push({ ...err(file, 'import.bad-coordinate', `第 ${i + 1} 个要素的坐标 ${wild} 不是有效数值，不读取其图形 / feature ${i + 1}: coordinate ${wild} is not a usable number; the feature gets no geometry`), featureIndex: i });
        feats[i] = { ...feats[i], geometry: null as unknown as Feature['geometry'] };
      } else visitPositions(g, (x, y) => expand(ext, x, y));
    }
    layer.nativeBBox = Number.isFinite(ext[0]) ? (ext as BBox) : undefined;
  }
  let fromFile: Parameters<typeof resolveCrs>[3];
  if (parsed.crsEpsg !== undefined) {
    const def = crsFromEpsg(parsed.crsEpsg);
    fromFile = def
      ? { def, source: 'geojson-crs', label: parsed.crsName ?? `EPSG:${parsed.crsEpsg}` }
      : { error: `GeoJSON 的 crs 是 EPSG:${parsed.crsEpsg}，不支持 / the GeoJSON "crs" names EPSG:${parsed.crsEpsg}, which is not supported. ${SUPPORTED}` };
  } else if (parsed.crsName !== undefined) {
    fromFile = { error: `GeoJSON 的 crs "${parsed.crsName}" 无法识别 / the GeoJSON "crs" "${parsed.crsName}" is not an EPSG code we know. ${SUPPORTED}` };
  }
  const recordErrors = findings.filter((f) => f.featureIndex !== undefined && f.severity === 'error');
  const fatal = (): boolean => findings.some((f) => f.severity === 'error' && !recordErrors.includes(f));
  const def = resolveCrs(file, findings, opts, fromFile, layer.nativeBBox, 'crs', true);
  if (!def || fatal()) return layer;
  const off = layer.nativeBBox ? implausible(def, layer.nativeBBox) : undefined;
  if (off) {
    findings.push(err(file, 'import.crs-mismatch', `坐标与坐标系不符 / coordinates do not fit the coordinate system: ${off}. 请指定正确的坐标系 / give the right one${advise(opts)}`));
    return layer;
  }
  const isRfc = fromFile === undefined && opts.epsg === undefined;
  layer.crs = crsInfo(def, opts.epsg !== undefined ? 'option' : fromFile ? 'geojson-crs' : 'rfc7946');
  if (layer.crs.datumWarning) findings.push(warn(file, 'import.datum', layer.crs.datumWarning));
  if (isRfc || (def.kind === 'geographic' && !def.towgs84)) {
    layer.features = feats;
  } else {
    const toLonLat = lonLatConverter(def);
    const longEdgeTally = { features: 0, edges: 0, longest: 0 };
    const out: Feature[] = [];
    for (let i = 0; i < feats.length; i++) {
      const f = feats[i];
      const g = f && typeof f === 'object' ? f.geometry : null;
      if (!g || typeof g !== 'object') {
        out.push(f);
        continue;
      }
      const projected = def.kind !== 'geographic';
      if (projected) tallyLongEdges(longEdgeTally, longEdges(g as { type: string; coordinates?: unknown }));
      const conv = convertGeometry(projected && opts.densifyM ? densifyGeometry(g, opts.densifyM) : g, toLonLat);
      if (!conv) {
        findings.push(err(file, 'import.reproject', `第 ${i + 1} 个要素的坐标无法按 ${def.name} 换算为经纬度 / feature ${i + 1}: coordinates cannot be converted from ${def.name} to lon/lat`));
        return layer;
      }
      out.push({ ...f, geometry: conv });
    }
    layer.features = out;
    noteLongEdges(findings, file, longEdgeTally, opts.densifyM);
  }
  // unconverted features have the native extent (computed above over the same features)
  const nb = layer.nativeBBox;
  layer.bbox = layer.features === feats ? (nb ? [nb[0], nb[1], nb[2], nb[3]] : undefined) : geometryExtent(layer.features);
  progress(1);
  return layer;
}
