/**
 * How many distinct vertices a closed ring has, as validation counts them (validate/geometry.ts distinctVertices, and
 * the flat scanner's parseRing): consecutive repeats over positions first … last − 1 count once, and the last of them
 * not at all when it repeats the first. A ring needs 3. Used where a ring is taken from a file without the scanner:
 * a layer pack read (flatPackRead.ts) or written (packable.ts).
 *
 * @param xs - x of every position
 * @param ys - y of every position
 * @param first - the ring's first position
 * @param last - its closing position (equal to the first)
 * @returns the distinct vertices
 * @example
 * distinctVertices(Float64Array.of(0, 1, 1, 0), Float64Array.of(0, 0, 1, 0), 0, 3); // 3
 */
export function distinctVertices(xs: ArrayLike<number>, ys: ArrayLike<number>, first: number, last: number): number {
  let m = last > first ? 1 : 0;
  for (let k = first + 1; k < last; k++) if (xs[k] !== xs[k - 1] || ys[k] !== ys[k - 1]) m++;
  return m > 1 && xs[last - 1] === xs[first] && ys[last - 1] === ys[first] ? m - 1 : m;
}
