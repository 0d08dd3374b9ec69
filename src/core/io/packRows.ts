/**
 * A layer pack's properties (flatPack.ts): each column checked against the features' shapes and kept as it came
 * (typed arrays and a string table), and PackRows, which builds a feature's properties object when asked.
 */
import type { ColumnHeader, PackHeader } from './flatPack';
import type { PackColumns } from './flatGeojson';
import { damaged, jsonOf, type Located, numbersOf, section, VarintIn } from './flatPackSections';

/**
 * The strings of a column: its JSON list (`strings`), or its digit strings decoded (`digitPrefix`, then exactly
 * `digits` digits, leading zeros kept).
 */
function stringList(bytes: Uint8Array, secs: Located, col: ColumnHeader, what: string): string[] {
  if (col.digits !== undefined || col.digitStrings !== undefined) {
    const width = col.digits;
    const prefix = col.digitPrefix ?? '';
    if (!(Number.isInteger(width) && (width as number) >= 1 && (width as number) <= 15) || typeof prefix !== 'string' || col.strings !== undefined || col.codes !== undefined)
      damaged(`${what}: its digit strings are described wrongly`);
    const s = section(secs, col.digitStrings, what);
    if (s.type !== 'varint') damaged(`${what}: digit strings are not varints`);
    const v = new VarintIn(bytes, s.at, s.at + s.bytes, what);
    const limit = 10 ** (width as number);
    const out: string[] = [];
    let k = 0;
    while (!v.done()) {
      const z = v.read();
      k += z % 2 === 0 ? z / 2 : -(z + 1) / 2;
      if (!(k >= 0 && k < limit)) damaged(`${what}: a digit string out of range`);
      out.push(prefix + String(k).padStart(width as number, '0'));
    }
    return out;
  }
  const list = jsonOf(bytes, section(secs, col.strings, what), what);
  if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) damaged(`${what}: its strings are not a list of strings`);
  return list as string[];
}

/** Whether a digit-string column's numbers only increase (then its strings, one prefix and one width, all differ). */
function increasing(bytes: Uint8Array, secs: Located, col: ColumnHeader, what: string): boolean {
  const s = section(secs, col.digitStrings, what);
  const v = new VarintIn(bytes, s.at, s.at + s.bytes, what);
  let first = true;
  while (!v.done()) {
    const z = v.read();
    // (zigzag: an even z is a delta ≥ 0; the first is the first number itself)
    if (!first && (z % 2 !== 0 || z === 0)) return false;
    first = false;
  }
  return true;
}

/** A column's n values (readPack's ids, and property columns of more than one kind). */
export function readColumn(bytes: Uint8Array, secs: Located, col: ColumnHeader | undefined, n: number, what: string, absentAllowed: boolean): unknown[] {
  if (!col || typeof col !== 'object') return damaged(`${what}: no column in the header`);
  let kinds: ArrayLike<number>;
  if (col.kinds !== undefined) {
    const s = section(secs, col.kinds, what);
    if (s.type !== 'u8' || s.bytes !== n) damaged(`${what}: ${s.bytes} kinds for ${n} values`);
    kinds = bytes.subarray(s.at, s.at + s.bytes);
  } else {
    if (n > 0 && !(Number.isInteger(col.only) && (col.only as number) >= 0 && (col.only as number) <= 5)) damaged(`${what}: no kinds`);
    kinds = { length: n, 0: col.only } as ArrayLike<number>;
  }
  const only = col.kinds === undefined ? col.only : undefined;
  let nums: ArrayLike<number> = [];
  let strs: unknown[] = [];
  let codes: ArrayLike<number> | undefined;
  if (col.numbers !== undefined) nums = numbersOf(bytes, section(secs, col.numbers, what), what);
  if (col.strings !== undefined || col.digits !== undefined) {
    strs = stringList(bytes, secs, col, what);
    if (col.codes !== undefined) {
      const cs = section(secs, col.codes, what);
      if (cs.type !== 'u8' && cs.type !== 'u16' && cs.type !== 'u32') damaged(`${what}: codes are not unsigned`);
      codes = numbersOf(bytes, cs, what);
    }
  }
  const out: unknown[] = new Array(n);
  let ni = 0;
  let si = 0;
  const nstr = codes ? codes.length : strs.length;
  for (let i = 0; i < n; i++) {
    const k = only ?? kinds[i];
    switch (k) {
      case 0:
        out[i] = null;
        break;
      case 1:
        out[i] = false;
        break;
      case 2:
        out[i] = true;
        break;
      case 3:
        if (ni >= nums.length) damaged(`${what}: fewer numbers than values`);
        out[i] = nums[ni++];
        break;
      case 4: {
        if (si >= nstr) damaged(`${what}: fewer strings than values`);
        if (codes) {
          const c = codes[si++];
          if (c >= strs.length) damaged(`${what}: a string code past the table`);
          out[i] = strs[c];
        } else out[i] = strs[si++];
        break;
      }
      case 5:
        if (!absentAllowed) damaged(`${what}: a value marked absent`);
        out[i] = undefined;
        break;
      default:
        damaged(`${what}: unknown kind ${k}`);
    }
  }
  if (ni !== nums.length || si !== nstr) damaged(`${what}: more numbers or strings than values`);
  return out;
}

