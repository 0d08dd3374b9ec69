/** Engine load of one layer: parse → validate → area → index. Never throws on bad input. */
import { parseGeoJsonBytes } from '../io/readGeojson';
import type { Finding, LayerKind } from '../types';
import { validateParcels } from '../validate/validate';
import { kindDisplayName } from '../layers/displayName';
import { buildLayer, type FieldMapping, type Layer } from '../layers/layer';

export interface LoadedLayer {
  layer: Layer;
  findings: Finding[];
}

export function loadLayerFromFeatures(
  kind: LayerKind,
  file: string,
  features: readonly unknown[],
  opts: { name?: string; mapping?: FieldMapping; areaTolerance?: number } = {},
): LoadedLayer {
  const v = validateParcels(features, { file, kind, areaTolerance: opts.areaTolerance });
  const layer = buildLayer(kind, file, features, { name: opts.name ?? kindDisplayName(kind), skip: v.blocked, mapping: opts.mapping, validated: v.parcels });
  return { layer, findings: v.findings };
}

export function loadLayerFromGeoJson(kind: LayerKind, file: string, input: string | Uint8Array, opts: { name?: string; mapping?: FieldMapping; flat?: boolean } = {}): LoadedLayer {
  const parsed = parseGeoJsonBytes(input, file, { flat: opts.flat });
  const loaded = loadLayerFromFeatures(kind, file, parsed.features, opts);
  return { layer: loaded.layer, findings: [...parsed.findings, ...loaded.findings] };
}
