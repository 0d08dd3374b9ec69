/**
 * GeoPackage and File Geodatabase → the same ImportResult as readAny.ts's readImport, through GDAL (gdal3.js,
 * see gdalPort.ts). For each table with polygons (Polygon, MultiPolygon, CurvePolygon, MultiSurface, any Z/M):
 *   1. ogrinfo -json lists it with its name, alias (GeoPackage identifier / FileGDB alias), feature count, CRS and
 *      fields (with their aliases and coded-value domains);
 *   2. ogr2ogr writes it as GeoJSON in its own coordinates (RFC7946=NO keeps the CRS as an EPSG "crs" member),
 *      curves linearised (CONVERT_TO_LINEAR, a vertex every 0.1° of arc: GDAL_ENV), Z/M dropped, and each field
 *      with a coded-value domain accompanied by "<field>_resolved" holding the description (-resolveDomains);
 *   3. that GeoJSON goes through readAny.ts's readFiles like any other file: the same CRS rules (crs.ts), the same
 *      reprojection, the same findings — one path from a file to a figure.
 * Tables without polygons (points, lines, plain tables) are named in a warning, not offered as layers.
 * Never throws on bad input: what GDAL cannot open is an error finding naming the file.
 */
import type { Finding, LayerKind } from '../../types';
import { crsFromEpsg } from '../crs';
import { type ImportLayer, type ImportOptions, type ImportResult, readFiles } from '../readAny';
import type { NamedBytes } from '../zip';
import type { GdalDataset, GdalFs, GdalPort } from './gdalPort';
import { kindFromTableName } from './tableKind';

export type GdalFormat = 'gpkg' | 'filegdb';

export interface GdalSource {
  format: GdalFormat;
  /** File name of the .gpkg, or folder name of the .gdb ("sandiao.gdb"). */
  name: string;
  /** The .gpkg bytes (one entry), or the .gdb folder's files by their names inside the folder. */
  files: NamedBytes[];
}

/** What ogrinfo -json says of a table (only the parts used here; anything else is ignored). */
interface OgrLayerInfo {
  name: string;
  featureCount?: number;
  metadata?: Record<string, Record<string, string>>;
  geometryFields?: { name?: string; type?: string; coordinateSystem?: { wkt?: string; projjson?: { name?: string; id?: { authority?: string; code?: number } } } }[];
  /** `alias`: what GDAL 3.8's ogrinfo -json writes (gdal3.js); `alternativeName`: the C API's name, accepted too. */
  fields?: { name: string; type?: string; alias?: string; alternativeName?: string; domainName?: string }[];
}
interface OgrInfo {
  layers?: OgrLayerInfo[];
  domains?: Record<string, { type?: string; codedValues?: Record<string, string | null> }>;
}

const FORMAT_ZH: Record<GdalFormat, string> = { gpkg: 'GeoPackage', filegdb: 'File Geodatabase' };

const isPolygonType = (t: string | undefined): boolean => t !== undefined && /polygon|surface/i.test(t);

const err = (file: string, code: string, message: string): Finding => ({ severity: 'error', code, message: `${file}: ${message}`, file });
const warn = (file: string, code: string, message: string): Finding => ({ severity: 'warning', code, message: `${file}: ${message}`, file });


/** One GDAL at a time: its file system and error state are global to the module instance. */
const queues = new WeakMap<GdalPort, Promise<unknown>>();
let serial = 0;

/** Read a GeoPackage or a File Geodatabase folder. `file` names it in findings (the zip's or the .gpkg's name). */
export function readGdalDataset(file: string, src: GdalSource, gdal: GdalPort, opts: ImportOptions = {}): Promise<ImportResult> {
  const prev = queues.get(gdal) ?? Promise.resolve();
  const next = prev.then(
    () => run(file, src, gdal, opts),
    () => run(file, src, gdal, opts),
  );
  queues.set(gdal, next);
  return next;
}

