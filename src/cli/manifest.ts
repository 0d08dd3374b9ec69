/**
 * Project manifest: one JSON file naming a project's layers, targets and analysis config, so commands need not
 * repeat `--layer KIND=FILE` lists:
 *
 *   {"name": "某县耕地保护", "layers": [{"kind": "cultivated", "file": "gd.geojson", "name": "耕地"}, …],
 *    "targets": "targets.json", "config": "config.json"}
 *
 * Paths are relative to the manifest's own directory. A manifest that cannot be read or does not have this
 * shape is an input error (exit 2) with a message naming the manifest and the offending entry.
 */
import { dirname, resolve } from 'node:path';
import { isLayerKind, LAYER_KIND_IDS } from '../core/layers/kinds';
import type { LayerKind } from '../core/types';
import type { CliIO } from './io';
import { InputError } from './load';

export interface ManifestLayer {
  kind: LayerKind;
  /** Resolved path (relative entries resolved against the manifest's directory). */
  path: string;
  name?: string;
}

export interface Manifest {
  /** Path of the manifest file itself. */
  file: string;
  name?: string;
  layers: ManifestLayer[];
  /** Resolved path of the targets file, when named. */
  targets?: string;
  /** Resolved path of the analysis config file, when named. */
  config?: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Validate and resolve a parsed manifest. Throws InputError naming the manifest and entry. */
export function parseManifest(json: unknown, manifestPath: string): Manifest {
  const base = dirname(manifestPath);
  const bad = (what: string) => new InputError(`${manifestPath}: ${what}`);
  if (!isObj(json)) throw bad('清单必须是 JSON 对象 / manifest must be a JSON object');
  const out: Manifest = { file: manifestPath, layers: [] };
  if (json.name !== undefined) {
    if (typeof json.name !== 'string') throw bad('"name" 必须是字符串 / "name" must be a string');
    out.name = json.name;
  }
  if (!Array.isArray(json.layers)) throw bad('缺少 "layers" 数组 / "layers" must be an array');
  json.layers.forEach((l, i) => {
    if (!isObj(l)) throw bad(`layers[${i}] 必须是对象 / layers[${i}] must be an object`);
    if (!isLayerKind(l.kind)) throw bad(`layers[${i}].kind "${String(l.kind)}" 未知 / unknown kind (kinds: ${LAYER_KIND_IDS.join(', ')})`);
    if (typeof l.file !== 'string' || l.file.trim() === '') throw bad(`layers[${i}].file 必须是路径字符串 / layers[${i}].file must be a path`);
    if (l.name !== undefined && typeof l.name !== 'string') throw bad(`layers[${i}].name 必须是字符串 / layers[${i}].name must be a string`);
    out.layers.push({ kind: l.kind, path: resolve(base, l.file), ...(typeof l.name === 'string' ? { name: l.name } : {}) });
  });
  for (const key of ['targets', 'config'] as const) {
    const v = json[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string' || v.trim() === '') throw bad(`"${key}" 必须是路径字符串 / "${key}" must be a path`);
    out[key] = resolve(base, v);
  }
  return out;
}

/** Read an input file through the CLI's IO. Throws InputError naming the file when it cannot be read. */
export async function readInputFile(path: string, io: CliIO): Promise<Uint8Array> {
  try {
    return await io.readFile(path);
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new InputError(`${path}: ${code === 'ENOENT' ? '文件不存在 / no such file' : `无法读取 / cannot read (${code ?? String(err)})`}`);
  }
}

/** Read a JSON file through the CLI's IO (BOM tolerated). Throws InputError when unreadable or not JSON. */
export async function readJsonFile(path: string, io: CliIO): Promise<unknown> {
  const bytes = await readInputFile(path, io);
  let text = new TextDecoder('utf-8').decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InputError(`${path}: 不是有效的 JSON / not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
}

export async function readManifest(path: string, io: CliIO): Promise<Manifest> {
  return parseManifest(await readJsonFile(path, io), path);
}

/** The files a command line names: its --layer specs, --targets and --config. */
export interface ProjectFiles {
  layers: ManifestLayer[];
  targets: string | undefined;
  config: string | undefined;
}

/**
 * The command line's files completed by the manifest's (`--manifest`): the manifest's layers come after the line's,
 * and its targets and config count only where the line names none. Without a manifest, the line's files as they are.
 * Throws InputError when the manifest cannot be read (see readManifest).
 */
export async function withManifest(line: ProjectFiles, manifestPath: string | undefined, io: CliIO): Promise<ProjectFiles> {
  if (manifestPath === undefined) return line;
  const m = await readManifest(manifestPath, io);
  return { layers: [...line.layers, ...m.layers], targets: line.targets ?? m.targets, config: line.config ?? m.config };
}
