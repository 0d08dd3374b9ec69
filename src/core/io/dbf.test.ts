import { describe, expect, it } from 'vitest';
import { encodeGbk, writeDbf } from '../../../test/helpers/makeShapefile';
import { dbfTextSample, nameFields, readDbfHeader, readDbfRecord } from './dbf';

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
    expect(readDbfRecord(bytes, h, 1, new TextDecoder('gbk'))).toEqual({ BSM: 7, MC: '', MJ: null });
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
