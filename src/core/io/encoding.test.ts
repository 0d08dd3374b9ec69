import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { encodeGbk } from '../../../test/helpers/makeShapefile';
import { decideEncoding, detectEncoding, ldidEncoding, makeDecoder, normaliseEncoding } from './encoding';

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
    expect(decideEncoding({ ldid: 0x57, sample: zhGbk })).toMatchObject({ encoding: 'gbk', source: 'detected', detail: expect.stringMatching(/ANSI.*ambiguous.*by content scoring chose GBK \(Simplified Chinese\)/) });
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

const latin1 = (s: string): Uint8Array => new Uint8Array([...s].map((c) => c.charCodeAt(0)));

describe('GDAL .cpg forms and language-driver bytes', () => {
  it('every .cpg form GDAL understands', () => {
    const cases: [string, string][] = [
      ['ANSI 1250', 'windows-1250'], ['ANSI 1251', 'windows-1251'], ['CP1252', 'windows-1252'], ['1252', 'windows-1252'],
      ['UTF-8', 'utf-8'], ['utf8', 'utf-8'], ['\uFEFFUTF-8\r\n', 'utf-8'], ['GBK', 'gbk'], ['936', 'gbk'], ['CP936', 'gbk'],
      ['88591', 'windows-1252'], ['8859-2', 'iso-8859-2'], ['8859-15', 'iso-8859-15'], ['LDID/87', undefined as unknown as string],
      ['LDID/77', 'gbk'], ['LDID/200', 'windows-1250'], ['437', 'cp437'], ['850', 'cp850'], ['866', 'ibm866'], ['950', 'big5'],
      ['Big5', 'big5'], ['GB18030', 'gb18030'], ['65001', 'utf-8'], ['windows-1257', 'windows-1257'], ['28592', 'iso-8859-2'],
    ];
    for (const [cpg, want] of cases) expect(normaliseEncoding(cpg), cpg).toBe(want);
  });
  it("every language-driver byte in GDAL's table maps to a decoder or says it is unsupported", () => {
    const ids = [1, 2, 3, 4, 8, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 31, 34, 35, 36, 37, 38, 55, 64, 77, 78, 79, 80,
      88, 89, 100, 101, 102, 103, 104, 105, 106, 107, 108, 120, 121, 122, 123, 124, 134, 135, 136, 150, 151, 200, 201, 202, 203, 204];
    for (const id of ids) {
      const l = ldidEncoding(id);
      if (id === 104 || id === 105) expect(l, `${id}`).toMatchObject({ unsupported: true, note: expect.stringMatching(/code page (895|620), not supported/) });
      else {
        expect(l.encoding, `ldid ${id}`).toBeDefined();
        expect(() => makeDecoder(l.encoding as string).decode(new Uint8Array([0x41, 0xe9]))).not.toThrow();
      }
    }
    expect(ldidEncoding(0x03).encoding).toBe('windows-1252');
    expect(ldidEncoding(0x02).encoding).toBe('cp850');
    expect(ldidEncoding(0xc8).encoding).toBe('windows-1250');
    expect(ldidEncoding(0x4d).encoding).toBe('gbk');
    expect(ldidEncoding(0x57).encoding).toBeUndefined();
  });
  it('a CP850 .dbf (language driver 0x02) decodes DOS Latin-1', () => {
    const d = decideEncoding({ ldid: 0x02, sample: new Uint8Array([0x4d, 0x81, 0x6c, 0x6c, 0x65, 0x72]) });
    expect(d).toMatchObject({ encoding: 'cp850', source: 'ldid' });
    expect(makeDecoder('cp850').decode(new Uint8Array([0x4d, 0x81, 0x6c, 0x6c, 0x65, 0x72]))).toBe('Müller');
  });
});

