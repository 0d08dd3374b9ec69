/**
 * The import use case, shared by the CLI (src/cli/load.ts) and the worker (src/worker/handler.ts):
 * read the bytes (io/readAny) → choose a layer → tell its kind → load it (validate, area, index: loadLayer.ts).
 * Never throws on bad input: every problem is a finding naming the file (and feature / field where there is one).
 */
import { guessKind } from '../io/guessKind';
import { type ImportLayer, type ImportOptions, type ImportResult, readImport } from '../io/readAny';
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
  /** Display name; default "<kind in Chinese> · <file>". */
  name?: string;
  /** Fields that hold non-standard attributes. */
  mapping?: FieldMapping;
  /** true: any error finding keeps the layer out (the app's strict import). */
  blockOnError?: boolean;
  /** The .shx/.dbf/.prj/.cpg next to a bare .shp. */
  siblings?: NamedBytes[];
  /** Told once the features are read and validation starts. */
  onValidate?: (features: number) => void;
}

export interface ImportedLayer {
  /** The loaded layer, unless blocked. */
  layer?: Layer;
  /** Every finding: reading, choosing, kind, validation. */
  findings: Finding[];
  /** true when no layer came out (errors with blockOnError, no parcels, or the kind is unknown). */
  blocked: boolean;
  kind?: LayerKind;
  /** The kind could not be told from the fields: ask the user. */
  needsKind?: boolean;
  /** Field names of the chosen layer. */
  fields: string[];
  /** Features in the file's chosen layer (parcels may be fewer: blocked features are left out). */
  featureCount: number;
}

/**
 * Import one layer from a file's bytes: read → choose (the first layer with features) → kind → validate → load.
 *
 * @param file - the file name, used in every finding
 * @param bytes - GeoJSON, a zipped Shapefile, or a bare .shp (with `opts.siblings`)
 * @param opts - kind (or 'auto'), display name, field mapping, EPSG / encoding overrides, blockOnError, progress
 * @returns the layer (unless blocked) with all findings; `needsKind` when the kind must be asked for
 * @example
 * const r = importLayer('cultivated.geojson', bytes, { kind: 'auto' });
 * if (!r.blocked) console.log(r.layer!.parcels.length, r.findings.length);
 */
export function importLayer(file: string, bytes: Uint8Array, opts: ImportLayerOptions): ImportedLayer {
  const { kind: requested, name, mapping, blockOnError, siblings, onValidate, ...readOpts } = opts;
  const read = readImport(file, bytes, readOpts, siblings ?? []);
  const choice = chooseLayer(read, { several: 'first-usable' });
  // with several: 'first-usable' and no name there is no refusal
  const chosen = 'layer' in choice ? choice.layer : undefined;
  const readFindings: Finding[] = [...read.findings, ...(chosen?.findings ?? []), ...('layer' in choice ? choice.findings : [])];
  const input = chosen?.features ?? [];
  const fields = (chosen?.fields ?? []).map((f) => f.name);
  const featureCount = chosen?.featureCount ?? 0;
  const kind = layerKindOf(requested, chosen);
  if (kind === undefined) {
    const f: Finding = {
      severity: 'error',
      code: 'import.kind',
      message: `${file}: 无法从字段判断图层类型，请选择 / cannot tell the layer kind from the fields (${fields.join(', ') || 'none'}): choose one`,
      file,
    };
    return { findings: [...readFindings, f], blocked: true, needsKind: true, fields, featureCount };
  }
  onValidate?.(input.length);
  const loaded = loadLayerFromFeatures(kind, file, input, { name: name ?? `${layerKindInfo(kind).zh} · ${file}`, mapping });
  const findings = [...readFindings, ...loaded.findings];
  const hasError = findings.some((f) => f.severity === 'error');
  const blocked = (blockOnError === true && hasError) || loaded.layer.parcels.length === 0;
  if (blocked) return { findings, blocked: true, kind, fields, featureCount };
  return { layer: loaded.layer, findings, blocked: false, kind, fields, featureCount };
}
