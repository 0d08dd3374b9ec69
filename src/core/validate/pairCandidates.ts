/** Which parcels can overlap another at all: a uniform grid over their boxes (used by overlaps.ts findOverlaps). */
import type { BBox } from '../types';

/** Most grid cells one box may cover, and most boxes one cell may hold, in pairCandidates. */
const MAX_CELLS_PER_BOX = 64;
const MAX_BOXES_PER_CELL = 64;

/**
 * Which items have a later item (j > i) whose box overlaps theirs with positive area — the only items for which
 * findOverlaps' index search can lead to any work (bit 1) — and which items are such a later item (bit 2): only
 * these are ever compared, so only their rings need flattening. Found with a uniform grid: boxes go into the cells they cover
 * (cell side: the median box extent), the (cell, item) entries are sorted, and boxes sharing a cell are
 * compared. Two boxes overlapping with positive area share a point strictly inside both, hence a cell, so no
 * such pair is missed. Conservative where the grid would not pay: a crowded cell marks all its boxes, and a box
 * covering too many cells (or a grid too large to number) marks every item. On a clean parcel layer almost no
 * item is marked, and 100k index searches (~1 µs each) are saved.
 */
export function pairCandidates(boxes: readonly BBox[]): Uint8Array {
  const n = boxes.length;
  const marked = new Uint8Array(n);
  const all = (): Uint8Array => marked.fill(3);
  if (n < 2) return marked;
  // the boxes in one flat array (read three times below)
  const bx = new Float64Array(4 * n);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const b = boxes[i];
    const x0 = b[0];
    const y0 = b[1];
    const x1 = b[2];
    const y1 = b[3];
    bx[4 * i] = x0;
    bx[4 * i + 1] = y0;
    bx[4 * i + 2] = x1;
    bx[4 * i + 3] = y1;
    if (x0 < minX) minX = x0;
    if (y0 < minY) minY = y0;
    if (x1 > maxX) maxX = x1;
    if (y1 > maxY) maxY = y1;
  }
  // cell side: the median extent of a sample of boxes
  const sample = new Float64Array(Math.min(n, 1001));
  for (let k = 0; k < sample.length; k++) {
    const i = 4 * Math.floor((k * n) / sample.length);
    sample[k] = Math.max(bx[i + 2] - bx[i], bx[i + 3] - bx[i + 1]);
  }
  sample.sort();
  const cell = sample[sample.length >> 1];
  if (!(cell > 0) || !Number.isFinite(cell)) return all();
  const inv = 1 / cell;
  const cols = Math.floor((maxX - minX) * inv) + 1;
  const rows = Math.floor((maxY - minY) * inv) + 1;
  // key = cell number · n + item must stay an exact integer
  if (!(cols * rows * n < 2 ** 52)) return all();
  let entries = 0;
  for (let i = 0; i < 4 * n; i += 4) {
    const c = (Math.floor((bx[i + 2] - minX) * inv) - Math.floor((bx[i] - minX) * inv) + 1) * (Math.floor((bx[i + 3] - minY) * inv) - Math.floor((bx[i + 1] - minY) * inv) + 1);
    if (c > MAX_CELLS_PER_BOX) return all();
    entries += c;
  }
  // the items of each cell, in item order: by counting when the grid is not much larger than the entries, else by
  // sorting (cell number · n + item) keys
  const cells = cols * rows;
  const byCell = new Int32Array(entries);
  const cellOf = new Float64Array(entries);
  const counting = cells <= 4 * entries + 1024;
  const start = new Int32Array(counting ? cells + 1 : 0);
  const keys = new Float64Array(counting ? 0 : entries);
  let e = 0;
  for (let pass = counting ? 0 : 1; pass < 2; pass++) {
    for (let i = 0; i < n; i++) {
      const x0 = Math.floor((bx[4 * i] - minX) * inv);
      const x1 = Math.floor((bx[4 * i + 2] - minX) * inv);
      const y0 = Math.floor((bx[4 * i + 1] - minY) * inv);
      const y1 = Math.floor((bx[4 * i + 3] - minY) * inv);
      for (let y = y0; y <= y1; y++)
        for (let x = x0; x <= x1; x++) {
          const c = y * cols + x;
          if (!counting) keys[e++] = c * n + i;
          else if (pass === 0) start[c + 1]++;
          else {
            const k = start[c]++;
            byCell[k] = i;
            cellOf[k] = c;
          }
        }
    }
    // after counting: start[c] = first slot of cell c (advanced while filling)
    if (counting && pass === 0) for (let c = 0; c < cells; c++) start[c + 1] += start[c];
  }
  if (!counting) {
    keys.sort();
    for (let k = 0; k < entries; k++) {
      const c = Math.floor(keys[k] / n);
      cellOf[k] = c;
      byCell[k] = keys[k] - c * n;
    }
  }
  for (let start = 0; start < entries; ) {
    let end = start + 1;
    while (end < entries && cellOf[end] === cellOf[start]) end++;
    if (end - start > MAX_BOXES_PER_CELL) {
      for (let k = start; k < end; k++) marked[byCell[k]] |= 3;
    } else
      for (let p = start; p < end; p++) {
        const i = byCell[p]; // ascending within the cell: i < j below
        const a = 4 * i;
        for (let q = p + 1; q < end; q++) {
          const b = 4 * byCell[q];
          // the same test as findOverlaps: boxes that only touch hold no positive-area overlap
          if (Math.min(bx[a + 2], bx[b + 2]) <= Math.max(bx[a], bx[b]) || Math.min(bx[a + 3], bx[b + 3]) <= Math.max(bx[a + 1], bx[b + 1])) continue;
          marked[i] |= 1;
          marked[byCell[q]] |= 2;
        }
      }
    start = end;
  }
  return marked;
}
