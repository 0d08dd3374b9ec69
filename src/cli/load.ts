/**
 * Reading input files for the CLI: a file path → features (GeoJSON today; zipped Shapefile once the import
 * readers land), and KIND=FILE layer specs → loaded layers. Unreadable input is reported, never thrown.
 */
import { basename } from 'node:path';
import { parseGeoJson } from '../core/io/readGeojson';
import { isLayerKind, LAYER_KIND_IDS } from '../core/layers/kinds';
import { type LoadedLayer, loadLayerFromFeatures } from '../core/layers/loadLayer';
import type { Finding, LayerKind } from '../core/types';
import { UsageError } from './args';
import type { CliIO } from './io';

export class InputError extends Error {}

export interface ReadFeatures {
  file: string;
  features: unknown[];
  findings: Finding[];
}

export async function readFeatures(path: string, io: CliIO): Promise<ReadFeatures> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(path);
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new InputError(`${path}: ${code === 'ENOENT' ? '文件不存在 / no such file' : code === 'EISDIR' ? '是目录，不是文件 / is a directory' : `无法读取 / cannot read (${code ?? String(err)})`}`);
  }
  const file = basename(path);
  const parsed = parseGeoJson(bytes, file);
  return { file, features: parsed.features, findings: parsed.findings };
}

export function parseLayerSpec(spec: string): { kind: LayerKind; path: string } {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new UsageError(`--layer takes KIND=FILE, got "${spec}" (kinds: ${LAYER_KIND_IDS.join(', ')})`);
  const kind = spec.slice(0, eq);
  if (!isLayerKind(kind)) throw new UsageError(`unknown layer kind "${kind}" (kinds: ${LAYER_KIND_IDS.join(', ')})`);
  return { kind, path: spec.slice(eq + 1) };
}

export async function loadLayerFile(kind: LayerKind, path: string, io: CliIO): Promise<LoadedLayer> {
  const read = await readFeatures(path, io);
  const loaded = loadLayerFromFeatures(kind, read.file, read.features);
  return { layer: loaded.layer, findings: [...read.findings, ...loaded.findings] };
}

export function printFindings(findings: readonly Finding[], io: CliIO): void {
  for (const f of findings) io.stderr(`${f.severity === 'error' ? '错误 error' : '警告 warning'}: ${f.message}\n`);
}
