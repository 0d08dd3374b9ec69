/**
 * Import entry point shared by the CLI and the app (Web Worker): a file's bytes → layers of lon/lat GeoJSON
 * features with decoded attributes, plus what was detected (CRS, encoding, fields, kind) and findings.
 *
 *   - .zip: every Shapefile inside (grouped by name: .shp + .shx + .dbf + .prj + .cpg) and every .geojson/.json
 *     becomes a layer, named after its file; the caller chooses when there are several.
 *   - .shp (with sibling files passed in `files`), .geojson / .json.
 *   - any of these gzipped (`.gz`: io/gunzip.ts).
 *
 * This file routes formats (zip → its members, .shp + siblings, GeoJSON, sniffed unknown extensions); a layer is
 * read by readShapefileLayer.ts / readGeoJsonLayer.ts, its CRS resolved by resolveCrs.ts, types in importTypes.ts.
 *
 * CRS: an explicit `epsg` option wins, else the .prj (or GeoJSON legacy `crs`), else lon/lat-looking
 * coordinates are taken as CGCS2000 with a warning, and metre coordinates are an error listing the EPSG codes
 * that could fit. Encoding: see encoding.ts. Never throws on bad input: errors are findings (severity error).
 */
import type { Finding } from '../types';
import { DEFAULT_MAX_BYTES, sizeGuard } from './chunks';
import { escapeControl } from './escapeControl';
import { isSqlite } from './gdal/sniff';
import { type ImportLayer, type ImportOptions, type ImportResult, importErr as err, importWarn as warn } from './importTypes';
import { gunzip, isGzipFile } from './gunzip';
import { readGeoJsonLayer } from './readGeoJsonLayer';
import { readShapefileLayer } from './readShapefileLayer';
import { unsupportedFormat } from './unsupportedFormat';
import { isZip, type NamedBytes, unzip } from './zip';

export type { CrsInfo, FieldInfo, ImportLayer, ImportOptions, ImportResult } from './importTypes';
export { importErrors } from './importTypes';
export { MAX_GEOJSON_BYTES } from './readGeoJsonLayer';
export { fieldTypes } from './readGeojsonSummary';

const extOf = (name: string): string => {
  const m = /\.([^./\\]+)$/.exec(name);
  return m ? m[1].toLowerCase() : '';
};
const stemOf = (name: string): string => name.replace(/\.[^./\\]+$/, '');
const baseOf = (name: string): string => name.split(/[/\\]/).pop() ?? name;

/** Read one file's bytes (zip, shp, geojson). `siblings` are the .shx/.dbf/.prj/.cpg next to a bare .shp. */
export function readImport(file: string, bytes: Uint8Array, opts: ImportOptions = {}, siblings: NamedBytes[] = []): ImportResult {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const tooBig = sizeGuard(file, bytes.length, maxBytes);
  if (tooBig) return { file, layers: [], findings: [{ severity: 'error', code: 'import.too-big', message: tooBig, file }] };
  if (bytes.length === 0) return { file, layers: [], findings: [err(file, 'import.empty', '空文件（0 字节） / empty file (0 bytes)')] };
  // a .gz file: the file inside (io/gunzip.ts), read as if given by its own name
  if (isGzipFile(file, bytes)) {
    const g = gunzip(file, bytes, maxBytes);
    return g.ok ? readImport(g.file, g.bytes, opts, siblings) : { file, layers: [], findings: [{ severity: 'error', code: 'import.gzip', message: g.error, file }] };
  }
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
