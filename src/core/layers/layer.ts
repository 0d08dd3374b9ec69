/**
 * A loaded layer: the parcels of one file as the engine holds them (normalised attributes, ellipsoidal area,
 * bbox) plus a spatial index. Features whose geometry cannot carry area (errors found by validation) are
 * left out of `parcels`; their findings say why.
 */
import type Flatbush from 'flatbush';
import { geometryAreaEllipsoidal } from '../area/ellipsoid';
import { buildIndex, geometryBBox } from '../index/spatialIndex';
import { flatOf } from '../io/flatGeometry';
import { packedRowsOf } from '../io/packedFeatures';
import type { AreaGeometry, BBox, Finding, LayerKind, Parcel, ParcelAttrs } from '../types';
import { type readAttrs as ReadAttrs, readAttrs } from './fields';
import { type AttrTable, AttrTableBuilder } from './attrTable';
import { PropsTable } from './propsTable';

export type FieldMapping = Parameters<typeof ReadAttrs>[1];

export interface Layer {
  kind: LayerKind;
  /** Display name (defaults to the kind's zh name). */
  name: string;
  /** Source file name, as findings and exports name it. */
  file: string;
  parcels: Parcel[];
  /**
   * The features' original properties, untouched, in columns by feature index (for export and inspection:
   * `parcelProps(layer, p)`). Absent on layers that keep none (supplements, parcels read back from the database).
   * Layers derived from this one (clips, adjustment) keep it: their parcels keep the feature index.
   */
  props?: PropsTable;
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
  if (flatOf(g)) return true; // (reading `coordinates` would build the nested arrays)
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
/**
 * What validation already computed for these features (validate.ts ValidatedParcels): areas, bboxes and the index
 * are taken from it instead of recomputed — bit-identical, since validation computes them with the same functions
 * on the same coordinates. Used only when it belongs to the same features array.
 */
export interface Precomputed {
  features: readonly unknown[];
  areaM2: Float64Array;
  bbox: readonly (BBox | undefined)[];
  /** readAttrs(properties) without a mapping, in columns by feature index (used only when buildLayer has no mapping either). */
  attrs: AttrTable;
  /** Feature indices of the index's items, in order. */
  indexed: Int32Array;
  /** Their parcel ids (parcelId of the attrs' id, the feature's id, the index), in the same order. */
  ids?: readonly string[];
  index: Flatbush;
}

export function buildLayer(
  kind: LayerKind,
  file: string,
  features: readonly unknown[],
  opts: { name?: string; skip?: ReadonlySet<number>; mapping?: FieldMapping; validated?: Precomputed; keepProps?: boolean } = {},
): Layer {
  // (sized once: pushing 500k parcels onto a growing array copied it ~30 times)
  const parcels: Parcel[] = new Array(features.length - (opts.skip?.size ?? 0));
  let count = 0;
  // keepProps: false — the caller keeps the features themselves (a change layer), so no columns are built
  const keepProps = opts.keepProps ?? true;
  // a pack's features (io/packedFeatures.ts): the table is built from its rows, and a parcel's properties object is
  // made only where its attributes are read here; `kept` marks the rows the table keeps
  const rows = keepProps ? packedRowsOf(features) : undefined;
  const kept = rows !== undefined ? new Uint8Array(features.length) : undefined;
  const propsOf: unknown[] = keepProps && rows === undefined ? new Array(features.length) : [];
  const pre = opts.validated !== undefined && opts.validated.features === features && opts.validated.areaM2.length === features.length ? opts.validated : undefined;
  // the attributes in columns, shared by the parcels (row = feature index): validation's table while the parcels are
  // the features it accepted (it read them as here, without a mapping), else read here, each put as it is read (no
  // object per parcel is kept)
  let given: AttrTable | undefined = opts.mapping === undefined ? pre?.attrs : undefined;
  let build = given === undefined ? new AttrTableBuilder(features.length) : undefined;
  const skip = opts.skip;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let gross = 0;
  for (let i = 0; i < features.length; i++) {
    if (skip?.has(i)) continue;
    const f = features[i] as FeatureLike | null;
    if (f === null || typeof f !== 'object' || !isAreaGeometry(f.geometry)) continue;
    if (given !== undefined && pre?.indexed[count] !== i) {
      // a feature validation did not accept: its table lacks rows, so every parcel's attributes are read here
      given = undefined;
      build = new AttrTableBuilder(features.length);
      for (let k = 0; k < count; k++) build.put(parcels[k].index, readAttrs(propertiesOf(features[parcels[k].index] as FeatureLike), opts.mapping));
    }
    let id: string | undefined;
    // (validation's id for this parcel, when its table is the one used: feature i is the index's item here)
    const known = given !== undefined ? pre?.ids?.[count] : undefined;
    if (build !== undefined) {
      const own = readAttrs(propertiesOf(f), opts.mapping);
      build.put(i, own);
      id = own.id;
    } else if (known === undefined) id = (given as AttrTable).value(i, 'id');
    const knownBox = pre?.bbox[i];
    const bbox = knownBox ?? geometryBBox(f.geometry);
    const areaM2 = knownBox !== undefined && pre !== undefined ? pre.areaM2[i] : geometryAreaEllipsoidal(f.geometry);
    gross += areaM2;
    if (bbox[0] < minX) minX = bbox[0];
    if (bbox[1] < minY) minY = bbox[1];
    if (bbox[2] > maxX) maxX = bbox[2];
    if (bbox[3] > maxY) maxY = bbox[3];
    if (kept !== undefined) kept[i] = 1;
    else if (keepProps) propsOf[i] = propertiesOf(f);
    parcels[count++] = { index: i, id: known ?? parcelId(id, f.id, i), geometry: f.geometry, attrsFrom: given ?? PENDING, areaM2, bbox };
  }
  parcels.length = count;
  const index = pre !== undefined && sameItems(parcels, pre.indexed) ? pre.index : buildIndex(parcels.map((p) => p.bbox));
  const bbox: BBox = parcels.length ? [minX, minY, maxX, maxY] : [0, 0, 0, 0];
  // (only the loaded features' rows are filled: a skipped feature's properties are not kept)
  const layer: Layer = { kind, name: opts.name ?? kind, file, parcels, index, bbox, grossAreaM2: gross };
  // (a pack's: its columns as they came, the rows not loaded shown as none)
  if (rows !== undefined && kept !== undefined) layer.props = PropsTable.ofColumns(features.length, rows.columns((i) => kept[i] === 1));
  else if (keepProps) layer.props = PropsTable.from(propsOf);
  if (build !== undefined) {
    const table = build.finish();
    for (const p of parcels) p.attrsFrom = table;
  }
  return layer;
}

/** A parcel's attributes until its layer's table is built (buildLayer). */
const PENDING: ParcelAttrs = Object.freeze({});

/** A feature's properties object ({} for none or not an object). */
function propertiesOf(f: FeatureLike): Record<string, unknown> {
  // (read once: a pack's feature builds the object on each read)
  const p = f.properties;
  return p !== null && typeof p === 'object' ? (p as Record<string, unknown>) : {};
}

/** Whether the parcels are exactly the index's items (feature indices, in order). */
function sameItems(parcels: readonly Parcel[], indexed: Int32Array): boolean {
  if (parcels.length !== indexed.length || parcels.length === 0) return false;
  for (let k = 0; k < parcels.length; k++) if (parcels[k].index !== indexed[k]) return false;
  return true;
}

export type { Finding };