function removeTree(fs: GdalFs, path: string): void {
  try {
    if (fs.isDir(fs.stat(path).mode)) {
      for (const e of fs.readdir(path)) if (e !== '.' && e !== '..') removeTree(fs, `${path}/${e}`);
      fs.rmdir(path);
    } else fs.unlink(path);
  } catch {
    // already gone
  }
}

const safeName = (n: string): string => n.replace(/[^\p{L}\p{N}._-]/gu, '_') || 'data';

async function run(file: string, src: GdalSource, gdal: GdalPort, opts: ImportOptions): Promise<ImportResult> {
  const findings: Finding[] = [];
  const fs = gdal.Module.FS;
  const dir = `/input/farmland${++serial}`;
  const out = `farmland${serial}`;
  let ds: GdalDataset | undefined;
  try {
    fs.mkdir(dir);
    let path: string;
    if (src.format === 'gpkg') {
      path = `${dir}/${safeName(src.name.replace(/\.gpkg$/i, ''))}.gpkg`;
      fs.writeFile(path, src.files[0].bytes);
    } else {
      path = `${dir}/${safeName(src.name.replace(/\.gdb$/i, ''))}.gdb`;
      fs.mkdir(path);
      for (const f of src.files) {
        const base = f.name.split(/[/\\]/).pop() ?? f.name;
        if (base) fs.writeFile(`${path}/${base}`, f.bytes);
      }
    }
    const opened = await gdal.open(path).catch((e: unknown) => ({ datasets: [] as GdalDataset[], errors: [e] }));
    ds = opened.datasets[0];
    if (!ds) {
      const why = opened.errors.map(describe).filter(Boolean).join('; ') || 'unknown';
      findings.push(err(file, `import.${src.format}`, `GDAL 无法打开 ${FORMAT_ZH[src.format]}（${why}） / GDAL cannot open the ${FORMAT_ZH[src.format]} (${why})`));
      return { file, layers: [], findings };
    }
    const info = (await gdal.ogrinfo(ds, ['-json', '-so', '-al'])) as OgrInfo;
    const tables = info.layers ?? [];
    const polygonTables = tables.filter((l) => isPolygonType(l.geometryFields?.[0]?.type));
    const others = tables.filter((l) => !polygonTables.includes(l));
    if (others.length)
      findings.push(
        warn(
          file,
          'import.not-polygon',
          `${others.length} 个表没有面图形，未列出：${others.map((l) => `${l.name}（${l.geometryFields?.[0]?.type ?? '无图形 / no geometry'}）`).join('、')} / ${others.length} tables without polygons are not offered: ${others.map((l) => `${l.name} (${l.geometryFields?.[0]?.type ?? 'no geometry'})`).join(', ')}`,
        ),
      );
    if (polygonTables.length === 0) {
      findings.push(err(file, 'import.no-polygons', `${FORMAT_ZH[src.format]} 中没有含面图形的要素类 / the ${FORMAT_ZH[src.format]} holds no feature class with polygons`));
      return { file, layers: [], findings };
    }
    const layers: ImportLayer[] = [];
    for (let i = 0; i < polygonTables.length; i++) {
      const t = polygonTables[i];
      opts.onProgress?.(i / polygonTables.length);
      layers.push(await readTable(file, src, t, info, gdal, ds, `${out}_${i}`, opts));
    }
    opts.onProgress?.(1);
    return { file, layers, findings };
  } catch (e) {
    findings.push(err(file, `import.${src.format}`, `读取 ${FORMAT_ZH[src.format]} 失败（${describe(e)}） / reading the ${FORMAT_ZH[src.format]} failed (${describe(e)})`));
    return { file, layers: [], findings };
  } finally {
    if (ds) await gdal.close(ds).catch(() => undefined);
    removeTree(fs, dir);
  }
}

function describe(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message).trim();
  return String(e);
}