describe('"ANSI" or no language byte and no .cpg: decided by content, with a warning naming the choice', () => {
  const european: [string, string][] = [
    ['German', 'Müller Straße Würzburg Göttingen Überlingen Äußere Lände'],
    ['Danish', 'Ærøskøbing Søndergade Åbenrå Højer Næstved Østergård'],
    ['Finnish', 'Jyväskylä Hämeenlinna Pääkaupunkiseutu Närpiö Öjskogsgrund'],
  ];
  for (const [lang, text] of european)
    it(`${lang} names in Windows-1252 → windows-1252`, () => {
      const d = decideEncoding({ ldid: 0x57, sample: latin1(text) });
      expect(d).toMatchObject({ encoding: 'windows-1252', source: 'detected' });
      expect('warning' in d && d.warning).toMatch(
        /^属性编码不确定，没有 \.cpg，语言驱动 0x57 = ANSI（系统代码页，不确定）：文本不是 UTF-8，按内容评分选 Windows-1252（西欧）.* \/ attribute encoding uncertain, no \.cpg, language driver 0x57 = ANSI \(system code page, ambiguous\): text is not UTF-8; by content scoring chose Windows-1252 \(Western European\) \(windows-1252 \d+, [^)]*\); if names look wrong, give the encoding$/,
      );
      expect(new TextDecoder('windows-1252').decode(latin1(text))).toBe(text);
    });
  it('GBK Chinese → GBK, also with no language byte; the caller can add how to give the encoding', () => {
    const d = decideEncoding({ ldid: 0, sample: encodeGbk('王家庄村 李家洼村 水浇地 旱地 有林地 农村道路') , advice: '--encoding NAME' });
    expect(d).toMatchObject({ encoding: 'gbk', source: 'detected' });
    expect('warning' in d && d.warning).toMatch(/没有 \.cpg，无语言驱动标记：.*按内容评分选 GBK（简体中文）.*请指定编码（--encoding NAME） \/ .*chose GBK \(Simplified Chinese\) \(gbk \d+, [^)]*\); if names look wrong, give the encoding \(--encoding NAME\)$/);
  });
  it('UTF-8 text needs no guess and no warning', () => {
    const d = decideEncoding({ ldid: 0x57, sample: new TextEncoder().encode('Jyväskylä 王家庄村') });
    expect(d).toMatchObject({ encoding: 'utf-8', source: 'detected' });
    expect('warning' in d ? d.warning : undefined).toBeUndefined();
  });

  // the other candidates of issue 16 §4, on real place names, each encoded by iconv-lite (not by our own tables)
  const enc = (text: string, cp: string) => new Uint8Array(iconv.encode(text, cp));
  it('Traditional Chinese in Big5 → big5', () => {
    const d = decideEncoding({ ldid: 0x57, sample: enc('臺北市 大安區 信義路 新竹縣 竹北市 高雄市 鳳山區 農地 水田 旱田', 'big5') });
    expect(d).toMatchObject({ encoding: 'big5', source: 'detected' });
    expect('warning' in d && d.warning).toMatch(/chose Big5 \(Traditional Chinese\)/);
  });
  it('GB18030 text with four-byte characters (rare names) → gb18030; plain GBK text stays GBK without asking', () => {
    const text = '䶮村 王家庄村 𠀾家湾 水浇地';
    const d = decideEncoding({ ldid: 0x57, sample: enc(text, 'gb18030') });
    expect(d).toMatchObject({ encoding: 'gb18030', source: 'detected' });
    expect(new TextDecoder('gb18030').decode(enc(text, 'gb18030'))).toBe(text);
    const g = decideEncoding({ ldid: 0x57, sample: encodeGbk('王家庄村 李家洼村 水浇地 旱地 有林地 农村道路') });
    expect(g).toMatchObject({ encoding: 'gbk' });
    expect('alternatives' in g ? g.alternatives : undefined).toBeUndefined();
  });
  it('Czech and Polish names in Windows-1250 → windows-1250', () => {
    for (const text of ['Łódź Kraków Wrocław Gdańsk Białystok Żółkiewskiego Świętokrzyskie', 'Plzeň Třebíč Ústí nad Labem Šťáhlavy Jihočeský kraj Ždár']) {
      const d = decideEncoding({ ldid: 0x57, sample: enc(text, 'win1250') });
      expect(d, text).toMatchObject({ encoding: 'windows-1250', source: 'detected' });
      expect(new TextDecoder('windows-1250').decode(enc(text, 'win1250'))).toBe(text);
    }
  });
  it('asks when the top two read the text differently and score close: Danish is also plausible Czech; German reads the same in both', () => {
    const danish = decideEncoding({ ldid: 0x57, sample: latin1('Ærøskøbing Søndergade Åbenrå Højer Næstved Østergård') });
    expect(danish).toMatchObject({ encoding: 'windows-1252', alternatives: ['windows-1250'] });
    const german = decideEncoding({ ldid: 0x57, sample: latin1('Müller Straße Würzburg Göttingen Überlingen Äußere Lände') });
    expect('alternatives' in german ? german.alternatives : undefined).toBeUndefined();
    // GBK and Big5 are far apart on real text: no question
    const zh = decideEncoding({ ldid: 0x57, sample: encodeGbk('王家庄村 李家洼村 水浇地 旱地 有林地 农村道路') });
    expect('alternatives' in zh ? zh.alternatives : undefined).toBeUndefined();
    // a label, a .cpg or an option is never questioned
    expect(decideEncoding({ cpg: '1252', sample: latin1('Ærøskøbing') })).not.toHaveProperty('alternatives');
  });
});
