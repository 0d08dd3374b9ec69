/**
 * Reading input files for the CLI: a path → lon/lat features through the core importer (GeoJSON, zipped
 * Shapefile, or a bare .shp with its .shx/.dbf/.prj/.cpg siblings), and KIND=FILE layer specs → loaded layers.
 * Every command that takes a .geojson takes a .zip, .shp, .gpkg (GeoPackage), zipped .gdb or bare .gdb folder (File
 * Geodatabase, read through GDAL: core/io/readImportAsync.ts) too; pass `args` (or ReadOptions) to honour
 * --epsg CODE and --encoding ENC. A file holding several layers: pick one with `FILE.zip#NAME` / `FILE.gpkg#DLTB` (or --layer NAME
 * where the command has no other use for --layer). Unreadable input is reported, never thrown.
 */
import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { FieldMapping, Layer } from '../core/layers/layer';
import type { InputFileMeta } from '../core/report/metadata';
import { ATTR_KEYS } from '../core/layers/fields';
import { isLayerKind, LAYER_KIND_IDS } from '../core/layers/kinds';
import { chooseLayer as chooseImportLayer, layerKindOf } from '../core/engine/importLayer';
import { type LoadedLayer, loadLayerFromFeatures } from '../core/engine/loadLayer';
import { type ImportLayer, type ImportOptions, type ImportResult, importErrors } from '../core/io/readAny';
import { readImportAsync } from '../core/io/readImportAsync';
import type { NamedBytes } from '../core/io/zip';
import type { Finding, LayerKind } from '../core/types';
import { type ParsedArgs, UsageError, opt } from './args';
import { loadGdalNode } from './gdalNode';
import { type CliIO, EXIT } from './io';

export class InputError extends Error {}

export interface ReadFeatures {
  file: string;
  features: unknown[];
  findings: Finding[];
  /** The importer's view of the chosen layer (CRS, encoding, fields, guessed kind). */
  layer?: ImportLayer;
  /** Everything the importer found in the file (all layers of a zip). */
  result?: ImportResult;
}

export interface ReadOptions {
  /** EPSG code of the coordinates (number or "4527" / "EPSG:4527"). */
  epsg?: number | string;
  encoding?: string;
  /** Layer name inside a zip holding several. */
  layerName?: string;
  /** Size limit in bytes; default 2 GiB on the command line. */
  maxBytes?: number;
  /** Projected sources: densify edges every ≤ this many metres in the source projection (io/densify.ts). */
  densifyM?: number;
}

/** The CLI's default size limit (Node can hold more than a browser tab). */
export const CLI_MAX_BYTES = 2 * 1024 * 1024 * 1024 - 1;

/** Parse an --epsg value: "4527", "EPSG:4527". */
export function parseEpsg(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value;
  const m = /^\s*(?:epsg:)?(\d{4,5})\s*$/i.exec(value);
  if (!m) throw new UsageError(`--epsg takes an EPSG code such as 4527 or EPSG:4527, got "${value}"`);
  return Number(m[1]);
}

/** --epsg / --encoding from parsed arguments. */
export function readOptionsFromArgs(args: ParsedArgs): ReadOptions {
  const d = opt(args, 'densify');
  const densifyM = d === undefined ? undefined : Number(d);
  if (densifyM !== undefined && !(Number.isFinite(densifyM) && densifyM > 0)) throw new UsageError(`--densify takes a segment length in metres (e.g. 50), got "${d}"`);
  return { epsg: opt(args, 'epsg'), encoding: opt(args, 'encoding'), ...(densifyM !== undefined ? { densifyM } : {}) };
}

const isParsedArgs = (o: unknown): o is ParsedArgs => typeof o === 'object' && o !== null && (o as ParsedArgs).options instanceof Map;

async function readBytes(path: string, io: CliIO): Promise<Uint8Array> {
  try {
    return await io.readFile(path);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_FS_FILE_TOO_LARGE' || (err instanceof RangeError && /too large|size/i.test(err.message)))
      throw new InputError(`${path}: 文件超过 2 GB，无法一次读入；请按乡镇拆分 / file larger than 2 GB cannot be read at once: split it (e.g. by township)`);
    throw new InputError(`${path}: ${code === 'ENOENT' ? '文件不存在 / no such file' : code === 'EISDIR' ? '是目录，不是文件 / is a directory' : `无法读取 / cannot read (${code ?? String(err)})`}`);
  }
}

/** The .shx/.dbf/.prj/.cpg next to a .shp (either case of extension); missing ones are skipped. */
async function siblings(path: string, io: CliIO): Promise<NamedBytes[]> {
  const stem = basename(path).replace(/\.shp$/i, '');
  const out: NamedBytes[] = [];
  for (const ext of ['shx', 'dbf', 'prj', 'cpg']) {
    for (const e of [ext, ext.toUpperCase()]) {
      try {
        out.push({ name: `${stem}.${ext}`, bytes: await io.readFile(join(dirname(path), `${stem}.${e}`)) });
        break;
      } catch {
        // not there: the importer reports what is missing
      }
    }
  }
  return out;
}

