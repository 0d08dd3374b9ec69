import { describe, expect, it } from 'vitest';
import { controlledRound } from './controlledRounding';

function check(values: number[][]) {
  const r = controlledRound(values);
  const rowsExact = values.map((row) => row.reduce((a, b) => a + b, 0));
  const colsExact = values[0].map((_, j) => values.reduce((a, row) => a + row[j], 0));
  const total = rowsExact.reduce((a, b) => a + b, 0);
  values.forEach((row, i) => {
    row.forEach((v, j) => {
      expect(r.cells[i][j] === Math.floor(v + 1e-9) || r.cells[i][j] === Math.ceil(v - 1e-9)).toBe(true);
    });
  });
  r.rows.forEach((x, i) => {
    expect(x).toBe(r.cells[i].reduce((a, b) => a + b, 0));
    expect(Math.abs(x - rowsExact[i])).toBeLessThan(1);
  });
  r.cols.forEach((x, j) => {
    expect(x).toBe(r.cells.reduce((a, row) => a + row[j], 0));
    expect(Math.abs(x - colsExact[j])).toBeLessThan(1);
  });
  expect(r.total).toBe(Math.round(total));
  expect(r.rows.reduce((a, b) => a + b, 0)).toBe(r.total);
  expect(r.cols.reduce((a, b) => a + b, 0)).toBe(r.total);
  return r;
}

describe('controlledRound', () => {
  it('a table that plain rounding breaks: three cells of 0.4 in a row round to 0 each but the row total is 1', () => {
    const r = check([[0.4, 0.4, 0.4], [0.2, 0.3, 0.1]]);
    expect(r.rows[0]).toBe(1);
    expect(r.cells[0].filter((x) => x === 1)).toHaveLength(1);
  });
  it('a single row is the largest-remainder method', () => {
    const r = check([[1.2, 3.7, 0.6, 2.5]]);
    expect(r.cells[0]).toEqual([1, 4, 1, 2]);
  });
  it('exact whole values stay put; float noise is not rounded up', () => {
    expect(check([[2, 3], [4.000000000001, 1]]).cells).toEqual([[2, 3], [4, 1]]);
  });
  it('random tables (seeded): cells floor/ceil, every margin exact, grand total rounded to nearest', () => {
    let seed = 11;
    const rnd = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    for (let t = 0; t < 60; t++) {
      const m = 1 + Math.floor(rnd() * 30);
      const n = 1 + Math.floor(rnd() * 12);
      check(Array.from({ length: m }, () => Array.from({ length: n }, () => (rnd() < 0.3 ? 0 : rnd() * 5000))));
    }
  });
});
