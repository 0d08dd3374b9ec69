/**
 * The accepted features' rings in flat, growable typed arrays, written while checkGeometry reads each position
 * for its checks: the self-intersection test, the area and the overlap test then read these arrays instead of
 * walking the nested GeoJSON arrays again (and the overlap test no longer copies every coordinate a second time).
 *
 * Ring r spans positions [ringStart[r], ringStart[r + 1]); item i (an accepted feature) owns rings
 * [itemRing[i], itemRing[i + 1]). A feature that fails is rolled back to the mark taken before it, so rings and
 * items stay contiguous and in feature order. `set()` gives the overlap test's FlatSet view.
 */
import type { FlatSet } from './overlaps';

export class FlatRings {
  xs = new Float64Array(1 << 12);
  ys = new Float64Array(1 << 12);
  /** Positions written. */
  n = 0;
  /** ringStart[rings] is kept equal to n (the end of the last ring). */
  ringStart = new Int32Array(1 << 10);
  rings = 0;
  itemRing = new Int32Array(1 << 10);
  items = 0;

  /** Start a ring at the current position. */
  beginRing(): void {
    if (this.rings + 2 > this.ringStart.length) this.ringStart = grow(this.ringStart, this.rings + 2);
    this.ringStart[this.rings] = this.n;
  }

  push(x: number, y: number): void {
    if (this.n === this.xs.length) {
      const cap = this.xs.length * 2;
      const xs = new Float64Array(cap);
      const ys = new Float64Array(cap);
      xs.set(this.xs);
      ys.set(this.ys);
      this.xs = xs;
      this.ys = ys;
    }
    this.xs[this.n] = x;
    this.ys[this.n] = y;
    this.n++;
  }

  endRing(): void {
    this.rings++;
    this.ringStart[this.rings] = this.n;
  }

  /** Forget everything written since the mark (positions, rings): a feature that did not pass. */
  rollback(n: number, rings: number): void {
    this.n = n;
    this.rings = rings;
    this.ringStart[rings] = n;
  }

  /** An accepted feature whose rings start at `firstRing` and end at the current ring. */
  addItem(firstRing: number): void {
    if (this.items + 2 > this.itemRing.length) this.itemRing = grow(this.itemRing, this.items + 2);
    this.itemRing[this.items++] = firstRing;
  }

  /** The items as the overlap test reads them (views, no copy). */
  set(): FlatSet {
    this.itemRing[this.items] = this.rings;
    return {
      xs: this.xs.subarray(0, this.n),
      ys: this.ys.subarray(0, this.n),
      ringStart: this.ringStart.subarray(0, this.rings + 1),
      itemRing: this.itemRing.subarray(0, this.items + 1),
    };
  }
}

function grow(a: Int32Array<ArrayBuffer>, min: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}