/** Read a file with the core importer (all layers). Throws InputError when it cannot be read at all. */
export async function importFile(path: string, io: CliIO, options: ReadOptions = {}): Promise<ImportResult> {
  const file = basename(path.replace(/[/\\]+$/, ''));
  const opts: ImportOptions = {
    epsg: parseEpsg(options.epsg),
    encoding: options.encoding,
    maxBytes: options.maxBytes ?? CLI_MAX_BYTES,
    advice: { crs: '--epsg CODE', encoding: '--encoding NAME' },
    ...(options.densifyM ? { densifyM: options.densifyM } : {}),
  };
  // a bare File Geodatabase folder: its files go to GDAL (core/io/readImportAsync.ts)
  const folder = /\.gdb[/\\]*$/i.test(path) ? await gdbFolder(path, io) : undefined;
  const bytes = folder ? new Uint8Array() : await readBytes(path, io);
  const sib = /\.shp$/i.test(path) ? await siblings(path, io) : [];
  return readImportAsync(file, bytes, opts, sib, loadGdalNode, folder);
}

/** The files of a .gdb folder (File Geodatabase), read through `io`. */
async function gdbFolder(path: string, io: CliIO): Promise<NamedBytes[] | undefined> {
  let names: string[];
  try {
    names = (await readdir(path, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOTDIR') return undefined; // a file named *.gdb: read as bytes
    throw new InputError(`${path}: ${code === 'ENOENT' ? '文件夹不存在 / no such folder' : `无法读取 / cannot read (${code ?? String(err)})`}`);
  }
  const out: NamedBytes[] = [];
  for (const name of names.sort()) out.push({ name, bytes: await readBytes(join(path, name), io) });
  return out;
}

/** Pick the layer named `name`, or the only one (core/engine/importLayer.ts chooseLayer); else a UsageError listing the names. */
export function chooseLayer(result: ImportResult, name: string | undefined, how = '--layer NAME'): ImportLayer | undefined {
  const choice = chooseImportLayer(result, { name, several: 'refuse' });
  if ('layer' in choice) return choice.layer;
  const list = choice.names.join(', ');
  if (choice.refused === 'unknown-name') throw new UsageError(`${result.file}: 没有名为 "${name}" 的图层 / no layer named "${name}" (layers: ${list})`);
  throw new UsageError(`${result.file} 含 ${choice.names.length} 个图层 / holds ${choice.names.length} layers: ${list} — 用 ${how} 选择一个 / choose one with ${how}`);
}

export async function readFeatures(path: string, io: CliIO, options: ReadOptions | ParsedArgs = {}): Promise<ReadFeatures> {
  const ro: ReadOptions = isParsedArgs(options) ? readOptionsFromArgs(options) : options;
  let p = path;
  let layerName = ro.layerName;
  const hash = /^(.*\.(?:zip|gpkg|gdb))#(.+)$/i.exec(path);
  if (hash) {
    p = hash[1];
    layerName = hash[2];
  }
  const result = await importFile(p, io, ro);
  const file = basename(p);
  if (result.layers.length === 0) return { file, features: [], findings: result.findings, result };
  const layer = chooseLayer(result, layerName, `${p}#NAME`) as ImportLayer;
  const findings = [...result.findings, ...layer.findings];
  return { file: result.layers.length > 1 ? `${file}#${layer.name}` : file, features: layer.features, findings, layer, result };
}

/** Whether any finding is an error. */
export const hasErrors = (findings: readonly Finding[]): boolean => findings.some((f) => f.severity === 'error');

export { importErrors };

export function parseLayerSpec(spec: string): { kind: LayerKind; path: string } {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new UsageError(`--layer takes KIND=FILE, got "${spec}" (kinds: ${LAYER_KIND_IDS.join(', ')})`);
  const kind = spec.slice(0, eq);
  if (!isLayerKind(kind)) throw new UsageError(`unknown layer kind "${kind}" (kinds: ${LAYER_KIND_IDS.join(', ')})`);
  return { kind, path: spec.slice(eq + 1) };
}

/**
 * The layer kind to use: --kind when given, else the kind the fields make obvious (guessKind), else a
 * UsageError asking for --kind.
 */
export function resolveKind(args: ParsedArgs, read: ReadFeatures): LayerKind {
  const given = opt(args, 'kind');
  if (given !== undefined) {
    if (!isLayerKind(given)) throw new UsageError(`unknown layer kind "${given}" (kinds: ${LAYER_KIND_IDS.join(', ')})`);
    return given;
  }
  const guessed = layerKindOf('auto', read.layer);
  if (guessed) return guessed;
  throw new UsageError(
    `${read.file}: 无法从字段判断图层类型，请用 --kind 指定 / cannot tell the layer kind from its fields ` +
      `(${(read.layer?.fields ?? []).map((f) => f.name).join(', ') || 'none'}): give --kind (${LAYER_KIND_IDS.join(', ')})`,
  );
}

/** Read a --mapping FILE: JSON {attr: fieldName}, attr one of the standard attributes. */
export async function loadMapping(path: string, io: CliIO): Promise<FieldMapping> {
  const bytes = await readBytes(path, io);
  let obj: unknown;
  try {
    obj = JSON.parse(new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new InputError(`${path}: 不是有效的 JSON / not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj))
    throw new InputError(`${path}: 字段映射应为 {"属性": "字段名"} 对象 / the mapping must be an object {"attr": "FIELD"}`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (!(ATTR_KEYS as readonly string[]).includes(k))
      throw new InputError(`${path}: 未知属性 "${k}" / unknown attribute "${k}" (attributes: ${ATTR_KEYS.join(', ')})`);
    if (typeof v !== 'string' || v.trim() === '') throw new InputError(`${path}: "${k}" 的字段名应为非空字符串 / field name of "${k}" must be a non-empty string`);
    out[k] = v;
  }
  return out as FieldMapping;
}

export async function loadLayerFile(kind: LayerKind, path: string, io: CliIO, options: ReadOptions | ParsedArgs = {}, mapping?: FieldMapping): Promise<LoadedLayer> {
  const read = await readFeatures(path, io, options);
  const loaded = loadLayerFromFeatures(kind, read.file, read.features, { mapping });
  return { layer: loaded.layer, findings: [...read.findings, ...loaded.findings] };
}

/** A --layer KIND=FILE (or manifest) entry. */
export interface LayerSpec {
  kind: LayerKind;
  path: string;
  name?: string;
}

/**
 * Load every layer spec (read → choose → validate → load), adding findings and input metadata as it goes. A file
 * that cannot be read at all is unreadable input: InputError (exit 2), as in `farmland area`.
 */
export async function loadLayerSpecs(
  specs: readonly LayerSpec[],
  io: CliIO,
  opts: { read?: ReadOptions | ParsedArgs; mapping?: FieldMapping; findings: Finding[]; inputs: InputFileMeta[] },
): Promise<Layer[]> {
  const layers: Layer[] = [];
  for (const spec of specs) {
    const read = await readFeatures(spec.path, io, opts.read ?? {});
    opts.findings.push(...read.findings);
    if (hasErrors(read.findings)) throw new InputError(`${read.file}: 无法读取为 GeoJSON / cannot be read as GeoJSON`);
    const loaded = loadLayerFromFeatures(spec.kind, read.file, read.features, { ...(spec.name ? { name: spec.name } : {}), ...(opts.mapping ? { mapping: opts.mapping } : {}) });
    opts.findings.push(...loaded.findings);
    layers.push(loaded.layer);
    opts.inputs.push({ file: loaded.layer.file, role: spec.kind, features: loaded.layer.parcels.length });
  }
  return layers;
}

/**
 * The end of a command that met unreadable input: print what was found so far and the reason, exit 2.
 * Anything that is not an InputError is rethrown (main turns it into one line, no stack trace).
 */
export function exitOnInputError(err: unknown, findings: readonly Finding[], io: CliIO): number {
  if (!(err instanceof InputError)) throw err;
  printFindings(findings, io);
  io.stderr(`farmland: ${err.message}\n`);
  return EXIT.usage;
}

export function printFindings(findings: readonly Finding[], io: CliIO): void {
  for (const f of findings) io.stderr(`${f.severity === 'error' ? '错误 error' : '警告 warning'}: ${f.message}\n`);
}

/**
 * FILE imported and its layer chosen (`--layer NAME` among several), every finding printed: the layer, or the exit
 * code when there is none to use (unreadable input, no layer, an error finding). `convert` and `pack` start so.
 *
 * @param path - the file
 * @param args - the command's arguments (`--layer`, `--epsg`, `--encoding`, `--densify`)
 * @param io - the CLI's IO
 * @returns the import and its chosen layer, or an exit code
 * @example
 * const got = await importOneLayer(path, args, io);
 * if (typeof got === 'number') return got;
 */
export async function importOneLayer(path: string, args: ParsedArgs, io: CliIO): Promise<{ result: ImportResult; layer: ImportLayer } | number> {
  let result: ImportResult;
  try {
    result = await importFile(path, io, readOptionsFromArgs(args));
  } catch (err) {
    return exitOnInputError(err, [], io);
  }
  if (result.layers.length === 0) {
    printFindings(result.findings, io);
    return EXIT.usage;
  }
  const layer = chooseLayer(result, opt(args, 'layer'));
  if (!layer) return EXIT.usage;
  const findings = [...result.findings, ...layer.findings];
  printFindings(findings, io);
  return findings.some((f) => f.severity === 'error') ? EXIT.usage : { result, layer };
}
