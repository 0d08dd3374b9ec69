/**
 * One feature's rings in flat typed arrays, written while checkGeometry reads each position for its checks: the
 * self-intersection test and the area then read these arrays instead of walking the nested GeoJSON arrays again.
 * The arrays are reused from feature to feature (reset()), so they stay small and in cache; they are grown, never
 * shrunk, for a feature with more positions.
 *
 * Ring r spans positions [ringStart[r], ringStart[r + 1]).
 */
export class FlatRings {
  xs = new Float64Array(1 << 10);
  ys = new Float64Array(1 << 10);
  /** Positions written. */
  n = 0;
  /** ringStart[rings] is kept equal to n (the end of the last ring). */
  ringStart = new Int32Array(1 << 6);
  rings = 0;

  /** Forget the previous feature. */
  reset(): void {
    this.n = 0;
    this.rings = 0;
    this.ringStart[0] = 0;
  }

  /** Start a ring at the current position, with room for `positions` more. */
  beginRing(positions = 0): void {
    if (this.rings + 2 > this.ringStart.length) this.ringStart = grow(this.ringStart, this.rings + 2);
    this.ringStart[this.rings] = this.n;
    if (this.n + positions > this.xs.length) this.reserve(this.n + positions);
  }

  private reserve(size: number): void {
    let cap = this.xs.length * 2;
    while (cap < size) cap *= 2;
    const xs = new Float64Array(cap);
    const ys = new Float64Array(cap);
    xs.set(this.xs.subarray(0, this.n));
    ys.set(this.ys.subarray(0, this.n));
    this.xs = xs;
    this.ys = ys;
  }

  push(x: number, y: number): void {
    if (this.n === this.xs.length) this.reserve(this.n + 1);
    this.xs[this.n] = x;
    this.ys[this.n] = y;
    this.n++;
  }

  endRing(): void {
    this.rings++;
    this.ringStart[this.rings] = this.n;
  }

  /** Forget everything written since the mark (positions, rings). */
  rollback(n: number, rings: number): void {
    this.n = n;
    this.rings = rings;
    this.ringStart[rings] = n;
  }
}

function grow(a: Int32Array<ArrayBuffer>, min: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}
