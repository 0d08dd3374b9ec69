import { describe, expect, it } from 'vitest';
import { firstOfKind } from './firstOfKind';
import type { Layer } from './layer';

const layer = (kind: Layer['kind'], file: string) => ({ kind, file }) as Layer; // only kind and file are read here

describe('firstOfKind', () => {
  it('keeps the first layer of each kind, in load order', () => {
    const a = layer('cultivated', 'a.geojson');
    const b = layer('cultivated', 'b.geojson');
    const p = layer('permanent-basic', 'p.geojson');
    const got = firstOfKind([a, p, b]);
    expect(got.cultivated).toBe(a);
    expect(got['permanent-basic']).toBe(p);
    expect(got['black-soil']).toBeUndefined();
    expect(firstOfKind([])).toEqual({});
  });
});
