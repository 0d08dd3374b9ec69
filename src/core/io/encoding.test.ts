import { describe, expect, it } from 'vitest';
import { encodeGbk } from '../../../test/helpers/makeShapefile';
import { decideEncoding, detectEncoding, normaliseEncoding } from './encoding';

const zhUtf8 = new TextEncoder().encode('王家庄村 李家洼村 水浇地');
const zhGbk = encodeGbk('王家庄村 李家洼村 水浇地');

describe('encoding decision', () => {
  it('normalises .cpg spellings', () => {
    expect(normaliseEncoding('UTF-8')).toBe('utf-8');
    expect(normaliseEncoding('65001')).toBe('utf-8');
    expect(normaliseEncoding('936')).toBe('gbk');
    expect(normaliseEncoding('ANSI 936')).toBe('gbk');
    expect(normaliseEncoding('GB2312')).toBe('gbk');
    expect(normaliseEncoding('gb18030')).toBe('gb18030');
    expect(normaliseEncoding('nonsense')).toBeUndefined();
  });
  it('.cpg first, then the language byte, then detection', () => {
    expect(decideEncoding({ cpg: 'GBK', ldid: 0, sample: zhGbk })).toMatchObject({ encoding: 'gbk', source: 'cpg' });
    expect(decideEncoding({ ldid: 0x4d, sample: zhGbk })).toMatchObject({ encoding: 'gbk', source: 'ldid' });
    expect(decideEncoding({ ldid: 0x57, sample: zhGbk })).toMatchObject({ encoding: 'gbk', source: 'detected', detail: expect.stringMatching(/ANSI.*ambiguous.*valid GBK/) });
    expect(decideEncoding({ ldid: 0, sample: zhUtf8 })).toMatchObject({ encoding: 'utf-8', source: 'detected' });
  });
  it('an explicit option overrides, and warns when the bytes do not fit it', () => {
    expect(decideEncoding({ option: 'gbk', cpg: 'UTF-8', sample: zhGbk })).toMatchObject({ encoding: 'gbk', source: 'option' });
    const d = decideEncoding({ option: 'utf-8', sample: zhGbk });
    expect(d).toMatchObject({ source: 'option', warning: expect.stringMatching(/expect garbling/) });
    expect(decideEncoding({ option: 'klingon', sample: zhGbk })).toMatchObject({ error: expect.stringMatching(/unknown encoding "klingon"/) });
  });
  it('a wrong label never yields mojibake: .cpg UTF-8 on GBK bytes, or GBK labels on UTF-8 bytes, fall back to detection', () => {
    expect(decideEncoding({ cpg: 'UTF-8', sample: zhGbk })).toMatchObject({ encoding: 'gbk', source: 'detected', warning: expect.stringMatching(/does not match utf-8/) });
    // UTF-8 Chinese is often valid GBK byte-wise (中文 decodes to mojibake without error); the label must still lose.
    const zw = new TextEncoder().encode('中文');
    expect(new TextDecoder('gbk', { fatal: true }).decode(zw)).not.toBe('中文');
    expect(decideEncoding({ cpg: 'GBK', sample: zw })).toMatchObject({ encoding: 'utf-8', source: 'detected' });
    expect(decideEncoding({ cpg: '936', sample: zhUtf8 })).toMatchObject({ encoding: 'utf-8', source: 'detected' });
    expect(decideEncoding({ ldid: 0x4d, sample: zhUtf8 })).toMatchObject({ encoding: 'utf-8', source: 'detected' });
  });
  it('detects ASCII, UTF-8, GBK', () => {
    expect(detectEncoding(new TextEncoder().encode('0101 ABC')).note).toMatch(/ASCII/);
    expect(detectEncoding(zhUtf8).encoding).toBe('utf-8');
    expect(detectEncoding(zhGbk).encoding).toBe('gbk');
  });
});
