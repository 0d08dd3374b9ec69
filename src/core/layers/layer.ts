/**
 * A loaded layer: the parcels of one file as the engine holds them (normalised attributes, ellipsoidal area,
 * bbox) plus a spatial index. Features whose geometry cannot carry area (errors found by validation) are
 * left out of `parcels`; their findings say why.
 */
import type Flatbush from 'flatbush';
import { geometryAreaEllipsoidal } from '../area/ellipsoid';
import { buildIndex, geometryBBox } from '../index/spatialIndex';
import type { AreaGeometry, BBox, Finding, LayerKind, Parcel } from '../types';
import { type readAttrs as ReadAttrs, readAttrs } from './fields';

export type FieldMapping = Parameters<typeof ReadAttrs>[1];

export interface Layer {
  kind: LayerKind;
  /** Display name (defaults to the kind's zh name). */
  name: string;
  /** Source file name, as findings and exports name it. */
  file: string;
  parcels: Parcel[];
  index: Flatbush;
  bbox: BBox;
  /** Sum of parcels' ellipsoidal areas (m²), overlaps not removed. */
  grossAreaM2: number;
}

interface FeatureLike {
  type?: unknown;
  id?: unknown;
  geometry?: unknown;
  properties?: unknown;
}

function isAreaGeometry(g: unknown): g is AreaGeometry {
  if (g === null || typeof g !== 'object') return false;
  const t = (g as { type?: unknown }).type;
  return (t === 'Polygon' || t === 'MultiPolygon') && Array.isArray((g as { coordinates?: unknown }).coordinates);
}

/** Parcel id: the standard id attribute, else feature.id, else "#index". */
export function parcelId(attrsId: string | undefined, featureId: unknown, index: number): string {
  if (attrsId !== undefined) return attrsId;
  if (typeof featureId === 'string' || typeof featureId === 'number') return String(featureId);
  return `#${index}`;
}

/**
 * Build a layer from features. `skip` (from validation) marks features with blocking geometry errors;
 * they are not loaded. Features without a Polygon/MultiPolygon geometry are skipped too.
 */
export function buildLayer(
  kind: LayerKind,
  file: string,
  features: readonly unknown[],
  opts: { name?: string; skip?: ReadonlySet<number>; mapping?: FieldMapping } = {},
): Layer {
  const parcels: Parcel[] = [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let gross = 0;
  for (let i = 0; i < features.length; i++) {
    if (opts.skip?.has(i)) continue;
    const f = features[i] as FeatureLike | null;
    if (f === null || typeof f !== 'object' || !isAreaGeometry(f.geometry)) continue;
    const props = f.properties !== null && typeof f.properties === 'object' ? (f.properties as Record<string, unknown>) : {};
    const attrs = readAttrs(props, opts.mapping);
    const bbox = geometryBBox(f.geometry);
    const areaM2 = geometryAreaEllipsoidal(f.geometry);
    gross += areaM2;
    if (bbox[0] < minX) minX = bbox[0];
    if (bbox[1] < minY) minY = bbox[1];
    if (bbox[2] > maxX) maxX = bbox[2];
    if (bbox[3] > maxY) maxY = bbox[3];
    parcels.push({ index: i, id: parcelId(attrs.id, f.id, i), geometry: f.geometry, attrs, props, areaM2, bbox });
  }
  const index = buildIndex(parcels.map((p) => p.bbox));
  const bbox: BBox = parcels.length ? [minX, minY, maxX, maxY] : [0, 0, 0, 0];
  return { kind, name: opts.name ?? kind, file, parcels, index, bbox, grossAreaM2: gross };
}

export type { Finding };
