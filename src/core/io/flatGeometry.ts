/**
 * A Polygon / MultiPolygon whose positions live in a layer's flat typed arrays (flatGeojson.ts FlatStore) instead
 * of nested GeoJSON arrays. At 500k parcels nested arrays cost ~80 bytes per vertex and most of the load time (every
 * `[x, y]` is an object to make, walk and collect); the store costs 16 bytes per vertex and is read in place by
 * validation (self-intersection, area), the index and the tile packer.
 *
 * It is still a GeoJSON geometry to everything else: `type` is an own property, and `coordinates` builds the nested
 * arrays on each read (a fresh copy: callers may keep or change it). Reading it is for the few parcels a question
 * touches (impact, snap, inspect, overlaps); whole-layer walks use `flatOf` and the store.
 *
 * The store and the feature index are private fields, so no walk, `Object.keys` or structured clone sees (or
 * copies) the whole store through one parcel. A structured clone therefore carries only `type`: geometry handed to
 * postMessage must go through `plainGeometry` first. `JSON.stringify` writes the full geometry (toJSON).
 */
import type { AreaGeometry, PolygonCoords, Ring } from '../types';
import type { FlatStore } from './flatGeojson';

export class FlatGeometry {
  readonly type: 'Polygon' | 'MultiPolygon';
  readonly #store: FlatStore;
  readonly #feature: number;

  constructor(store: FlatStore, feature: number) {
    this.type = store.multi[feature] === 1 ? 'MultiPolygon' : 'Polygon';
    this.#store = store;
    this.#feature = feature;
  }

  get store(): FlatStore {
    return this.#store;
  }

  /** The feature's index in the store. */
  get feature(): number {
    return this.#feature;
  }

  get coordinates(): PolygonCoords | PolygonCoords[] {
    const { xs, ys, ringStart, partStart, featurePart } = this.#store;
    const f = this.#feature;
    const polys: PolygonCoords[] = [];
    for (let p = featurePart[f]; p < featurePart[f + 1]; p++) {
      const rings: PolygonCoords = [];
      for (let r = partStart[p]; r < partStart[p + 1]; r++) {
        const a = ringStart[r];
        const n = ringStart[r + 1] - a;
        const ring: Ring = new Array(n);
        for (let k = 0; k < n; k++) ring[k] = [xs[a + k], ys[a + k]];
        rings.push(ring);
      }
      polys.push(rings);
    }
    return this.type === 'Polygon' ? polys[0] : polys;
  }

  toJSON(): AreaGeometry {
    return plainGeometry(this as unknown as AreaGeometry);
  }
}

/** The flat geometry behind a parcel's geometry, if it is one. */
export function flatOf(g: unknown): FlatGeometry | undefined {
  return g instanceof FlatGeometry ? g : undefined;
}

/** A plain GeoJSON object for any area geometry (nested arrays built from a FlatGeometry; others as they are). */
export function plainGeometry<G extends AreaGeometry | null | undefined>(g: G): G {
  if (!(g instanceof FlatGeometry)) return g;
  return { type: g.type, coordinates: g.coordinates } as G;
}

/** Feature f's geometry as the engine's AreaGeometry type. */
export function flatGeometry(store: FlatStore, feature: number): AreaGeometry {
  // the class has exactly the members of a GeoJSON Polygon / MultiPolygon; TypeScript cannot see `coordinates`
  // follow `type` through a getter, hence the cast
  return new FlatGeometry(store, feature) as unknown as AreaGeometry;
}
