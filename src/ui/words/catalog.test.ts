import { describe, expect, it } from 'vitest';
import { byLanguage, catalog } from './catalog';

describe('byLanguage', () => {
  it('splits each row into its Chinese and its English table, keys and order kept', () => {
    const t = byLanguage({ a: ['甲', 'A'], b: ['乙', 'B'] });
    expect(t.zh).toEqual({ a: '甲', b: '乙' });
    expect(t.en).toEqual({ a: 'A', b: 'B' });
    expect(Object.keys(t.en)).toEqual(['a', 'b']);
  });
});

describe('catalog', () => {
  it('looks a key up in the language asked for', () => {
    const t = catalog({ a: ['甲', 'A'], b: ['乙', 'B'] });
    expect(t('zh', 'a')).toBe('甲');
    expect(t('en', 'b')).toBe('B');
  });
});
