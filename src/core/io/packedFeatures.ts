/**
 * Features read from a layer pack (flatPack.ts): their properties stay in the pack's columns and are built as an
 * object each time `properties` is read — as FlatGeometry builds `coordinates` — so a load of 500,000 features makes
 * no object per feature that outlives its check (each one that did was copied by the collector, twice, while the
 * load ran; docs/large-layers.md "Layer packs"). `buildLayer` keeps the layer's properties table from the same rows
 * (packedRowsOf), not from objects.
 *
 * To everything else a PackedFeature is a GeoJSON Feature: `type`, `id` (own, only when the feature has one) and
 * `geometry` are own properties and `properties` a getter. A spread (`{ ...f }`) or a structured clone does not
 * see the getter: code that copies a feature names its members (readGeoJsonLayer.ts `withGeometry`).
 * `JSON.stringify` writes the whole feature (toJSON).
 */
import type { AreaGeometry } from '../types';
import type { FlatCollection } from './flatGeojson';

/** A pack's rows (flatPack.ts PackRows, as FlatCollection.rows). */
export type PackedRows = NonNullable<FlatCollection['rows']>;

export class PackedFeature {
  readonly type = 'Feature' as const;
  declare readonly id?: string | number;
  readonly geometry: AreaGeometry;
  readonly #rows: PackedRows;
  readonly #index: number;

  constructor(rows: PackedRows, index: number, id: string | number | undefined, geometry: AreaGeometry) {
    if (id !== undefined) (this as { id?: string | number }).id = id;
    this.geometry = geometry;
    this.#rows = rows;
    this.#index = index;
  }

  /** The feature's properties: a new object on each read (null when the feature's are null). */
  get properties(): Record<string, unknown> | null {
    return this.#rows.row(this.#index);
  }

  toJSON(): Record<string, unknown> {
    return this.id === undefined ? { type: 'Feature', properties: this.properties, geometry: this.geometry } : { type: 'Feature', id: this.id, properties: this.properties, geometry: this.geometry };
  }
}

const packed = new WeakMap<readonly unknown[], PackedRows>();

/**
 * Say that `features` are a pack's, in feature order, with these rows (a reader's call).
 *
 * @param features - the features array the reader returns
 * @param rows - the pack's rows
 * @returns the same array
 * @example
 * return { features: markPacked(features, fc.rows), findings: [] };
 */
export function markPacked<T extends readonly unknown[]>(features: T, rows: PackedRows): T {
  packed.set(features, rows);
  return features;
}

/**
 * The pack's rows behind a features array (markPacked), if it is one.
 *
 * @param features - a features array
 * @returns the rows, or undefined for any other array (a copy or filter of a packed one included)
 * @example
 * const rows = packedRowsOf(features); // rows.row(i) is features[i].properties
 */
export function packedRowsOf(features: readonly unknown[]): PackedRows | undefined {
  return packed.get(features);
}
