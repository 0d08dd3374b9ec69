/**
 * One field of a layer's properties table (layers/propsTable.ts), by row: typed arrays for numbers and string codes,
 * kinds for null / booleans / undefined, a Map for objects, or a Map of every value for a rare field.
 */

/** A row's value kinds (per row only in a column of more than one kind). */
const NUM = 1;
const STR = 2;
/** Objects and arrays: kept as they are, by row. */
const OTHER = 3;
const NULL = 4;
const TRUE = 5;
const FALSE = 6;
const UNDEFINED = 7;

/** Strings of a field looked at before deciding whether its values repeat (as layers/stringPool.ts). */
const PROBE = 512;

type Codes = Uint8Array | Uint16Array | Uint32Array;

/**
 * One field's values, by row. Filled in one pass: numbers start as Int32Array and widen to Float64Array at the first
 * value that is not a 32-bit integer; string codes start as bytes and widen with the table; a field whose strings do
 * not repeat (BSM) keeps them directly, one per row, with no table; kinds appear at the first value of a second kind.
 */
export class Column {
  private nums: Int8Array | Int16Array | Int32Array | Float64Array | null = null;
  private codes: Codes | null = null;
  private table: Map<string, number> | null = new Map();
  private strings: string[] = [];
  /** Strings by row, for a field whose values do not repeat. */
  private direct: string[] | null = null;
  /** The kind of every value so far, while there is one; 0 once mixed (then `kinds`). */
  private pure = 0;
  private kinds: Uint8Array | null = null;
  private other: Map<number, unknown> | null = null;
  private seen = 0;
  private added = 0;
  /** Smallest and largest integer so far (to narrow the column when it is done). */
  private lo = 0;
  private hi = 0;
  /** A rare field's values by row (then nothing else is used). */
  private readonly sparse: Map<number, unknown> | null;

  /**
   * @param n - the table's rows (every array is this long)
   * @param sparse - a rare field: its values by row in a Map, no arrays
   */
  constructor(
    private readonly n: number,
    sparse: boolean,
  ) {
    this.sparse = sparse ? new Map() : null;
  }

  /** Row `i`'s value (rows are put in increasing order, each at most once, before `seal`). */
  put(i: number, v: unknown): void {
    if (this.sparse !== null) this.sparse.set(i, v);
    else if (typeof v === 'number') {
      this.kind(i, NUM);
      let a = this.nums;
      if (a === null) a = this.nums = new Int32Array(this.n);
      if (a instanceof Int32Array) {
        if ((v | 0) === v && !Object.is(v, -0)) {
          if (v < this.lo) this.lo = v;
          else if (v > this.hi) this.hi = v;
        } else a = this.nums = Float64Array.from(a);
      }
      a[i] = v;
    } else if (typeof v === 'string') {
      this.kind(i, STR);
      this.putString(i, v);
    } else if (v === null) this.kind(i, NULL);
    else if (v === true) this.kind(i, TRUE);
    else if (v === false) this.kind(i, FALSE);
    else if (v === undefined) this.kind(i, UNDEFINED);
    else {
      this.kind(i, OTHER);
      if (this.other === null) this.other = new Map();
      this.other.set(i, v);
    }
  }

  /** Row `i`'s value as it was put (for a row never put, whatever the arrays hold: the table's shapes say which rows have the field). */
  get(i: number): unknown {
    if (this.sparse !== null) return this.sparse.get(i);
    const kind = this.kinds === null ? this.pure : this.kinds[i];
    if (kind === NUM) return (this.nums as Int8Array | Int16Array | Int32Array | Float64Array)[i];
    if (kind === STR) return this.direct !== null ? this.direct[i] : this.strings[(this.codes as Codes)[i]];
    if (kind === NULL) return null;
    if (kind === TRUE) return true;
    if (kind === FALSE) return false;
    return this.other?.get(i);
  }

  /** Done filling: the table is no longer needed, and integers take the fewest bytes that hold them. */
  seal(): void {
    this.table = null;
    const a = this.nums;
    if (a instanceof Int32Array) {
      if (this.lo >= -0x80 && this.hi < 0x80) this.nums = Int8Array.from(a);
      else if (this.lo >= -0x8000 && this.hi < 0x8000) this.nums = Int16Array.from(a);
    }
  }

  get byteLength(): number {
    return (this.nums?.byteLength ?? 0) + (this.codes?.byteLength ?? 0) + (this.kinds?.byteLength ?? 0);
  }

  private kind(i: number, k: number): void {
    if (this.kinds !== null) this.kinds[i] = k;
    else if (this.pure === 0) this.pure = k;
    else if (this.pure !== k) {
      // a second kind of value: every earlier row of this field was of the first kind
      this.kinds = new Uint8Array(this.n);
      this.kinds.fill(this.pure, 0, i);
      this.kinds[i] = k;
    }
  }

  private putString(i: number, v: string): void {
    if (this.direct !== null) {
      this.direct[i] = v;
      return;
    }
    const table = this.table as Map<string, number>;
    let code = table.get(v);
    this.seen++;
    if (code === undefined) {
      this.added++;
      code = this.strings.length;
      table.set(v, code);
      this.strings.push(v);
    }
    let c = this.codes;
    if (c === null) c = this.codes = new Uint8Array(this.n);
    else if (code === 0x100 && c instanceof Uint8Array) c = this.codes = Uint16Array.from(c);
    else if (code === 0x10000 && c instanceof Uint16Array) c = this.codes = Uint32Array.from(c);
    c[i] = code;
    if (this.seen === PROBE) {
      // mostly new values: the field does not repeat; its strings are kept by row from now on
      if (this.added * 2 > PROBE) this.goDirect(i);
      this.seen = 0;
      this.added = 0;
    }
  }

  private goDirect(upTo: number): void {
    const codes = this.codes as Codes;
    const direct: string[] = new Array(this.n);
    // (rows without a string here get one too; their kind or shape says they do not have it)
    for (let r = 0; r <= upTo; r++) direct[r] = this.strings[codes[r]];
    this.direct = direct;
    this.codes = null;
    this.table = null;
    this.strings = [];
  }
}
