/** Engine load of one layer: parse → validate → area → index. Never throws on bad input. */
import { parseGeoJsonBytes } from '../io/readGeojson';
import type { Finding, LayerKind } from '../types';
import { validateParcels } from '../validate/validate';
import { kindDisplayName } from '../layers/displayName';
import { buildLayer, type FieldMapping, type Layer } from '../layers/layer';
import { poolPropertyStrings } from '../layers/stringPool';

export interface LoadedLayer {
  layer: Layer;
  findings: Finding[];
}

/**
 * Load features as a layer: validate them (findings naming file, feature, id and field), then build the layer from
 * what validation computed (areas, boxes, index), leaving blocked features out.
 *
 * @param kind - the layer kind (cultivated, permanent-basic, eco-redline, …)
 * @param file - the file name, used in findings
 * @param features - lon/lat GeoJSON features as read (io/readAny)
 * @param opts.name - display name (default: the kind's Chinese name); `mapping` names non-standard fields;
 *   `areaTolerance` is the relative tolerance of declared against computed area
 * @returns the layer and the findings; never throws on bad input
 * @example
 * const { layer, findings } = loadLayerFromFeatures('cultivated', 'gd.geojson', read.layers[0].features);
 */
export function loadLayerFromFeatures(
  kind: LayerKind,
  file: string,
  features: readonly unknown[],
  opts: { name?: string; mapping?: FieldMapping; areaTolerance?: number } = {},
): LoadedLayer {
  // one copy of each repeated string (village codes and names…) before the attrs are read from them
  poolPropertyStrings(features);
  const v = validateParcels(features, { file, kind, areaTolerance: opts.areaTolerance });
  const layer = buildLayer(kind, file, features, { name: opts.name ?? kindDisplayName(kind), skip: v.blocked, mapping: opts.mapping, validated: v.parcels });
  return { layer, findings: v.findings };
}

/**
 * Parse GeoJSON text or bytes and load it as a layer (parse findings first, then validation findings).
 *
 * @param kind - the layer kind
 * @param file - the file name, used in findings
 * @param input - GeoJSON text or UTF-8 bytes
 * @param opts.flat - false: never take the flat fast path (io/flatGeojson.ts)
 * @returns the layer and every finding
 * @example
 * loadLayerFromGeoJson('eco-redline', 'hx.geojson', text).layer.parcels.length;
 */
export function loadLayerFromGeoJson(kind: LayerKind, file: string, input: string | Uint8Array, opts: { name?: string; mapping?: FieldMapping; flat?: boolean } = {}): LoadedLayer {
  const parsed = parseGeoJsonBytes(input, file, { flat: opts.flat });
  const loaded = loadLayerFromFeatures(kind, file, parsed.features, opts);
  return { layer: loaded.layer, findings: [...parsed.findings, ...loaded.findings] };
}
