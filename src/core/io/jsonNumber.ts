/**
 * A JSON number read straight from UTF-8 bytes, rounded exactly as JSON.parse rounds it — shared by the flat GeoJSON
 * scanner (coordinates, ids) and the properties parser.
 *
 * Strict JSON grammar. Without an exponent, with an integer mantissa below 2^53 and ≤ 22 fraction digits, the value is
 * mantissa / 10^frac (Clinger's fast path: both operands exact doubles, one correctly rounded division — identical to
 * JSON.parse); otherwise `Number()` of the ASCII text, which rounds like JSON.parse.
 */

/** Exact powers of ten as doubles: 10^0 … 10^22 are all exactly representable. */
const P10 = new Float64Array([1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]);
const TWO53 = 9007199254740992;

/** Number() of an ASCII slice that is a valid JSON number: rounds exactly like JSON.parse. */
function slowNum(b: Uint8Array, s: number, e: number): number {
  let str = '';
  for (let k = s; k < e; k++) str += String.fromCharCode(b[k]);
  return Number(str);
}

/**
 * Reads JSON numbers; `end` is where the last one ended. One per scan (the end is per-call state, not module state).
 */
export class JsonNumberReader {
  /** End (exclusive) of the number last read. */
  end = 0;

  /**
   * The JSON number at p, or NaN when the bytes there are not one (a valid JSON number is never NaN); sets `end`.
   *
   * @param b - UTF-8 bytes
   * @param p - index of the number's first byte ('-' or a digit)
   * @returns its value as JSON.parse gives it, or NaN for a syntax error
   * @example
   * const r = new JsonNumberReader();
   * r.read(new TextEncoder().encode('-12.5,'), 0); // -12.5, r.end === 5
   */
  read(b: Uint8Array, p: number): number {
    const start = p;
    let c = b[p];
    let neg = false;
    if (c === 0x2d) {
      neg = true;
      c = b[++p];
    }
    let m = 0;
    if (c === 0x30) {
      c = b[++p];
      if (c >= 0x30 && c <= 0x39) return Number.NaN; // leading zero
    } else if (c >= 0x31 && c <= 0x39) {
      m = c - 0x30;
      c = b[++p];
      while (c >= 0x30 && c <= 0x39) {
        m = m * 10 + (c - 0x30);
        c = b[++p];
      }
    } else return Number.NaN;
    let frac = 0;
    if (c === 0x2e) {
      c = b[++p];
      if (!(c >= 0x30 && c <= 0x39)) return Number.NaN;
      do {
        m = m * 10 + (c - 0x30);
        frac++;
        c = b[++p];
      } while (c >= 0x30 && c <= 0x39);
    }
    if (c === 0x65 || c === 0x45) {
      c = b[++p];
      if (c === 0x2b || c === 0x2d) c = b[++p];
      if (!(c >= 0x30 && c <= 0x39)) return Number.NaN;
      do {
        c = b[++p];
      } while (c >= 0x30 && c <= 0x39);
      this.end = p;
      return slowNum(b, start, p);
    }
    this.end = p;
    // m < 2^53: every partial m*10+d was an exact integer (a rounded one would be ≥ 2^53 and stay there)
    if (m < TWO53 && frac <= 22) {
      const v = m / P10[frac];
      return neg ? -v : v;
    }
    return slowNum(b, start, p);
  }
}
