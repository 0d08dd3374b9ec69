/**
 * Round parts to `digits` decimals so that they add up to their rounded total (largest remainder method): each part
 * is floored to the unit, then the units still missing go to the parts with the largest remainders. Exports show
 * these beside the full-precision figures, so a table's rounded rows add up to its rounded 合计.
 */
export function roundToSum(parts: readonly number[], digits = 2, total = parts.reduce((a, b) => a + b, 0)): number[] {
  const unit = 10 ** digits;
  const scaled = parts.map((v) => v * unit);
  const target = Math.round(total * unit);
  const floors = scaled.map((v) => Math.floor(v));
  let missing = target - floors.reduce((a, b) => a + b, 0);
  const order = scaled.map((v, i) => ({ i, r: v - Math.floor(v) })).sort((a, b) => b.r - a.r || a.i - b.i);
  const out = floors.slice();
  // with parts that add up to the total, 0 ≤ missing < parts.length: one unit each to the largest remainders;
  // a given total off the parts' sum spreads the difference round-robin (up from the largest, down from the smallest)
  for (let k = 0; missing > 0 && order.length; k++, missing--) out[order[k % order.length].i]++;
  for (let k = order.length - 1; missing < 0 && order.length; k = (k - 1 + order.length) % order.length, missing++) out[order[k].i]--;
  return out.map((v) => v / unit);
}
