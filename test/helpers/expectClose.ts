/**
 * Deep equality for golden outputs: same keys, same array lengths, equal strings and booleans, numbers within
 * `abs + rel·|expected|`. The path names the first difference ("area-parcels.features[3].properties.area_m2").
 */
import { expect } from 'vitest';

export function expectClose(actual: unknown, expected: unknown, path: string, tol: { abs: number; rel: number }): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(Math.abs(actual - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tol.abs + tol.rel * Math.abs(expected));
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    const a = actual as unknown[];
    expect(a.length, `${path}.length`).toBe(expected.length);
    for (let i = 0; i < expected.length; i++) expectClose(a[i], expected[i], `${path}[${i}]`, tol);
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(actual !== null && typeof actual === 'object', path).toBe(true);
    const a = actual as Record<string, unknown>;
    expect(Object.keys(a).sort(), `${path} keys`).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected)) expectClose(a[k], v, `${path}.${k}`, tol);
    return;
  }
  expect(actual, path).toEqual(expected);
}
