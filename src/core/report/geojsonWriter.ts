/**
 * GeoJSON writer: the layers' parcels as one FeatureCollection with computed properties added beside the
 * original ones — never over them. Added keys carry a prefix ("fa_" by default); if any original property
 * already uses a key the writer would add, the prefix becomes "fa1_", "fa2_", … (the one chosen is in the
 * metadata as `property_prefix`). The export metadata is a foreign member "metadata" of the collection (RFC 7946 §6.1).
 */
import { m2ToMu } from '../area/units';
import { layerKindInfo } from '../layers/kinds';
import type { Layer } from '../layers/layer';
import { parcelProps } from '../layers/propsTable';
import type { ExportMetadata } from './metadata';

/** Names (without prefix) of the computed properties. */
export const COMPUTED_PROPS = ['id', 'layer_kind', 'layer_name', 'layer_zh', 'area_m2', 'area_mu', 'effective_area_m2', 'effective_area_mu', 'source_index'] as const;

export interface GeoJsonLayerInput {
  layer: Layer;
  /** Per parcel (same order as layer.parcels): area with overlaps counted once (layerOverlaps().effectiveAreaM2). */
  effectiveAreaM2?: ArrayLike<number>;
  /** Restrict to these positions in layer.parcels (e.g. a region filter). */
  positions?: readonly number[];
}

/** The prefix that collides with no original property of any parcel. */
export function choosePrefix(layers: readonly GeoJsonLayerInput[], base = 'fa_'): string {
  const keys = new Set<string>();
  for (const { layer } of layers) {
    const table = layer.props;
    if (table !== undefined) for (const p of layer.parcels) for (const k of table.rowNames(p.index)) keys.add(k);
  }
  const stem = base.endsWith('_') ? base.slice(0, -1) : base;
  for (let n = 0; ; n++) {
    const prefix = n === 0 ? base : `${stem}${n}_`;
    if (!COMPUTED_PROPS.some((c) => keys.has(prefix + c))) return prefix;
  }
}

export interface FeatureCollectionOut {
  type: 'FeatureCollection';
  metadata: ExportMetadata & { property_prefix: string };
  features: { type: 'Feature'; id?: string | number; properties: Record<string, unknown>; geometry: unknown }[];
}

export function annotatedFeatureCollection(layers: readonly GeoJsonLayerInput[], meta: ExportMetadata, opts: { prefix?: string } = {}): FeatureCollectionOut {
  const prefix = choosePrefix(layers, opts.prefix ?? 'fa_');
  const features: FeatureCollectionOut['features'] = [];
  for (const { layer, effectiveAreaM2, positions } of layers) {
    const zh = layerKindInfo(layer.kind).zh;
    const idx = positions ?? layer.parcels.map((_, i) => i);
    for (const i of idx) {
      const p = layer.parcels[i];
      const eff = effectiveAreaM2 ? effectiveAreaM2[i] : undefined;
      const computed: Record<string, unknown> = {
        id: p.id,
        layer_kind: layer.kind,
        layer_name: layer.name,
        layer_zh: zh,
        area_m2: p.areaM2,
        area_mu: m2ToMu(p.areaM2),
        effective_area_m2: eff ?? null,
        effective_area_mu: eff === undefined ? null : m2ToMu(eff),
        source_index: p.index,
      };
      const properties = parcelProps(layer, p);
      for (const [k, v] of Object.entries(computed)) properties[prefix + k] = typeof v === 'number' && !Number.isFinite(v) ? null : v;
      features.push({ type: 'Feature', properties, geometry: p.geometry });
    }
  }
  return { type: 'FeatureCollection', metadata: { ...meta, property_prefix: prefix }, features };
}

/** The collection as GeoJSON text (compact: parcels files are large). */
export function writeGeoJson(layers: readonly GeoJsonLayerInput[], meta: ExportMetadata, opts: { prefix?: string } = {}): string {
  return `${JSON.stringify(annotatedFeatureCollection(layers, meta, opts))}\n`;
}
