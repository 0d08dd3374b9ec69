/**
 * The import use case, shared by the CLI (src/cli/load.ts) and the worker (src/worker/handler.ts):
 * read the bytes (io/readAny) → choose a layer → tell its kind → load it (validate, area, index: loadLayer.ts).
 * Never throws on bad input: every problem is a finding naming the file (and feature / field where there is one).
 */
import { guessKind } from '../io/guessKind';
import type { OwnedBytes } from '../io/ownedBytes';
import type { ImportLayer, ImportOptions, ImportResult } from '../io/readAny';
import { type GdalLoader, readImportAsync } from '../io/readImportAsync';
import type { NamedBytes } from '../io/zip';
import { layerKindInfo } from '../layers/kinds';
import type { FieldMapping, Layer } from '../layers/layer';
import type { Finding, LayerKind } from '../types';
import { loadLayerFromFeatures } from './loadLayer';

/** How to choose when a file (a zip) holds several layers and no name is given. */
export type SeveralLayers = 'first-usable' | 'refuse';

/** The layer chosen from an import, or why none could be (the caller words the refusal for its user). */
export type LayerChoice =
  | { layer: ImportLayer | undefined; findings: Finding[] }
  | { refused: 'unknown-name' | 'several'; name?: string; names: string[] };

/**
 * Choose one layer of an import.
 *
 * @param result - what {@link readImport} found in the file
 * @param opts.name - a layer name (exact, else case-insensitive); unknown names are refused
 * @param opts.several - without a name: `'first-usable'` takes the first layer with features and adds a warning,
 *   `'refuse'` refuses when there is more than one layer
 * @returns the chosen layer (undefined when the file has none) and the findings to add, or a refusal
 * @example
 * const choice = chooseLayer(readImport('parcels.zip', bytes), { several: 'first-usable' });
 * if ('layer' in choice) console.log(choice.layer?.name);
 */
export function chooseLayer(result: ImportResult, opts: { name?: string; several: SeveralLayers }): LayerChoice {
  const layers = result.layers;
  const names = layers.map((x) => x.name);
  if (opts.name !== undefined) {
    const want = opts.name;
    const l = layers.find((x) => x.name === want) ?? layers.find((x) => x.name.toLowerCase() === want.toLowerCase());
    return l ? { layer: l, findings: [] } : { refused: 'unknown-name', name: want, names };
  }
  if (opts.several === 'refuse') return layers.length > 1 ? { refused: 'several', names } : { layer: layers[0], findings: [] };
  const usable = layers.filter((l) => l.features.length > 0);
  const chosen = usable[0] ?? layers[0];
  const findings: Finding[] = [];
  if (usable.length > 1)
    findings.push({
      severity: 'warning',
      code: 'import.several-layers',
      message: `${result.file}: 含 ${usable.length} 个图层，已导入「${chosen.name}」 / holds ${usable.length} layers; imported "${chosen.name}"`,
      file: result.file,
    });
  return { layer: chosen, findings };
}

/**
 * The kind of a layer: the one asked for, else the kind its field names make obvious (io/guessKind.ts).
 *
 * @param requested - a kind, or `'auto'` / undefined to guess
 * @param layer - the chosen layer (its fields)
 * @returns the kind, or undefined when it must be asked for
 * @example
 * layerKindOf('auto', { fields: [{ name: 'YJJBNTTBBH', type: 'string' }] } as ImportLayer); // 'permanent-basic'
 */
export function layerKindOf(requested: LayerKind | 'auto' | undefined, layer: Pick<ImportLayer, 'fields' | 'guessedKind'> | undefined): LayerKind | undefined {
  if (requested !== undefined && requested !== 'auto') return requested;
  return layer?.guessedKind ?? guessKind((layer?.fields ?? []).map((f) => f.name));
}

export interface ImportLayerOptions extends ImportOptions {
  /** The layer kind, or `'auto'` to tell it from the fields. */
  kind: LayerKind | 'auto';
  /** Display name; default "<kind in Chinese> · <file>" (with "#<table>" when the file has several tables). */
  name?: string;
  /** Fields that hold non-standard attributes. */
  mapping?: FieldMapping;
  /** true: any error finding keeps the layer out (the app's strict import). */
  blockOnError?: boolean;
  /** The table to import from a file with several (exact name); unknown names are an error finding. */
  layerName?: string;
  /** The .shx/.dbf/.prj/.cpg next to a bare .shp. */
  siblings?: NamedBytes[];
  /** GDAL for GeoPackage / File Geodatabase, loaded on first use (io/readImportAsync.ts). */
  loadGdal?: GdalLoader;
  /** Told once the features are read and validation starts. */
  onValidate?: (features: number) => void;
}

