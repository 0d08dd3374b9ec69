/**
 * A layer's original properties kept in columns (issue 14 item 8: the engine worker's weight at 500k).
 *
 * A parcel's feature properties are needed only to export it and to show it (inspect, the change table); analysis
 * reads the normalised attrs. Kept as one object per parcel they cost an object header, a pointer per field and a
 * boxed number for each non-integer value — and an object for the collector to trace, for as long as the layer is
 * loaded. Here each field is one column:
 * - numbers: an Int8Array, Int16Array or Int32Array when every value is an integer that fits (not −0), else a
 *   Float64Array;
 * - strings: a code per row (Uint8Array, Uint16Array or Uint32Array by how many distinct values) into the column's
 *   string table;
 * - null, true, false and undefined: the kind alone (a field that is all null, as a Shapefile's empty field reads,
 *   holds nothing);
 * - nested objects and arrays: kept as they are, by row;
 * - a field holding values of more than one kind: a kind byte per row, each value as above.
 * Which fields a row has, in which order, is its shape: one list of names per distinct order, a shape number per row
 * (none when every row has the same shape). A field that fewer than a quarter of the rows have keeps its values by
 * row in a Map instead (a full-length column per rare field would cost more than the objects did), and a file whose
 * rows are mostly each of their own shape keeps its objects as they are.
 *
 * `row(i)` builds the row's object again: the same names in the same order with the same values (`Object.is`), a
 * fresh object each call. Rows are numbered by feature index (Parcel.index), so pieces of a parcel (region clips,
 * adjustment) find their properties through the layer they came from.
 */

import { Column } from './propsColumn';

const EMPTY: readonly string[] = [];

/** What the table reads of a column: row i's value (a Column, or a pack's column as it came: ofColumns). */
interface ColumnReader {
  get(i: number): unknown;
  readonly byteLength: number;
}

export class PropsTable {
  /** Rows (feature indices 0 … length − 1). */
  readonly length: number;
  private readonly shapes: (readonly string[])[];
  /** Shape number of each row; null when every row has shapes[0]. */
  private readonly shapeOf: Uint8Array | Uint16Array | Uint32Array | null;
  private readonly columns: Map<string, ColumnReader>;
  /** Per shape, its columns in the shape's order. */
  private readonly shapeColumns: ColumnReader[][];
  /** Rows kept as objects (ofObjects), else null. */
  private readonly objects: (Record<string, unknown> | null)[] | null;

  private constructor(length: number, shapes: (readonly string[])[], shapeOf: PropsTable['shapeOf'], columns: Map<string, ColumnReader>, objects: PropsTable['objects']) {
    this.length = length;
    this.shapes = shapes;
    this.shapeOf = shapeOf;
    this.columns = columns;
    this.shapeColumns = shapes.map((s) => s.map((k) => columns.get(k) as ColumnReader));
    this.objects = objects;
  }

  /**
   * Columns of the given properties objects, row i from `props[i]`. A row that is missing, null or not an object
   * (an array, a string) has no fields.
   *
   * @param props - each feature's properties, by feature index
   * @returns the table
   * @example
   * const t = PropsTable.from([{ BSM: '1', TBMJ: 12.5 }, { BSM: '2', TBMJ: 7 }]);
   * t.row(1); // { BSM: '2', TBMJ: 7 }
   */
  static from(props: readonly unknown[]): PropsTable {
    const n = props.length;
    const rowAt = (i: number): unknown => props[i];
    const shapes: (readonly string[])[] = [];
    const shapeKey = new Map<string, number>();
    const rowShape = new Uint32Array(n);
    const shapeFor = (names: string[]): number => {
      // (JSON of the list: names may hold any character, so no separator is safe)
      const key = JSON.stringify(names);
      let s = shapeKey.get(key);
      if (s === undefined) {
        s = shapes.length;
        shapes.push(names);
        shapeKey.set(key, s);
      }
      return s;
    };
    // pass 1: each row's shape (the common case, the same names in the same order as the row before, checked by one
    // for…in: a plain object's for…in visits only its own names, in Object.keys order)
    let last = -1;
    for (let i = 0; i < n; i++) {
      const o = objectOf(rowAt(i));
      if (o === null) {
        rowShape[i] = shapeFor([]);
        continue;
      }
      if (!(last >= 0 && isPlain(o) && sameNames(o, shapes[last]))) last = shapeFor(Object.keys(o));
      rowShape[i] = last;
    }
    if (shapes.length > 1024 && shapes.length * 8 > n) return PropsTable.ofObjects(rowAt, n);
    return PropsTable.fill(n, shapes, rowShape, (i, cols) => {
      const o = objectOf(rowAt(i));
      if (o === null) return;
      if (isPlain(o)) {
        let j = 0;
        // (j < length: a name Object.prototype was given, enumerable, would be one more; it is not a field)
        for (const k in o) if (j < cols.length) cols[j++].put(i, o[k]);
      } else {
        const names = shapes[rowShape[i]];
        for (let j = 0; j < names.length; j++) cols[j].put(i, o[names[j]]);
      }
    });
  }

