import { describe, expect, it } from 'vitest';
import { encodeGbk, writeDbf, writeDbfRaw } from '../../../test/helpers/makeShapefile';
import { type DbfIssue, dbfTextSample, nameFields, parseDbfDate, readDbfHeader, readDbfRecord } from './dbf';

const fields = [
  { name: 'BSM', type: 'N' as const, length: 20 },
  { name: 'MC', type: 'C' as const, length: 20 },
  { name: 'MJ', type: 'N' as const, length: 12, decimals: 2 },
];

describe('dbf', () => {
  it('reads C/N fields with the chosen decoder; long integer codes stay strings; blanks are null', () => {
    const bytes = writeDbf(fields, [{ BSM: '12345678901234567890', MC: '北岭村', MJ: 12.5 }, { BSM: 7, MC: '', MJ: null }], encodeGbk, 0x4d);
    const h = readDbfHeader(bytes);
    if ('error' in h) throw new Error(h.error);
    expect(h).toMatchObject({ recordCount: 2, available: 2, ldid: 0x4d });
    nameFields(h, new TextDecoder('gbk'));
    expect(h.fields.map((f) => f.name)).toEqual(['BSM', 'MC', 'MJ']);
    const r0 = readDbfRecord(bytes, h, 0, new TextDecoder('gbk'));
    expect(r0).toEqual({ BSM: '12345678901234567890', MC: '北岭村', MJ: 12.5 });
    expect(readDbfRecord(bytes, h, 1, new TextDecoder('gbk'))).toEqual({ BSM: 7, MC: null, MJ: null });
    expect(new TextDecoder('gbk').decode(dbfTextSample(bytes, h))).toContain('北岭村');
  });
  it('a truncated .dbf reports the records that are complete; garbage is refused', () => {
    const bytes = writeDbf(fields, [{ BSM: 1, MC: 'a', MJ: 1 }, { BSM: 2, MC: 'b', MJ: 2 }], (s) => new TextEncoder().encode(s));
    const h = readDbfHeader(bytes.subarray(0, bytes.length - 30));
    expect('error' in h ? h.error : h.available).toBe(1);
    expect(readDbfHeader(new Uint8Array(10))).toMatchObject({ error: expect.stringMatching(/too short/) });
    expect(readDbfHeader(new Uint8Array(64).fill(0x41))).toMatchObject({ error: expect.stringMatching(/not a dBASE file/) });
  });
});

describe('dbf values as GDAL reads them', () => {
  const read = (bytes: Uint8Array) => {
    const h = readDbfHeader(bytes);
    if ('error' in h) throw new Error(h.error);
    const dec = new TextDecoder('windows-1252');
    nameFields(h, dec);
    const issues: DbfIssue[] = [];
    const rows = Array.from({ length: h.available }, (_, i) => readDbfRecord(bytes, h, i, dec, (x) => issues.push(x)));
    return { h, rows, issues };
  };
  it('dates: YYYYMMDD and MM/DD/YYYY (GDAL), YYYY-MM-DD and YYYY/MM/DD; blank and 00000000 are null; others reported', () => {
    const vals = ['20240105', '01/05/2024', '2024-01-05', '2024/01/05', '', '00000000', '5.1.2024', '20241340'];
    const { rows, issues } = read(writeDbfRaw([{ name: 'D', type: 'D', length: 10 }], vals.map((v) => [v])));
    expect(rows.map((r) => r.D)).toEqual(['2024-01-05', '2024-01-05', '2024-01-05', '2024-01-05', null, null, null, null]);
    expect(issues).toEqual([
      { field: 'D', record: 6, raw: '5.1.2024', why: 'date' },
      { field: 'D', record: 7, raw: '20241340', why: 'date' },
    ]);
    expect(parseDbfDate('02/30/2024')).toBeUndefined();
  });
  it("logicals: T/Y/t/y true, F/N/f/n false, '?' and blank null", () => {
    const { rows } = read(writeDbfRaw([{ name: 'L', type: 'L', length: 1 }], ['T', 'y', 'F', 'n', '?', ' '].map((v) => [v])));
    expect(rows.map((r) => r.L)).toEqual([true, true, false, false, null, null]);
  });
  it('numbers: overflow asterisks and non-finite text are null and reported; long integers keep every digit', () => {
    const vals = ['12', '**********', '99999999999', '1e400', 'nan', '-', '1.#INF', '12345678901234567890', '  ', '-3.25'];
    const { rows, issues } = read(writeDbfRaw([{ name: 'N', type: 'N', length: 20, decimals: 2 }], vals.map((v) => [v])));
    expect(rows.map((r) => r.N)).toEqual([12, null, 99999999999, null, null, null, null, '12345678901234567890', null, -3.25]);
    expect(issues.map((x) => `${x.record}:${x.why}`)).toEqual(['1:overflow', '3:number', '4:number', '5:number', '6:number']);
  });
  it('blank text is null (GDAL: dBASE cannot tell "" from no value); inner blanks are kept', () => {
    const { rows } = read(writeDbfRaw([{ name: 'C', type: 'C', length: 6 }], [['x  y'], [''], ['   ']]));
    expect(rows.map((r) => r.C)).toEqual(['x  y', null, null]);
  });
  it('broken field descriptors are dropped and reported by name; the good fields still read', () => {
    const bytes = writeDbfRaw(
      [
        { name: 'DLMC', type: 'C', length: 4 },
        { name: 'BAD1', type: 0x01, length: 3 },
        { name: new Uint8Array([0x07, 0x00]), type: 'C', length: 2 },
        { name: 'ZERO', type: 'N', length: 0 },
      ],
      [['abcd', 'xyz', 'qq', '']],
    );
    const { h, rows } = read(bytes);
    expect(h.fields.map((f) => f.name)).toEqual(['DLMC']);
    expect(rows[0]).toEqual({ DLMC: 'abcd' });
    expect(h.problems).toEqual([
      '.dbf 第 2 个字段描述 "BAD1" 损坏（unknown type byte 0x01），已忽略 / .dbf field descriptor 2 "BAD1" is broken (unknown type byte 0x01): ignored',
      '.dbf 第 3 个字段描述 "\\x07" 损坏（name empty or unprintable），已忽略 / .dbf field descriptor 3 "\\x07" is broken (name empty or unprintable): ignored',
      '.dbf 第 4 个字段描述 "ZERO" 损坏（length 0），已忽略 / .dbf field descriptor 4 "ZERO" is broken (length 0): ignored',
    ]);
  });
});
