import { describe, expect, it } from 'vitest';
import { regionNamer } from './regionNamer';

describe('regionNamer', () => {
  const name = regionNamer([
    { code: '231299', name: '231299' },
    { code: '231299100', name: '甲镇' },
    { code: '231299101', name: '231299101' },
    { code: '231299100207', name: '东村' },
  ]);

  it("gives a region's own name, never the code the tree falls back to", () => {
    expect(name('231299100')).toBe('甲镇');
    expect(name('231299100207')).toBe('东村');
    expect(name('231299')).toBe('');
    expect(name('231299101')).toBe('');
  });

  it("names an unnamed village by its township and its own digits, and nothing it cannot place", () => {
    expect(name('231299100208')).toBe('甲镇 · 208');
    expect(name('231299101001')).toBe('');
    expect(name('999999')).toBe('');
  });
});
