import { describe, expect, it } from 'vitest';
import { shallow } from 'zustand/shallow';
import { pickFields } from './context';

describe('pickFields', () => {
  it('picks the named fields, and two picks of an unchanged state compare equal (no re-render)', () => {
    const layers = [{ id: 'a' }];
    const state = { lang: 'zh', layers, stats: undefined, other: 1 };
    const a = pickFields(state, ['lang', 'layers', 'stats']);
    expect(a).toEqual({ lang: 'zh', layers, stats: undefined });
    expect(Object.keys(a)).toEqual(['lang', 'layers', 'stats']);
    expect(shallow(a, pickFields({ ...state, other: 2 }, ['lang', 'layers', 'stats']))).toBe(true);
    expect(shallow(a, pickFields({ ...state, layers: [...layers] }, ['lang', 'layers', 'stats']))).toBe(false);
  });
});
