import { describe, expect, it } from 'vitest';
import { parseCsv } from '../io/parseCsv';
import { csvBytes, csvCell, csvFile, csvRow, isFormulaLike, UTF8_BOM } from './csv';

describe('csvCell', () => {
  it('neutralises formula starts = + - @ (and full-width), tab, CR, and after leading spaces', () => {
    expect(csvCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('-1+cmd|x')).toBe("'-1+cmd|x");
    expect(csvCell('@SUM(1)')).toBe("'@SUM(1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\r=x')).toBe(`"'\r=x"`);
    expect(csvCell('  =1')).toBe("'  =1");
    expect(csvCell('＝1+1')).toBe("'＝1+1");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it('plain negative numbers stay numbers, as numbers or as text', () => {
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvCell('-3e-4')).toBe('-3e-4');
    expect(csvCell(-0)).toBe('0');
    expect(csvCell(1e21)).toBe('1e+21');
    expect(isFormulaLike('-12.5')).toBe(false);
    expect(isFormulaLike('-12.5+1')).toBe(true);
    expect(isFormulaLike('--1')).toBe(true);
  });

  it('quotes commas, quotes and newlines; empties null, undefined and non-finite', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(new Date(Date.UTC(2026, 0, 2)))).toBe('2026-01-02T00:00:00.000Z');
    expect(csvCell('水田')).toBe('水田');
    expect(csvRow(['耕地', 1.5, '=1'])).toBe("耕地,1.5,'=1");
  });
});

describe('csvFile', () => {
  it('UTF-8 BOM, metadata lines, CRLF after every line', () => {
    const text = csvFile(['名称', '面积'], [['水田', 10], ['=x', -2]], [['生成时间', '2026-01-01T00:00:00.000Z']]);
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    expect(text).toBe(`${UTF8_BOM}# 生成时间,2026-01-01T00:00:00.000Z\r\n名称,面积\r\n水田,10\r\n'=x,-2\r\n`);
    const bytes = csvBytes(text);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.replace(/\r\n/g, '').includes('\n')).toBe(false);
  });

  it('round-trips through parseCsv', () => {
    const rows = [['a,b', 'say "hi"', 'two\r\nlines', '中文', '']];
    const parsed = parseCsv(csvFile(['h1', 'h2', 'h3', 'h4', 'h5'], rows));
    expect(parsed).toEqual([['h1', 'h2', 'h3', 'h4', 'h5'], ['a,b', 'say "hi"', 'two\r\nlines', '中文', '']]);
    expect(parseCsv('a,b\nc')).toEqual([['a', 'b'], ['c']]);
    expect(parseCsv('"unterminated')).toEqual([['unterminated']]);
  });
});
