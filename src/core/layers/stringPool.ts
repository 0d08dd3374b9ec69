/**
 * One copy of each repeated string in a layer's attributes (issue 14 item 8: the engine worker's weight at 500k).
 *
 * A 三调 layer repeats a few strings on every parcel: ZLDWDM / QSDWDM (19-character village codes), ZLDWMC / QSDWMC
 * (village names), DLMC, ZZSXDM. JSON.parse keeps one copy of a string value only up to 10 characters (V8
 * internalizes those); every longer value, and every string a Shapefile or GeoPackage reader decodes, is a copy of
 * its own — ~32 B per parcel per 19-character field in Chrome. The pool hands back the first copy of each value.
 *
 * Per field, it gives up on values that do not repeat (BSM, TBBH: one per parcel): in each run of `PROBE` values of
 * a field, if more than half were new to the pool, that field is left as it is from then on (a unique field costs
 * the pool one or two windows of its values; a field whose values each come twice is still pooled — the pool lives
 * only as long as one import). A field that starts unique and repeats later is not pooled: a saving missed, never a
 * wrong value.
 * Strings are values in JavaScript: which copy a field holds cannot be observed, so results are unchanged.
 */

import { isPooled } from '../io/pooledFeatures';

/** Values of a field looked at before deciding whether it repeats. */
const PROBE = 512;

/** A field's current window: values looked at, how many were new to the pool; off: left alone. */
interface FieldStats {
  seen: number;
  added: number;
  off: boolean;
}

export class StringPool {
  private readonly pool = new Map<string, string>();
  private readonly fields = new Map<string, FieldStats>();

  /**
   * The pooled copy of `value` (a string field named `field`), or `value` itself for a field that does not repeat.
   *
   * @param field - the field's name (the per-field give-up rule)
   * @param value - the string
   * @returns an equal string, shared with every earlier equal value of a repeating field
   * @example
   * const pool = new StringPool();
   * pool.intern('ZLDWDM', a) === pool.intern('ZLDWDM', b); // true when a === b
   */
  intern(field: string, value: string): string {
    let st = this.fields.get(field);
    if (st === undefined) {
      st = { seen: 0, added: 0, off: false };
      this.fields.set(field, st);
    }
    if (st.off) return value;
    const had = this.pool.get(value);
    st.seen++;
    if (had === undefined) st.added++;
    if (st.seen === PROBE) {
      // a window of PROBE values: mostly new ones, and the field is left alone from now on
      st.off = st.added * 2 > PROBE;
      st.seen = 0;
      st.added = 0;
    }
    if (had !== undefined) return had;
    if (!st.off) this.pool.set(value, value);
    return value;
  }

  /**
   * Pool every string value of an object's own fields, in place (same keys, order and values). Objects that cannot
   * take the write (frozen, sealed, read-only members) keep their copies.
   *
   * @param o - a feature's properties or a parcel's attrs
   * @example
   * pool.internFields(feature.properties);
   */
  internFields(o: Record<string, unknown>): void {
    // frozen or sealed (no reader makes such objects; one that did would throw on the write): left as it is
    if (!Object.isExtensible(o)) return;
    try {
      // (for…in, not Object.keys: no array per object — only own members are written; equal strings compare equal
      // whichever copy they are, so the pooled one is always written back)
      for (const k in o) {
        const v = o[k];
        if (typeof v === 'string' && v.length > 0 && Object.hasOwn(o, k)) o[k] = this.intern(k, v);
      }
    } catch {
      // a read-only member or an accessor without a setter: the rest of the object keeps its own copies
    }
  }

  /** Distinct strings held. */
  get size(): number {
    return this.pool.size;
  }
}

/**
 * Pool the string values of every feature's properties, in place, before validation reads attrs from them (so the
 * attrs share the pooled copies too). Features that are not objects, or whose properties are not, are left alone;
 * so is an array whose reader shared its strings already (io/pooledFeatures.ts).
 *
 * @param features - GeoJSON-like features as read (io/readAny)
 * @returns the distinct strings pooled (0 for an array its reader pooled)
 * @example
 * poolPropertyStrings(read.layers[0].features);
 */
export function poolPropertyStrings(features: readonly unknown[]): number {
  if (isPooled(features)) return 0;
  const pool = new StringPool();
  for (const f of features) {
    if (f === null || typeof f !== 'object') continue;
    const props = (f as { properties?: unknown }).properties;
    if (props !== null && typeof props === 'object' && !Array.isArray(props)) pool.internFields(props as Record<string, unknown>);
  }
  return pool.size;
}