/** Allocate n elements of a typed array, in shared memory when asked. */

interface ColumnValues {
  value(j: number): unknown;
  mask: number;
  /** Bytes of its typed arrays (numbers, string codes). */
  bytes: number;
  /** Every value a string, each different from every other (digit strings whose numbers only increase). */
  distinct?: boolean;
}



/** A column of n values, checked, kept as it came (typed arrays and a string table) when of one kind, else as values. */
function columnValues(bytes: Uint8Array, secs: Located, col: ColumnHeader | undefined, n: number, what: string): ColumnValues {
  if (col && typeof col === 'object' && col.kinds === undefined && n > 0) {
    if (col.only === 3) {
      const nums = numbersOf(bytes, section(secs, col.numbers, what), what);
      if (nums.length !== n || col.strings !== undefined || col.digits !== undefined) damaged(`${what}: ${nums.length} numbers for ${n} values`);
      return { value: (j) => nums[j], mask: 2, bytes: (nums as unknown as ArrayBufferView).byteLength };
    }
    if (col.only === 4) {
      const strs = stringList(bytes, secs, col, what);
      if (col.numbers !== undefined) damaged(`${what}: numbers in a column of strings`);
      if (col.codes === undefined) {
        if (strs.length !== n) damaged(`${what}: ${strs.length} strings for ${n} values`);
        return { value: (j) => strs[j], mask: 1, bytes: 0, distinct: col.digits !== undefined && increasing(bytes, secs, col, what) };
      }
      const cs = section(secs, col.codes, what);
      if (cs.type !== 'u8' && cs.type !== 'u16' && cs.type !== 'u32') damaged(`${what}: codes are not unsigned`);
      const codes = numbersOf(bytes, cs, what);
      if (codes.length !== n) damaged(`${what}: ${codes.length} codes for ${n} values`);
      for (let j = 0; j < n; j++) if (codes[j] >= strs.length) damaged(`${what}: a string code past the table`);
      return { value: (j) => strs[codes[j]], mask: 1, bytes: (codes as unknown as ArrayBufferView).byteLength };
    }
  }
  const values = readColumn(bytes, secs, col, n, what, false);
  let mask = 0;
  for (const v of values) mask |= v === null ? 0 : typeof v === 'string' ? 1 : typeof v === 'number' ? 2 : 4;
  return { value: (j) => values[j], mask, bytes: 0 };
}

/** A shape's columns in its names' order, and for each the row → value index map (null: value index = row). */
interface Plan {
  names: readonly string[];
  cols: ColumnValues[];
  at: (Int32Array | null)[];
}

/**
 * A pack's properties, one row at a time: `row(i)` builds feature i's properties object (its names in the order
 * written, an own `__proto__` kept as a field), a fresh object each call, as FlatGeometry builds coordinates. The
 * columns stay as they came, so a load never holds an object per feature: validation reads a row and lets it go.
 */