async function readTable(
  file: string,
  src: GdalSource,
  t: OgrLayerInfo,
  info: OgrInfo,
  gdal: GdalPort,
  ds: GdalDataset,
  outName: string,
  opts: ImportOptions,
): Promise<ImportLayer> {
  const layerFile = `${file}/${t.name}`;
  const fields = t.fields ?? [];
  const withDomain = fields.filter((f) => f.domainName && info.domains?.[f.domainName]?.type === 'coded');
  // A CRS without an EPSG code we know (a custom ESRI definition, or a code crs.ts lacks): GDAL converts it to
  // CGCS2000 lon/lat by the dataset's own definition, and a warning says so. Known codes go through crs.ts.
  const cs = t.geometryFields?.[0]?.coordinateSystem;
  const code = cs?.projjson?.id?.authority === 'EPSG' ? cs.projjson.id.code : undefined;
  const byGdal = opts.epsg === undefined && cs?.wkt !== undefined && (code === undefined || crsFromEpsg(code) === undefined);
  const args = [
    '-f', 'GeoJSON', '-lco', 'RFC7946=NO', '-nlt', 'CONVERT_TO_LINEAR', '-dim', 'XY',
    ...(byGdal ? ['-t_srs', 'EPSG:4490'] : []),
    ...(withDomain.length ? ['-resolveDomains'] : []),
    t.name,
  ];
  const made = await gdal.ogr2ogr(ds, args, outName);
  const bytes = await gdal.getFileBytes(made);
  try {
    gdal.Module.FS.unlink(made.real ?? made.local);
  } catch {
    // left for the next run's cleanup
  }
  const read = readFiles(layerFile, [{ name: `${t.name}.geojson`, bytes }], opts);
  const layer: ImportLayer = read.layers[0] ?? { name: t.name, path: layerFile, format: 'geojson', featureCount: 0, features: [], fields: [], findings: [] };
  layer.findings.unshift(...read.findings);
  layer.name = t.name;
  layer.path = layerFile;
  layer.format = src.format;
  if (typeof t.featureCount === 'number') layer.featureCount = t.featureCount;
  const alias = t.metadata?.['']?.IDENTIFIER ?? t.metadata?.['']?.ALIAS_NAME;
  if (alias && alias !== t.name) layer.alias = alias;
  layer.geometryType = t.geometryFields?.[0]?.type;
  if (layer.crs && layer.crs.source === 'geojson-crs') layer.crs.source = 'dataset';
  if (byGdal && layer.crs) {
    const name = cs?.projjson?.name ?? (code !== undefined ? `EPSG:${code}` : '?');
    layer.crs = { ...layer.crs, name: `${name} → CGCS2000 (GDAL)`, source: 'dataset' };
    layer.findings.push(
      warn(
        layerFile,
        'import.crs-gdal',
        `坐标系「${name}」${code !== undefined ? `（EPSG:${code}）不在本程序支持的列表中` : '没有 EPSG 代码'}，已由 GDAL 按数据库中的定义换算为 CGCS2000 经纬度；如为西安80/北京54，未做基准转换 / the CRS "${name}" ${code !== undefined ? `(EPSG:${code}) is not one this program knows` : 'has no EPSG code'}: GDAL converted it to CGCS2000 lon/lat by the definition in the database (no datum shift for Xi'an 80 / Beijing 54)`,
      ),
    );
  }
  layer.encoding = {
    encoding: 'utf-8',
    source: 'format',
    detail: `${FORMAT_ZH[src.format]} 以 Unicode 存储文本 / ${FORMAT_ZH[src.format]} stores text as Unicode`,
  };
  // field aliases and domains from ogrinfo (the GeoJSON knows neither)
  const byName = new Map(fields.map((f) => [f.name, f]));
  for (const f of layer.fields) {
    const meta = byName.get(f.name);
    const alias = meta?.alias ?? meta?.alternativeName;
    if (alias && alias !== f.name) f.alias = alias;
    if (meta?.domainName) f.domain = meta.domainName;
    const base = /^(.*)_resolved$/.exec(f.name)?.[1];
    if (base && byName.get(base)?.domainName) f.resolvedFrom = base;
  }
  const byTable = kindFromTableName(t.name);
  const kind: LayerKind | undefined = byTable?.kind ?? layer.guessedKind;
  if (kind) layer.guessedKind = kind;
  if (byTable) layer.standardTable = byTable.table;
  return layer;
}
