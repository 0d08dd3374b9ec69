import { describe, expect, it } from 'vitest';
import { parseShortLink, shortLinkHref } from './shortLink';

describe('short links (#s=<scenarioId>)', () => {
  it('reads the id of a #s= hash, and nothing else', () => {
    expect(parseShortLink('#s=m2x9-abc_1')).toBe('m2x9-abc_1');
    expect(parseShortLink('')).toBeUndefined();
    expect(parseShortLink('#x=1')).toBeUndefined();
    expect(parseShortLink('#s=<script>')).toBeUndefined();
  });
  it('keeps the view, layers and language, drops the drawing and the selection', () => {
    const href = shortLinkHref('http://h/?manifest=m.json&v=126.1,45.2,12.00&lang=zh&site=[[[1,2]]]&sup=[]&sel=1,2#old', 'abc');
    const u = new URL(href);
    expect(u.hash).toBe('#s=abc');
    expect(u.searchParams.get('v')).toBe('126.1,45.2,12.00');
    expect(u.searchParams.get('manifest')).toBe('m.json');
    expect(u.searchParams.get('lang')).toBe('zh');
    for (const k of ['site', 'sup', 'sel']) expect(u.searchParams.has(k)).toBe(false);
    expect(parseShortLink(u.hash)).toBe('abc');
  });
});
