import { describe, expect, it } from 'vitest';
import { escapeControl } from './escapeControl';

describe('escapeControl', () => {
  it('escapes C0, DEL, C1 and bidi overrides; keeps 中文 and accents', () => {
    expect(escapeControl('a\nb\u001b[31mc\u007f\u0085')).toBe('a\\u{a}b\\u{1b}[31mc\\u{7f}\\u{85}');
    expect(escapeControl('x\u202egnp.exe')).toBe('x\\u{202e}gnp.exe');
    expect(escapeControl('耕地 Jyväskylä')).toBe('耕地 Jyväskylä');
  });
});