export class PackRows {
  /** Features (rows 0 … length − 1). */
  readonly length: number;
  readonly #shapes: readonly (readonly string[])[];
  readonly #shapeOf: ArrayLike<number>;
  /** Per shape, its columns in order, and for each the row → value index map (null: value index = row). */
  /** (null for a shape no feature has: a header may list one, and its names need have no column) */
  readonly #plan: (Plan | null)[];
  readonly #masks: Map<string, number>;
  readonly #columns: Map<string, { values: ColumnValues; at: Int32Array | null }>;

  /** @internal (readPack) */
  constructor(length: number, shapes: readonly (readonly string[])[], shapeOf: ArrayLike<number>, columns: Map<string, { values: ColumnValues; at: Int32Array | null }>) {
    this.length = length;
    this.#shapes = shapes;
    this.#shapeOf = shapeOf;
    this.#plan = shapes.map((names) =>
      names.every((k) => columns.has(k))
        ? { names, cols: names.map((k) => (columns.get(k) as { values: ColumnValues }).values), at: names.map((k) => (columns.get(k) as { at: Int32Array | null }).at) }
        : null,
    );
    this.#masks = new Map([...columns].map(([k, c]) => [k, c.values.mask]));
    this.#columns = columns;
  }

  /**
   * Whether every row's id is a different string (validation's duplicate-id check then has nothing to find): every
   * row has properties, `idField` names the same field for each shape in use, and that field is in every row and is a
   * column of distinct strings.
   *
   * @param idField - the field that supplies the id for a shape's names (layers/fields.ts resolveFields), if any
   * @returns whether the ids are known to differ
   * @example
   * rows.distinctIds((names) => resolveFields(Object.fromEntries(names.map((k) => [k, null]))).id);
   */
  distinctIds(idField: (names: readonly string[]) => string | undefined): boolean {
    let field: string | undefined;
    const seen = new Uint8Array(this.#shapes.length + 1);
    for (let i = 0; i < this.length; i++) {
      const s = this.#shapeOf[i];
      if (seen[s]) continue;
      seen[s] = 1;
      if (s >= this.#shapes.length) return false;
      const f = idField(this.#shapes[s]);
      if (f === undefined || (field !== undefined && f !== field)) return false;
      field = f;
    }
    const c = field === undefined ? undefined : this.#columns.get(field);
    return c !== undefined && c.at === null && c.values.distinct === true;
  }

  /**
   * The columns as they came (flatGeojson.ts PackColumns), for the properties table of the rows `kept` keeps.
   *
   * @param kept - whether row i is kept (a feature loaded as a parcel)
   * @returns the shapes, each row's shape and the fields' readers
   * @example
   * const t = PropsTable.ofColumns(rows.length, rows.columns((i) => loaded[i] === 1));
   */
  columns(kept: (i: number) => boolean): PackColumns {
    const shapes = [...this.#shapes, [] as readonly string[]];
    const none = shapes.length - 1;
    const shapeOf = shapes.length <= 0x100 ? new Uint8Array(this.length) : shapes.length <= 0x10000 ? new Uint16Array(this.length) : new Uint32Array(this.length);
    for (let i = 0; i < this.length; i++) {
      const s = this.#shapeOf[i];
      shapeOf[i] = s < none && kept(i) ? s : none;
    }
    const columns: PackColumns['columns'] = new Map();
    for (const [k, { values, at }] of this.#columns)
      columns.set(k, {
        get: at === null ? (i) => values.value(i) : (i) => values.value(at[i]),
        byteLength: values.bytes + (at?.byteLength ?? 0),
      });
    return { shapes, shapeOf, columns };
  }

  /**
   * Feature i's properties.
   *
   * @param i - the feature index
   * @returns a new object, or null for a feature whose properties are null
   * @example
   * packRows.row(0); // { BSM: '230999000000001', DLBM: '0102', … }
   */
  row(i: number): Record<string, unknown> | null {
    const s = this.#shapeOf[i];
    if (s === this.#shapes.length || s === undefined) return null;
    const { names, cols, at } = this.#plan[s] as Plan;
    const o: Record<string, unknown> = {};
    for (let j = 0; j < names.length; j++) {
      const a = at[j];
      const v = cols[j].value(a === null ? i : a[i]);
      const k = names[j];
      if (k === '__proto__') Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
      else o[k] = v;
    }
    return o;
  }

  /**
   * Feature i's property names in order: the same array for every feature of one shape (callers must not change it).
   *
   * @param i - the feature index
   * @returns the names, or null for a feature whose properties are null
   * @example
   * packRows.namesOf(0); // ['BSM', 'DLBM', …]
   */
  namesOf(i: number): readonly string[] | null {
    const s = this.#shapeOf[i];
    return s === undefined || s >= this.#shapes.length ? null : this.#shapes[s];
  }

  /**
   * Feature i's value of its j-th property name (namesOf(i)[j]), with no object built.
   *
   * @param i - the feature index
   * @param j - the name's position in namesOf(i)
   * @returns the value
   * @example
   * packRows.valueOf(0, 0); // '230999000000001'
   */
  valueOf(i: number, j: number): unknown {
    const { cols, at } = this.#plan[this.#shapeOf[i]] as Plan;
    const a = at[j];
    return cols[j].value(a === null ? i : a[i]);
  }

  /**
   * The fields in order of first appearance, each with its JSON-type bits (readGeojsonSummary.ts GeoJsonSummary), as
   * adding every row would give them.
   */
  fields(): { name: string; mask: number }[] {
    const order: number[] = [];
    const seen = new Uint8Array(this.#shapes.length + 1);
    for (let i = 0; i < this.length; i++) {
      const s = this.#shapeOf[i];
      if (!seen[s]) {
        seen[s] = 1;
        if (s < this.#shapes.length) order.push(s);
        if (order.length === this.#shapes.length) break;
      }
    }
    const out = new Map<string, number>();
    for (const s of order) for (const k of this.#shapes[s]) if (!out.has(k)) out.set(k, this.#masks.get(k) ?? 0);
    return [...out].map(([name, mask]) => ({ name, mask }));
  }
}

/** The pack's properties as rows (PackRows), every column checked against the shapes. */
export function readProperties(bytes: Uint8Array, secs: Located, header: PackHeader, count: number): PackRows {
  const shapes = header.shapes;
  const ss = section(secs, 'shape', 'shape');
  if (ss.type !== 'u8' && ss.type !== 'u16' && ss.type !== 'u32') damaged('shape: not unsigned');
  const shapeOf = numbersOf(bytes, ss, 'shape');
  if (shapeOf.length !== count) damaged(`shape: ${shapeOf.length} for ${count} features`);
  const rows = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const s = shapeOf[i];
    if (s > shapes.length) damaged(`feature ${i + 1}: property shape ${s} of ${shapes.length}`);
    if (s < shapes.length) for (const k of shapes[s]) rows.set(k, (rows.get(k) ?? 0) + 1);
  }
  // a field not every feature has: each row's index among the values (−1 without it), all built in one pass over the
  // rows; refused when those indices would be out of proportion (a hostile header can list any number of fields)
  const partial = [...rows].filter(([, n]) => n !== count).map(([k]) => k);
  if (partial.length * count > 1 << 26) damaged(`${partial.length} fields that only some of the ${count} features have: more than this reader takes`);
  const atOf = new Map<string, Int32Array>(partial.map((k) => [k, new Int32Array(count).fill(-1)]));
  const next = new Map<string, number>(partial.map((k) => [k, 0]));
  const shapeAts = shapes.map((names) => names.map((k) => (atOf.has(k) ? k : undefined)));
  for (let i = 0; i < count; i++) {
    const s = shapeOf[i];
    if (s >= shapes.length) continue;
    for (const k of shapeAts[s]) {
      if (k === undefined) continue;
      const j = next.get(k) as number;
      (atOf.get(k) as Int32Array)[i] = j;
      next.set(k, j + 1);
    }
  }
  const columns = new Map<string, { values: ColumnValues; at: Int32Array | null }>();
  for (const [k, n] of rows) {
    if (!Object.hasOwn(header.columns, k)) damaged(`property ${k}: no column`);
    columns.set(k, { values: columnValues(bytes, secs, header.columns[k], n, `property ${k}`), at: atOf.get(k) ?? null });
  }
  return new PackRows(count, shapes, shapeOf, columns);
}
