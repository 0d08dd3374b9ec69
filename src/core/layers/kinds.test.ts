import { describe, expect, it } from 'vitest';
import { isAreaKind, isLayerKind, LAYER_KINDS, layerKindInfo } from './kinds';

describe('layer kinds', () => {
  it('has the nine kinds of the product with zh and en names and a colour', () => {
    expect(LAYER_KINDS.map((k) => `${k.id}:${k.zh}`)).toEqual([
      'cultivated:耕地', 'permanent-basic:永久基本农田', 'high-standard:高标准农田', 'black-soil:黑土地', 'saline-alkali:盐碱地',
      'abandoned:撂荒地', 'eco-redline:生态保护红线', 'urban-boundary:城镇开发边界', 'no-supplement:补充耕地禁止区',
    ]);
    for (const k of LAYER_KINDS) {
      expect(k.en.length).toBeGreaterThan(3);
      expect(k.color).toMatch(/^#[0-9a-f]{6}$/);
    }
    expect(new Set(LAYER_KINDS.map((k) => k.color)).size).toBe(LAYER_KINDS.length);
  });

  it('tells farmland from boundary kinds and rejects unknown ids', () => {
    expect(isAreaKind('cultivated')).toBe(true);
    expect(isAreaKind('eco-redline')).toBe(false);
    expect(isLayerKind('black-soil')).toBe(true);
    expect(isLayerKind('toString')).toBe(false);
    expect(isLayerKind(undefined)).toBe(false);
    expect(() => layerKindInfo('nope' as never)).toThrow(/unknown layer kind/);
  });
});