export interface ImportedLayer {
  /** The loaded layer, unless blocked. */
  layer?: Layer;
  /** Every finding: reading, choosing, kind, validation. */
  findings: Finding[];
  /** true when no layer came out (errors with blockOnError, no parcels, unknown table, or the kind is unknown). */
  blocked: boolean;
  kind?: LayerKind;
  /** The kind could not be told from the fields: ask the user. */
  needsKind?: boolean;
  /** Field names of the chosen layer. */
  fields?: string[];
  /** Features in the file's chosen layer (parcels may be fewer: blocked features are left out). */
  featureCount: number;
  /** What the readers found (every table), and the table chosen. */
  read: ImportResult;
  chosen?: ImportLayer;
  /** The file has several tables (or is a GeoPackage / File Geodatabase): the user may pick another. */
  severalTables: boolean;
}

/**
 * Import one layer from a file's bytes: read (every format, GDAL on first use) → choose (the table named, else the
 * first with features) → kind → validate → load.
 *
 * @param file - the file name, used in every finding
 * @param bytes - GeoJSON, a zipped Shapefile, a bare .shp (with `opts.siblings`), a GeoPackage or a zipped .gdb;
 *   as `OwnedBytes` (io/ownedBytes.ts) they are let go once read, before validation (the worker's large files)
 * @param opts - kind (or 'auto'), display name, field mapping, table name, EPSG / encoding overrides, blockOnError,
 *   the GDAL loader, progress
 * @returns the layer (unless blocked) with all findings; `needsKind` when the kind must be asked for
 * @example
 * const r = await importLayer('cultivated.geojson', bytes, { kind: 'auto' });
 * if (!r.blocked) console.log(r.layer!.parcels.length, r.findings.length);
 */
export async function importLayer(file: string, bytes: Uint8Array | OwnedBytes, opts: ImportLayerOptions): Promise<ImportedLayer> {
  const { kind: requested, name, mapping, blockOnError, layerName, siblings, loadGdal, onValidate, ...readOpts } = opts;
  const read = await readOwned(file, bytes, readOpts, siblings ?? [], loadGdal);
  const named = layerName !== undefined ? read.layers.find((l) => l.name === layerName) : undefined;
  const usable = read.layers.filter((l) => l.features.length > 0);
  const chosen = named ?? usable[0] ?? read.layers[0];
  const severalTables = read.layers.length > 1 || chosen?.format === 'gpkg' || chosen?.format === 'filegdb';
  const base = { read, chosen, severalTables, featureCount: chosen?.featureCount ?? 0 };
  if (layerName !== undefined && !named) {
    const f: Finding = {
      severity: 'error',
      code: 'import.no-layer',
      message: `${file}: 没有名为「${layerName}」的图层 / no layer named "${layerName}" (${read.layers.map((l) => l.name).join(', ')})`,
      file,
    };
    return { ...base, findings: [...read.findings, f], blocked: true };
  }
  const readFindings: Finding[] = [...read.findings, ...(chosen?.findings ?? [])];
  if (!named) {
    const choice = chooseLayer(read, { several: 'first-usable' });
    if ('layer' in choice) readFindings.push(...choice.findings);
  }
  const input = chosen?.features ?? [];
  const fields = (chosen?.fields ?? []).map((f) => f.name);
  const kind = layerKindOf(requested, chosen);
  if (kind === undefined) {
    const f: Finding = {
      severity: 'error',
      code: 'import.kind',
      message: `${file}: 无法从字段判断图层类型，请选择 / cannot tell the layer kind from the fields (${fields.join(', ') || 'none'}): choose one`,
      file,
    };
    return { ...base, findings: [...readFindings, f], blocked: true, needsKind: true, fields };
  }
  onValidate?.(input.length);
  const displayName = name ?? `${layerKindInfo(kind).zh} · ${file}${severalTables && chosen ? `#${chosen.name}` : ''}`;
  const loaded = loadLayerFromFeatures(kind, file, input, { name: displayName, mapping });
  const findings = [...readFindings, ...loaded.findings];
  const hasError = findings.some((f) => f.severity === 'error');
  const blocked = (blockOnError === true && hasError) || loaded.layer.parcels.length === 0;
  if (blocked) return { ...base, findings, blocked: true, kind, fields };
  return { ...base, layer: loaded.layer, findings, blocked: false, kind, fields };
}

/**
 * Read owned bytes in a frame of their own and release them when read (io/ownedBytes.ts): no frame of the import
 * holds them afterwards (an async function's locals and arguments live until it returns), and the owner's `free`
 * gives their memory back before validation starts instead of at the worker's next full GC. Every reader makes its own arrays
 * and strings (the flat scanner, .dbf, zip members, GDAL's file system), so nothing read is a view of them.
 */
async function readOwned(file: string, src: Uint8Array | OwnedBytes, ...rest: ReadRest): Promise<ImportResult> {
  if (src instanceof Uint8Array) return readImportAsync(file, src, ...rest);
  try {
    return await readImportAsync(file, src.take(), ...rest);
  } finally {
    src.release();
  }
}

type ReadRest = [opts: ImportOptions, siblings: NamedBytes[], loadGdal: GdalLoader | undefined];
