/**
 * The import entry point for every format, GeoPackage and File Geodatabase included: sniffs the bytes and
 *   - an SQLite file (GeoPackage) → gdal/readGdal.ts;
 *   - a zip holding a "*.gdb/" folder or .gdbtable files (File Geodatabase) → gdal/readGdal.ts, one dataset per
 *     folder, plus any Shapefile / GeoJSON beside them through readFiles;
 *   - a bare File Geodatabase folder (CLI: its files passed as `folder`) → gdal/readGdal.ts;
 *   - anything else → readAny.ts's readImport (synchronous, unchanged).
 * GDAL is large (≈40 MB of WebAssembly and data), so it is loaded through `loadGdal` only when such a file is
 * seen. Without a loader a GeoPackage / FileGDB is an error finding that says so, never a wrong guess.
 */
import type { Finding } from '../types';
import { DEFAULT_MAX_BYTES, sizeGuard } from './chunks';
import type { GdalLoader, GdalPort } from './gdal/gdalPort';
import { type GdalSource, readGdalDataset } from './gdal/readGdal';
import { gdbFolders, isSqlite, sqliteApplicationId } from './gdal/sniff';
import { type ImportOptions, type ImportResult, readFiles, readImport } from './readAny';
import { gunzip, isGzipFile } from './gunzip';
import { isZip, type NamedBytes, unzip } from './zip';

export type { GdalLoader } from './gdal/gdalPort';

const err = (file: string, code: string, message: string): Finding => ({ severity: 'error', code, message: `${file}: ${message}`, file });

async function gdalOrError(file: string, loadGdal: GdalLoader | undefined, what: string): Promise<GdalPort | Finding> {
  if (!loadGdal) return err(file, 'import.gdal-missing', `${what} 需要 GDAL 读取器，此处未提供 / ${what} needs the GDAL reader, which is not available here`);
  try {
    return await loadGdal();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return err(file, 'import.gdal-load', `无法加载 GDAL 读取器（${why}），无法读取 ${what} / cannot load the GDAL reader (${why}) to read the ${what}`);
  }
}

/**
 * Read any supported file. `folder`: the files of a bare .gdb folder (CLI), by name; `bytes` is then ignored.
 */
export async function readImportAsync(
  file: string,
  bytes: Uint8Array,
  opts: ImportOptions = {},
  siblings: NamedBytes[] = [],
  loadGdal?: GdalLoader,
  folder?: NamedBytes[],
): Promise<ImportResult> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (folder) {
    const total = folder.reduce((s, f) => s + f.bytes.length, 0);
    const tooBig = sizeGuard(file, total, maxBytes);
    if (tooBig) return { file, layers: [], findings: [{ severity: 'error', code: 'import.too-big', message: tooBig, file }] };
    if (!folder.some((f) => /\.gdbtable$/i.test(f.name)))
      return { file, layers: [], findings: [err(file, 'import.filegdb', '文件夹中没有 .gdbtable 文件，不是 File Geodatabase / the folder holds no .gdbtable files: not a File Geodatabase')] };
    const gdal = await gdalOrError(file, loadGdal, 'File Geodatabase');
    if (!('Module' in gdal)) return { file, layers: [], findings: [gdal] };
    return readGdalDataset(file, { format: 'filegdb', name: file.split(/[/\\]/).pop() || file, files: folder }, gdal, opts);
  }
  if (isGzipFile(file, bytes)) {
    const g = gunzip(file, bytes, maxBytes);
    if (!g.ok) return { file, layers: [], findings: [{ severity: 'error', code: 'import.gzip', message: g.error, file }] };
    return readImportAsync(g.file, g.bytes, opts, siblings, loadGdal);
  }
  if (isSqlite(bytes)) {
    const tooBig = sizeGuard(file, bytes.length, maxBytes);
    if (tooBig) return { file, layers: [], findings: [{ severity: 'error', code: 'import.too-big', message: tooBig, file }] };
    const app = sqliteApplicationId(bytes);
    const gdal = await gdalOrError(file, loadGdal, 'GeoPackage');
    if (!('Module' in gdal)) return { file, layers: [], findings: [gdal] };
    const r = await readGdalDataset(file, { format: 'gpkg', name: file, files: [{ name: file, bytes }] }, gdal, opts);
    if (r.layers.length === 0 && app !== 'GPKG' && !/^GP1/.test(app ?? ''))
      r.findings.push(err(file, 'import.sqlite', 'SQLite 数据库不是 GeoPackage（没有 gpkg_contents） / an SQLite database that is not a GeoPackage (no gpkg_contents)'));
    return r;
  }
  if (isZip(bytes)) {
    const z = unzip(bytes, file, maxBytes, (f) => opts.onProgress?.(0.2 * f));
    if (!z.ok) return { file, layers: [], findings: [{ severity: 'error', code: 'import.zip', message: z.error, file }] };
    const folders = gdbFolders(z.files.map((f) => f.name));
    if (folders.length === 0) return readFiles(file, z.files, opts, 0.2);
    const gdal = await gdalOrError(file, loadGdal, 'File Geodatabase');
    if (!('Module' in gdal)) return { file, layers: [], findings: [gdal] };
    const result: ImportResult = { file, layers: [], findings: [] };
    const inGdb = new Set<NamedBytes>();
    for (const dir of folders) {
      const files = z.files.filter((f) => {
        const parent = f.name.split(/[/\\]/).slice(0, -1).join('/');
        return parent === dir;
      });
      for (const f of z.files) if (dir === '' || f.name.startsWith(`${dir}/`)) inGdb.add(f);
      const name = dir.split('/').pop() || file.replace(/\.zip$/i, '.gdb');
      const src: GdalSource = { format: 'filegdb', name, files };
      const label = folders.length > 1 || dir ? `${file}/${dir || name}` : file;
      const r = await readGdalDataset(label, src, gdal, opts);
      result.layers.push(...r.layers);
      result.findings.push(...r.findings);
    }
    const rest = z.files.filter((f) => !inGdb.has(f) && /\.(shp|geojson|json)$/i.test(f.name));
    if (rest.length) {
      const r = readFiles(file, z.files.filter((f) => !inGdb.has(f)), opts, 0.2);
      result.layers.push(...r.layers);
      result.findings.push(...r.findings);
    }
    opts.onProgress?.(1);
    return result;
  }
  return readImport(file, bytes, opts, siblings);
}
