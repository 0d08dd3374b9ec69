import { describe, expect, it } from 'vitest';
import { readRecordRows, type RecordTableSpec } from './recordRows';

const SPEC: RecordTableSpec = { empty: '空 / empty', list: 'regions', item: { en: 'region', field: 'region' }, header: ['code', 'name'], headerHint: 'code,name' };

function read(input: string | Uint8Array) {
  const errs: [string, string | undefined, number | undefined][] = [];
  const rows = readRecordRows(input, 't.csv', SPEC, (m, f, r) => void errs.push([m, f, r]));
  return { rows: rows?.map((r) => [r.row, r.get('code'), r.get('name')]), errs };
}

describe('readRecordRows', () => {
  it('reads CSV by header name (any column order, case, BOM, blank lines skipped) and JSON by key, both 1-based', () => {
    const csv = new TextEncoder().encode('\ufeffName,CODE\r\nA,1\r\n\r\nB,2\r\n');
    expect(read(csv)).toEqual({ rows: [[1, '1', 'A'], [2, '2', 'B']], errs: [] });
    expect(read('{"regions":[{"code":1,"name":"A"},{"code":"2"}]}').rows).toEqual([[1, 1, 'A'], [2, '2', undefined]]);
    expect(read('[{"code":3}]').rows).toEqual([[1, 3, undefined]]);
  });

  it('leaves out and reports a JSON item that is not an object, keeping the others’ row numbers', () => {
    const r = read('[{"code":1}, 5, {"code":3}]');
    expect(r.rows).toEqual([[1, 1, undefined], [3, 3, undefined]]);
    expect(r.errs).toEqual([['t.csv 第 2 项 / region 2: 不是对象 / not an object', 'region', 2]]);
  });

  it('cannot read a blank text, invalid JSON, a JSON without the list, or a header lacking a column', () => {
    expect(read('  \n')).toEqual({ rows: undefined, errs: [['t.csv: 空 / empty', undefined, undefined]] });
    expect(read('{"regions": [').errs[0][0]).toMatch(/^t\.csv: 不是有效的 JSON.* \/ not valid JSON$/);
    expect(read('{"other": []}').errs).toEqual([['t.csv: 缺少 "regions" 数组 / no "regions" array', 'regions', undefined]]);
    expect(read('code,label\n1,x\n')).toEqual({ rows: undefined, errs: [['t.csv: 表头缺少 name（应为 code,name） / header lacks name', 'header', 0]] });
  });
});