  /**
   * The table of rows given as names and values, with no object per row: what `from` gives for the objects those
   * would make (a layer pack's rows, io/packRows.ts, whose columns are read here value by value).
   *
   * @param n - rows
   * @param namesOf - row i's names in order (the same array for rows of one shape), or null for a row with no fields
   * @param value - row i's value of its j-th name
   * @param rowAt - row i as an object, only for a table of more than 1,024 shapes (kept as objects)
   * @returns the table
   * @example
   * PropsTable.fromShapes(2, () => ['BSM'], (i) => String(i + 1), (i) => ({ BSM: String(i + 1) })).row(1); // { BSM: '2' }
   */
  static fromShapes(n: number, namesOf: (i: number) => readonly string[] | null, value: (i: number, j: number) => unknown, rowAt: (i: number) => unknown): PropsTable {
    const shapes: (readonly string[])[] = [];
    const shapeOfNames = new Map<readonly string[], number>();
    const rowShape = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const names = namesOf(i) ?? EMPTY;
      let s = shapeOfNames.get(names);
      if (s === undefined) {
        s = shapes.length;
        shapes.push(names);
        shapeOfNames.set(names, s);
      }
      rowShape[i] = s;
    }
    if (shapes.length > 1024 && shapes.length * 8 > n) return PropsTable.ofObjects(rowAt, n);
    return PropsTable.fill(n, shapes, rowShape, (i, cols) => {
      for (let j = 0; j < cols.length; j++) cols[j].put(i, value(i, j));
    });
  }

  /**
   * The table over columns that already hold the values by row (a layer pack's, io/packRows.ts `columns`): nothing
   * is copied — at 500k rows, putting every value into columns of its own cost ~0.3 s (Node, sampled).
   *
   * @param n - rows
   * @param c - the shapes, each row's shape (an index into them), and per field a reader of row i's value; every
   *   name of a shape some row has must have a reader
   * @returns the table
   * @example
   * PropsTable.ofColumns(2, { shapes: [['BSM'], []], shapeOf: Uint8Array.of(0, 1), columns: new Map([['BSM', { get: String, byteLength: 0 }]]) }).row(0); // { BSM: '0' }
   */
  static ofColumns(n: number, c: { shapes: readonly (readonly string[])[]; shapeOf: Uint8Array | Uint16Array | Uint32Array; columns: Map<string, ColumnReader> }): PropsTable {
    if (c.shapeOf.length !== n) throw new Error(`PropsTable.ofColumns: ${c.shapeOf.length} shapes for ${n} rows`);
    return new PropsTable(n, c.shapes.length ? [...c.shapes] : [EMPTY], c.shapes.length > 1 ? c.shapeOf : null, c.columns, null);
  }

  /** Columns for the rows' shapes, filled row by row by `putRow` (each row's columns in its shape's order). */
  private static fill(n: number, shapes: (readonly string[])[], rowShape: Uint32Array, putRow: (i: number, cols: Column[]) => void): PropsTable {
    // which fields are rare: fewer than a quarter of the rows have them
    const rowsOfShape = new Uint32Array(shapes.length);
    for (let i = 0; i < n; i++) rowsOfShape[rowShape[i]]++;
    const rowsWith = new Map<string, number>();
    shapes.forEach((names, s) => {
      for (const k of names) rowsWith.set(k, (rowsWith.get(k) ?? 0) + rowsOfShape[s]);
    });
    const columns = new Map<string, Column>();
    for (const [k, count] of rowsWith) columns.set(k, new Column(n, count * 4 < n));
    const shapeCols = shapes.map((names) => names.map((k) => columns.get(k) as Column));
    // pass 2: the values
    for (let i = 0; i < n; i++) putRow(i, shapeCols[rowShape[i]]);
    for (const c of columns.values()) c.seal();
    let shapeOf: PropsTable['shapeOf'] = null;
    if (shapes.length > 1) {
      shapeOf = shapes.length <= 0x100 ? new Uint8Array(n) : shapes.length <= 0x10000 ? new Uint16Array(n) : rowShape;
      if (shapeOf !== rowShape) shapeOf.set(rowShape);
    }
    return new PropsTable(n, shapes.length ? shapes : [EMPTY], shapeOf, columns, null);
  }

  /** The rows kept as the objects they are (a file whose rows are mostly each of their own shape). */
  private static ofObjects(rowAt: (i: number) => unknown, n: number): PropsTable {
    const objects: (Record<string, unknown> | null)[] = new Array(n);
    for (let i = 0; i < n; i++) objects[i] = objectOf(rowAt(i));
    return new PropsTable(n, [EMPTY], null, new Map(), objects);
  }

  /**
   * Row `i`'s properties: a new object with the feature's names, in its order, and its values.
   *
   * @param i - the feature index (Parcel.index)
   * @returns the properties; `{}` for a row out of range
   * @example
   * layer.props?.row(parcel.index).BSM;
   */
  row(i: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (!(i >= 0 && i < this.length)) return out;
    if (this.objects !== null) {
      const o = this.objects[i];
      if (o !== null) for (const k of Object.keys(o)) setField(out, k, o[k]);
      return out;
    }
    const s = this.shapeOf === null ? 0 : this.shapeOf[i];
    const names = this.shapes[s];
    const cols = this.shapeColumns[s];
    for (let j = 0; j < names.length; j++) setField(out, names[j], cols[j].get(i));
    return out;
  }

  /**
   * Row `i`'s field names, in its order (no values built).
   *
   * @param i - the feature index
   * @returns the names (shared: do not change)
   * @example
   * for (const k of table.rowNames(p.index)) keys.add(k);
   */
  rowNames(i: number): readonly string[] {
    if (!(i >= 0 && i < this.length)) return EMPTY;
    if (this.objects !== null) {
      const o = this.objects[i];
      return o === null ? EMPTY : Object.keys(o);
    }
    return this.shapes[this.shapeOf === null ? 0 : this.shapeOf[i]];
  }

  /** Bytes held by the columns' typed arrays (the strings and the mixed values not counted). */
  get byteLength(): number {
    let b = this.shapeOf?.byteLength ?? 0;
    for (const c of this.columns.values()) b += c.byteLength;
    return b;
  }
}

/** A plain object (its for…in lists only its own names, in Object.keys order). */
function isPlain(o: object): boolean {
  const proto = Object.getPrototypeOf(o);
  return proto === Object.prototype || proto === null;
}

/** Whether a plain object's names are exactly `names`, in that order. */
function sameNames(o: Record<string, unknown>, names: readonly string[]): boolean {
  let j = 0;
  for (const k in o) if (names[j++] !== k) return false;
  return j === names.length;
}

/** out[k] = v, for any name (an own "__proto__", as JSON.parse makes it, is a field like another, not the prototype). */
function setField(out: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  else out[k] = v;
}

function objectOf(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/**
 * A parcel's original properties: its layer's row for the parcel's feature index, or `{}` for a layer that keeps
 * none (a supplement layer, parcels read back without them).
 *
 * @param layer - the layer the parcel belongs to (or a layer derived from it: pieces keep the feature index)
 * @param parcel - the parcel
 * @returns a new object with the feature's properties
 * @example
 * parcelProps(layer, layer.parcels[0]).BSM;
 */
export function parcelProps(layer: { props?: PropsTable }, parcel: { index: number }): Record<string, unknown> {
  return layer.props === undefined ? {} : layer.props.row(parcel.index);
}
