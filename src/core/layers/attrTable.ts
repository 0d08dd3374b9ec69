/**
 * A loaded layer's normalised attributes (ParcelAttrs) in columns, by feature index (issue #14 item 8: the worker
 * kept one attrs object per parcel, 136 B each at 500k parcels — 68 MB of the engine's heap). One column per
 * attribute that occurs (layers/propsColumn.ts: the narrowest integer array, else Float64Array; repeating strings as
 * 1/2/4-byte codes into a table; a BSM that never repeats as one string per row, shared with the parcel's id).
 *
 * A parcel reads its attributes through `attrsOf(p)` (one object, built on each call: keep it while you need it) or
 * one of them through `attrOf(p, key)` (no object). A hand-built parcel (a drawn site, a server row, a test) carries
 * its own object instead of a table; both read the same.
 */
import type { AttrRows, ParcelAttrs } from '../types';
import { ATTR_KEYS, LOCATION_FIELDS, type REGION_PREFIX, regionPrefix } from './fields';
import { Column } from './propsColumn';

type Key = keyof ParcelAttrs;

/** Every attribute in the order readAttrs writes them (layers/fields.ts attrsOf): the fields, then landClass. */
const KEYS: readonly Key[] = [...ATTR_KEYS, 'landClass'];
const SLOT = new Map<string, number>(KEYS.map((k, i) => [k, i]));

export class AttrTable implements AttrRows {
  /** The columns, in KEYS order; null for an attribute no row has. */
  private readonly columns: (Column | null)[];

  private constructor(
    readonly length: number,
    columns: (Column | null)[],
  ) {
    this.columns = columns;
  }

  /**
   * The table AttrTableBuilder filled (its only way in: build one with it).
   *
   * @example
   * const b = new AttrTableBuilder(2);
   * b.put(0, { id: 'A', dlbm: '0101', landClass: 'paddy' });
   * const t = b.finish();
   * t.row(0); // { id: 'A', dlbm: '0101', landClass: 'paddy' }
   * t.row(1); // {}
   */
  static sealed(length: number, columns: (Column | null)[]): AttrTable {
    return new AttrTable(length, columns);
  }

  /** Row `i` as an object: the attributes it has, in readAttrs's order. */
  row(i: number): ParcelAttrs {
    const out: Record<string, unknown> = {};
    const cs = this.columns;
    for (let k = 0; k < cs.length; k++) {
      const c = cs[k];
      if (c === null) continue;
      const v = c.get(i);
      if (v !== undefined) out[KEYS[k]] = v;
    }
    return out as ParcelAttrs;
  }

  /** One attribute of row `i`, with no object built. */
  value<K extends Key>(i: number, key: K): ParcelAttrs[K] {
    const c = this.columns[SLOT.get(key) ?? -1];
    return (c === null || c === undefined ? undefined : c.get(i)) as ParcelAttrs[K];
  }

  /** Bytes held in typed arrays (the string tables and per-row strings not counted). */
  get byteLength(): number {
    let n = 0;
    for (const c of this.columns) n += c?.byteLength ?? 0;
    return n;
  }
}

/**
 * An AttrTable filled one row at a time, in increasing row order (validation puts each accepted feature's attributes
 * as it reads them, so no object per parcel lives on until the layer is built).
 */
export class AttrTableBuilder {
  private readonly columns: (Column | null)[] = KEYS.map(() => null);
  /**
   * The row after the last one put in each column. A row skipped is put as undefined (Column.put's contract: rows in
   * increasing order; one undefined makes the column keep kinds by row, and rows never put then read as undefined).
   */
  private readonly next = new Int32Array(KEYS.length);

  /** @param length - the table's rows (the file's features) */
  constructor(readonly length: number) {}

  /** Row `i`'s attributes (rows in increasing order, each at most once; rows never put have none). */
  put(i: number, attrs: ParcelAttrs): void {
    const a = attrs as Record<string, unknown>;
    const next = this.next;
    for (const key in a) {
      const v = a[key];
      const k = SLOT.get(key);
      if (k === undefined || v === undefined) continue;
      let c = this.columns[k];
      if (c === null) c = this.columns[k] = new Column(this.length, false);
      if (next[k] >= 0 && next[k] < i) this.gap(k, c);
      c.put(i, v);
      if (next[k] >= 0) next[k] = i + 1;
    }
  }

  /** The table (the builder is done). */
  finish(): AttrTable {
    for (let k = 0; k < KEYS.length; k++) {
      const c = this.columns[k];
      if (c === null) continue;
      if (this.next[k] >= 0 && this.next[k] < this.length) this.gap(k, c);
      c.seal();
    }
    return AttrTable.sealed(this.length, this.columns);
  }

  private gap(k: number, c: Column): void {
    c.put(this.next[k], undefined);
    this.next[k] = -1; // (kinds by row from now on: nothing more to mark)
  }
}

/** Where a parcel's attributes are: its layer's table (row = the parcel's index) or an object of its own. */
export type AttrSource = AttrRows | ParcelAttrs;

const isRows = (s: AttrSource): s is AttrRows => typeof (s as { row?: unknown }).row === 'function';

/**
 * A parcel's attributes as one object (built from its layer's table on each call: keep it while you need it).
 *
 * @param p - a parcel
 * @returns its ParcelAttrs
 * @example
 * const a = attrsOf(layer.parcels[0]); // { id: '…', dlbm: '0101', tbmj: 1234.5, … }
 */
export function attrsOf(p: { index: number; attrsFrom: AttrSource }): ParcelAttrs {
  const s = p.attrsFrom;
  return isRows(s) ? s.row(p.index) : s;
}

/**
 * One attribute of a parcel, with no object built (for loops over every parcel).
 *
 * @example
 * attrOf(p, 'zldwdm'); // '2309991012010000000'
 */
export function attrOf<K extends Key>(p: { index: number; attrsFrom: AttrSource }, key: K): ParcelAttrs[K] {
  const s = p.attrsFrom;
  return isRows(s) ? s.value(p.index, key) : s[key];
}

/**
 * A parcel's region code at a level (fields.ts regionCodeOf on its attributes), with no object built.
 *
 * @example
 * parcelRegionCode(p, 'township'); // '230999101'
 */
export function parcelRegionCode(p: { index: number; attrsFrom: AttrSource }, level: keyof typeof REGION_PREFIX): string | undefined {
  return regionPrefix(locationCode(p), level);
}

/** A parcel's 坐落单位代码 (fields.ts LOCATION_FIELDS: ZLDWDM, else XZQDM), with no object built. */
export function locationCode(p: { index: number; attrsFrom: AttrSource }): string | undefined {
  for (const k of LOCATION_FIELDS) {
    const v = attrOf(p, k);
    if (v !== undefined) return v;
  }
  return undefined;
}
