import { type Decoder, SBCS_UPPER, sbcsDecoder } from './codepages';

export type { Decoder };

/**
 * Attribute encoding of a Shapefile's .dbf. Decided in this order, and the decision is reported:
 *   1. an explicit option (the user knows better than a wrong .cpg) — `option`
 *   2. the .cpg file (UTF-8, 65001, GBK, 936, CP936, GB2312, GB18030, BIG5 …) — `cpg`
 *      in every form GDAL's Shapefile driver understands: "UTF-8"/"UTF8", a code page number (437…950, 1250…1258,
 *      65001, 54936), "CP1252"/"windows-1252", "ANSI 1250", "88591"/"8859-1", "LDID/87", or a plain label ("GBK", "Big5")
 *   3. the DBF language driver byte, with GDAL's table (ogrshapelayer.cpp: 0x4D / 0x7A = CP936, 0x4F / 0x78 = CP950,
 *      0x03 / 0x58 / 0x59 = CP1252, 0x02 = CP850, 0xC8 = CP1250 …) — `ldid`. 0x57 "ANSI" (GDAL takes it as
 *      ISO-8859-1) and 0 say nothing about the text, so they fall through to:
 *   4. detection over the text fields' bytes: all ASCII → ASCII, valid UTF-8 → UTF-8, else the legacy candidates
 *      (GBK, GB18030, Big5, Windows-1252 = Latin-1, Windows-1250) are scored on the text (invalid sequences, rare
 *      characters, symbols or runs of accented letters that Latin text does not have) and the best is taken with a
 *      warning naming it — `detected`; candidates scoring close that read the text differently are `alternatives`
 *      (the app asks)
 * A .cpg or language byte contradicted by the bytes (e.g. .cpg says UTF-8 but the text is not valid UTF-8) gives
 * a warning and falls back to detection: a wrong label must not produce mojibake.
 */

/** 'format': the format fixes it (GeoPackage, File Geodatabase: Unicode). */
export type EncodingSource = 'option' | 'cpg' | 'ldid' | 'detected' | 'format';

export interface EncodingDecision {
  /** WHATWG encoding label for TextDecoder ('utf-8', 'gbk', 'big5', 'windows-1252' …) or 'cpNNN' (codepages.ts): decode with makeDecoder. */
  encoding: string;
  source: EncodingSource;
  /** How it was decided, zh / en. */
  detail: string;
  /** Set when a label was overruled by the bytes. */
  warning?: string;
  /** Detected, but other candidates scored close and read the text differently: the user should choose. */
  alternatives?: string[];
}

/** TextDecoder label (or "cpNNN" for the tables in codepages.ts) of a Windows / DOS / Mac code page number. */
export function codePageLabel(n: number): string | undefined {
  const named: Record<number, string> = {
    65001: 'utf-8', 936: 'gbk', 54936: 'gb18030', 950: 'big5', 932: 'shift_jis', 949: 'euc-kr', 874: 'windows-874', 866: 'ibm866',
    10000: 'macintosh', 10007: 'x-mac-cyrillic', 20127: 'utf-8', 20936: 'gbk',
  };
  if (named[n]) return named[n];
  if (n >= 1250 && n <= 1258) return `windows-${n}`;
  if (n >= 28591 && n <= 28606) return n === 28591 ? 'windows-1252' : `iso-8859-${n - 28590}`;
  if (SBCS_UPPER[n] !== undefined) return `cp${n}`;
  return undefined;
}

/** A decoder for a label normaliseEncoding returned (TextDecoder, or a DOS / Mac table). */
export function makeDecoder(label: string): Decoder {
  const m = /^cp(\d+)$/.exec(label);
  const sb = m ? sbcsDecoder(Number(m[1])) : undefined;
  return sb ?? new TextDecoder(label);
}

const tryLabel = (label: string): string | undefined => {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
};

/**
 * Normalise a code page name or number (.cpg, option) to a decoder label; undefined if unknown. Accepts every
 * form GDAL's ConvertCodePage accepts and the usual spellings of the Chinese code pages.
 */
export function normaliseEncoding(name: string): string | undefined {
  const raw = name.replace(/^\uFEFF/, '').trim();
  if (raw === '') return undefined;
  const n = raw.toLowerCase().replace(/[\s_]/g, '');
  const ldid = /^ldid\/(\d+)$/.exec(n);
  if (ldid) return ldidEncoding(Number(ldid[1])).encoding;
  if (/^utf-?8/.test(n) || n === 'unicode' || n === 'ascii' || n === 'us-ascii') return 'utf-8';
  const iso = /^(?:iso-?)?8859-?(\d+)$/.exec(n);
  if (iso) return iso[1] === '1' ? 'windows-1252' : tryLabel(`iso-8859-${iso[1]}`);
  const num = /^(?:ansi|cp|ms|windows-?|ibm|dos|oem)?-?(\d+)$/.exec(n);
  if (num) return codePageLabel(Number(num[1]));
  const alias: Record<string, string> = {
    gb2312: 'gbk', 'gb-2312': 'gbk', euccn: 'gbk', 'euc-cn': 'gbk', gbk: 'gbk', gb18030: 'gb18030', big5: 'big5', latin1: 'windows-1252', 'iso-8859-1': 'windows-1252',
  };
  return alias[n] ?? tryLabel(n);
}

/** GDAL's language-driver table (ogrshapelayer.cpp, ConvertCodePage "LDID/n"): id → code page. */
const LDID_CODEPAGE: Record<number, number> = {
  1: 437, 2: 850, 3: 1252, 4: 10000, 8: 865, 10: 850, 11: 437, 13: 437, 14: 850, 15: 437, 16: 850, 17: 437, 18: 850, 19: 932,
  20: 850, 21: 437, 22: 850, 23: 865, 24: 437, 25: 437, 26: 850, 27: 437, 28: 863, 29: 850, 31: 852, 34: 852, 35: 852, 36: 860,
  37: 850, 38: 866, 55: 850, 64: 852, 77: 936, 78: 949, 79: 950, 80: 874, 88: 1252, 89: 1252, 100: 852, 101: 866, 102: 865,
  103: 861, 104: 895, 105: 620, 106: 737, 107: 857, 108: 863, 120: 950, 121: 949, 122: 936, 123: 932, 124: 874, 134: 737,
  135: 852, 136: 857, 150: 10007, 151: 10029, 200: 1250, 201: 1251, 202: 1254, 203: 1253, 204: 1257,
};

/** Decoder label for a DBF language driver id, and whether it is a definite answer. */
export function ldidEncoding(ldid: number): { encoding?: string; note: string; unsupported?: boolean } {
  const hex = `0x${ldid.toString(16).toUpperCase().padStart(2, '0')}`;
  if (ldid === 0x57)
    return { note: `语言驱动 ${hex} = ANSI（系统代码页，不确定） / language driver ${hex} = ANSI (system code page, ambiguous)` };
  if (ldid === 0) return { note: '无语言驱动标记 / no language driver byte' };
  const cp = LDID_CODEPAGE[ldid];
  if (cp === undefined) return { note: `语言驱动 ${hex}（未知，不用于判断） / language driver ${hex} (unknown, not used)` };
  const encoding = codePageLabel(cp);
  if (!encoding)
    return { note: `语言驱动 ${hex} = 代码页 ${cp}，不支持，改为按内容判断 / language driver ${hex} = code page ${cp}, not supported: detecting from the text instead`, unsupported: true };
  return { encoding, note: `语言驱动 ${hex} = CP${cp}${encoding === 'gbk' ? ' (GBK)' : encoding === 'big5' ? ' (Big5)' : ''} / language driver ${hex} = code page ${cp}` };
}

const isAscii = (b: Uint8Array): boolean => {
  for (let i = 0; i < b.length; i++) if (b[i] >= 0x80) return false;
  return true;
};

/** Whether bytes decode without error in an encoding. */
export function decodesCleanly(bytes: Uint8Array, encoding: string): boolean {
  const m = /^cp(\d+)$/.exec(encoding);
  if (m && SBCS_UPPER[Number(m[1])] !== undefined) return !sbcsDecoder(Number(m[1]))?.decode(bytes).includes('\ufffd');
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Count of multi-byte UTF-8 sequences when the bytes are valid UTF-8 (0 when not valid or plain ASCII). */
function utf8MultiByteCount(b: Uint8Array): number {
  if (!decodesCleanly(b, 'utf-8')) return 0;
  let n = 0;
  for (let i = 0; i < b.length; i++) if (b[i] >= 0xc2 && b[i] <= 0xf4) n++;
  return n;
}

/**
 * Whether the bytes contradict an encoding label: not decodable in it, or labelled as a legacy double-byte code
 * page (GBK, Big5 …) while being valid UTF-8 with several multi-byte characters (UTF-8 Chinese text happens to
 * be valid GBK too, so decodability alone cannot catch that case; GBK text that is valid UTF-8 is vanishingly rare).
 */
export function contradicts(sample: Uint8Array, encoding: string): boolean {
  if (!decodesCleanly(sample, encoding)) return true;
  return encoding !== 'utf-8' && utf8MultiByteCount(sample) >= 2;
}

const isLatinLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/**
 * How plausible the bytes are as GBK text: + common hanzi (GB2312 level 1/2: lead 0xB0–0xF7, trail ≥ 0xA1),
 * 0 for GB2312 punctuation (lead 0xA1–0xA9), − rare GBK-extension characters (trail < 0xA1 or lead < 0xB0, the
 * shapes Latin letters followed by ASCII take), −5 invalid sequences.
 */
function scoreGbk(b: Uint8Array): number {
  return scoreDoubleByte(b, (c, t) => {
    if (c === 0x80 || c === 0xff || t < 0x40 || t === 0x7f || t === 0xff) return INVALID_PAIR;
    if (c >= 0xb0 && c <= 0xf7 && t >= 0xa1) return 2;
    if (c >= 0xa1 && c <= 0xa9 && t >= 0xa1) return 0;
    return -2;
  });
}

/** A double-byte pair's scorer answers this when the lead byte does not start a valid pair (the trail is not consumed). */
const INVALID_PAIR = Number.NEGATIVE_INFINITY;

/**
 * The double-byte scores (scoreGbk, scoreBig5): ASCII bytes score nothing; each byte ≥ 0x80 is a lead byte whose
 * pair with the next byte (−1 at the end) `pair` scores. −5 where the pair is INVALID_PAIR, and the next byte is
 * then read again as a lead of its own; otherwise the pair's score, and both bytes are consumed.
 */
function scoreDoubleByte(b: Uint8Array, pair: (lead: number, trail: number) => number): number {
  let s = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c < 0x80) continue;
    const r = pair(c, i + 1 < b.length ? b[i + 1] : -1);
    if (r === INVALID_PAIR) {
      s -= 5;
      continue;
    }
    s += r;
    i++;
  }
  return s;
}

/**
 * How plausible the bytes are as Windows-1252 (Western European) text: + an accented letter next to an ASCII
 * letter ("Müller", "Ærø", "Jyväskylä"), − symbols and runs of three or more high bytes (what CJK text looks
 * like through Latin-1), −5 bytes undefined in Windows-1252.
 */
function scoreLatin(b: Uint8Array): number {
  return scoreSingleByte(b, LATIN_UNDEFINED, NO_BYTES);
}

/** Bytes undefined in Windows-1252. */
const LATIN_UNDEFINED: ReadonlySet<number> = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
const NO_BYTES: ReadonlySet<number> = new Set();

/**
 * The Windows-125x score (scoreLatin, scoreCentralEuropean): −5 an undefined byte; for a high byte that is a letter
 * (À–ÿ but × ÷, Š Œ Ž š œ ž Ÿ, and the code page's `letters`) +2 beside an ASCII letter or one other high byte,
 * −2 inside a run of three high bytes; −2 any other high byte.
 */
function scoreSingleByte(b: Uint8Array, undefinedBytes: ReadonlySet<number>, letters: ReadonlySet<number>): number {
  let s = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c < 0x80) continue;
    if (undefinedBytes.has(c)) {
      s -= 5;
      continue;
    }
    const letter = (c >= 0xc0 && c !== 0xd7 && c !== 0xf7) || letters.has(c) || [0x8a, 0x8c, 0x8e, 0x9a, 0x9c, 0x9e, 0x9f].includes(c);
    const prev = i > 0 ? b[i - 1] : 0x20;
    const next = i + 1 < b.length ? b[i + 1] : 0x20;
    const run = (prev >= 0x80 ? 1 : 0) + (next >= 0x80 ? 1 : 0);
    if (!letter) s -= 2;
    else if (run === 2) s -= 2;
    else if (isLatinLetter(prev) || isLatinLetter(next) || run === 1) s += 2;
  }
  return s;
}

/**
 * GB18030 = GBK plus four-byte sequences (lead 0x81–0xFE, then 0x30–0x39, 0x81–0xFE, 0x30–0x39): scored as GBK,
 * with a valid four-byte sequence counted as a rare character (−1) instead of an invalid one.
 */
function scoreGb18030(b: Uint8Array): number {
  let s = 0;
  let start = 0;
  for (let i = 0; i + 3 < b.length; i++) {
    if (b[i] < 0x81 || b[i] > 0xfe) continue;
    if (b[i + 1] >= 0x30 && b[i + 1] <= 0x39 && b[i + 2] >= 0x81 && b[i + 2] <= 0xfe && b[i + 3] >= 0x30 && b[i + 3] <= 0x39) {
      s += scoreGbk(b.subarray(start, i)) - 1;
      start = i + 4;
      i += 3;
    } else if (b[i + 1] >= 0x40) i++; // a two-byte pair: skip its trail byte
  }
  return s + scoreGbk(b.subarray(start));
}

/**
 * How plausible the bytes are as Big5 (Traditional Chinese): + frequent hanzi (常用字, 0xA440–0xC67E), −1 the
 * less frequent ones (0xC940–0xF9FE: where Simplified GBK text lands half the time), 0 punctuation (lead 0xA1–0xA3),
 * −5 invalid or unassigned pairs.
 */
function scoreBig5(b: Uint8Array): number {
  return scoreDoubleByte(b, (c, t) => {
    const trailOk = (t >= 0x40 && t <= 0x7e) || (t >= 0xa1 && t <= 0xfe);
    if (c < 0xa1 || c > 0xf9 || !trailOk) return INVALID_PAIR;
    const code = (c << 8) | t;
    if (code >= 0xa440 && code <= 0xc67e) return 2;
    if (c <= 0xa3) return 0;
    if (code >= 0xc940) return -1;
    return -5;
  });
}

/** Letters of Windows-1250 (Central European) above 0x7F that are not letters, or not there, in Windows-1252. */
const CE_ONLY = new Set([0x8d, 0x8f, 0x9d, 0xa3, 0xa5, 0xaa, 0xaf, 0xb3, 0xb9, 0xba, 0xbc, 0xbe, 0xbf]);
/** Bytes undefined in Windows-1250. */
const CE_UNDEFINED = new Set([0x81, 0x83, 0x88, 0x90, 0x98]);

/**
 * How plausible the bytes are as Windows-1250 (Czech, Polish, Hungarian …): like scoreLatin, with 1250's letters
 * (ł ą ż ť ź ľ … are symbols or undefined in Windows-1252). Text whose high bytes are letters in both code pages
 * ("Ærø" ↔ "Ćrř") scores the same in both: then the caller asks.
 */
function scoreCentralEuropean(b: Uint8Array): number {
  return scoreSingleByte(b, CE_UNDEFINED, CE_ONLY);
}

export interface EncodingScore {
  encoding: string;
  score: number;
}

/**
 * Scores of the legacy candidates for non-UTF-8 text, best first (ties keep this order: GBK, GB18030, Big5,
 * Windows-1252, Windows-1250). Latin-1 (ISO-8859-1) is Windows-1252 here, as in every browser's TextDecoder
 * (WHATWG Encoding), which decodes the same bytes the same way except 0x80–0x9F.
 */
export function scoreEncodings(sample: Uint8Array): EncodingScore[] {
  return [
    { encoding: 'gbk', score: scoreGbk(sample) },
    { encoding: 'gb18030', score: scoreGb18030(sample) },
    { encoding: 'big5', score: scoreBig5(sample) },
    { encoding: 'windows-1252', score: scoreLatin(sample) },
    { encoding: 'windows-1250', score: scoreCentralEuropean(sample) },
  ].sort((a, b) => b.score - a.score);
}

/**
 * The candidates as close to the best as to leave the choice to the user: within a quarter of the best score (at
 * least 2 points), and decoding the text differently from it (GB18030 and GBK read GBK text identically: not a choice).
 */
export function closeCandidates(sample: Uint8Array, scores: EncodingScore[]): EncodingScore[] {
  const best = scores[0];
  if (!best) return [];
  const margin = Math.max(2, Math.abs(best.score) / 4);
  const text = (enc: string) => new TextDecoder(enc).decode(sample);
  const bestText = text(best.encoding);
  const seen = new Set([bestText]);
  const out: EncodingScore[] = [];
  for (const c of scores.slice(1)) {
    if (best.score - c.score > margin) break;
    const t = text(c.encoding);
    if (seen.has(t)) continue;
    seen.add(t);
    out.push(c);
  }
  return out;
}

const ENCODING_NAMES: Record<string, [string, string]> = {
  gbk: ['GBK（简体中文）', 'GBK (Simplified Chinese)'],
  gb18030: ['GB18030（简体中文）', 'GB18030 (Simplified Chinese)'],
  big5: ['Big5（繁体中文）', 'Big5 (Traditional Chinese)'],
  'windows-1252': ['Windows-1252（西欧）', 'Windows-1252 (Western European)'],
  'windows-1250': ['Windows-1250（中欧）', 'Windows-1250 (Central European)'],
};

/**
 * Detect the encoding from sample bytes (the text fields' contents). `guessed` is set when the choice was made
 * by scoring legacy code pages (the caller should warn, naming it).
 */
export function detectEncoding(sample: Uint8Array): { encoding: string; note: string; guessed?: boolean; scores?: EncodingScore[]; close?: EncodingScore[] } {
  if (isAscii(sample)) return { encoding: 'utf-8', note: '文本全为 ASCII / text is plain ASCII' };
  if (decodesCleanly(sample, 'utf-8')) return { encoding: 'utf-8', note: '文本是有效的 UTF-8 / text is valid UTF-8' };
  const scores = scoreEncodings(sample);
  const best = scores[0];
  const list = scores.map((x) => `${x.encoding} ${x.score}`).join(', ');
  const close = closeCandidates(sample, scores);
  return {
    encoding: best.encoding,
    guessed: true,
    scores,
    ...(close.length ? { close } : {}),
    note: `文本不是 UTF-8，按内容评分选 ${ENCODING_NAMES[best.encoding]?.[0] ?? best.encoding}（${list}） / text is not UTF-8; by content scoring chose ${ENCODING_NAMES[best.encoding]?.[1] ?? best.encoding} (${list})`,
  };
}

/**
 * Decide the encoding of a .dbf. `sample` is the bytes of its text fields (for detection and for checking a
 * label against the data).
 */
export function decideEncoding(input: {
  option?: string;
  cpg?: string;
  ldid?: number;
  sample: Uint8Array;
  /** How the caller's user gives an encoding ("--encoding NAME"; an import dialog's wording), added to warnings. */
  advice?: string;
}): EncodingDecision | { error: string } {
  const { sample } = input;
  if (input.option !== undefined && input.option.trim() !== '') {
    const enc = normaliseEncoding(input.option);
    if (!enc) return { error: `不认识的编码 "${input.option}" / unknown encoding "${input.option}" (try UTF-8, GBK, GB18030, BIG5)` };
    const d: EncodingDecision = { encoding: enc, source: 'option', detail: `指定 / given as option: ${input.option}` };
    if (!decodesCleanly(sample, enc))
      d.warning = `属性文本按指定编码 ${enc} 解码有错误字节，可能乱码 / attribute text has invalid bytes for the given encoding ${enc}: expect garbling`;
    return d;
  }
  let overruled: string | undefined;
  if (input.cpg !== undefined && input.cpg.trim() !== '') {
    const enc = normaliseEncoding(input.cpg);
    if (enc && !contradicts(sample, enc)) return { encoding: enc, source: 'cpg', detail: `.cpg: ${input.cpg.trim()}` };
    overruled = enc
      ? `.cpg 写的是 ${input.cpg.trim()}，但属性文本与 ${enc} 不符，改为自动识别 / .cpg says ${input.cpg.trim()} but the attribute text does not match ${enc}; detecting instead`
      : `.cpg 的编码 "${input.cpg.trim()}" 不认识，改为自动识别 / unknown .cpg encoding "${input.cpg.trim()}"; detecting instead`;
  }
  let ldidNote = '';
  if (overruled === undefined && input.ldid !== undefined) {
    const l = ldidEncoding(input.ldid);
    ldidNote = l.note;
    if (l.encoding) {
      if (!contradicts(sample, l.encoding)) return { encoding: l.encoding, source: 'ldid', detail: l.note };
      overruled = `${l.note}，但属性文本与 ${l.encoding} 不符，改为自动识别 / ${l.note} but the attribute text does not match ${l.encoding}; detecting instead`;
    }
  }
  const det = detectEncoding(sample);
  const detail = [ldidNote && !overruled ? ldidNote : '', det.note].filter(Boolean).join('; ');
  let warning = overruled;
  if (det.guessed) {
    const why = overruled ? '' : input.cpg ? '' : `没有 .cpg${ldidNote ? `，${ldidNote.split(' / ')[0]}` : ''}：`;
    const whyEn = overruled ? '' : `no .cpg${ldidNote ? `, ${ldidNote.split(' / ')[1] ?? ldidNote}` : ''}: `;
    const g = `属性编码不确定，${why}${det.note.split(' / ')[0]}；如文字显示不对，请指定编码${input.advice ? `（${input.advice}）` : ''} / attribute encoding uncertain, ${whyEn}${det.note.split(' / ')[1]}; if names look wrong, give the encoding${input.advice ? ` (${input.advice})` : ''}`;
    warning = warning ? `${warning}; ${g}` : g;
  }
  return { encoding: det.encoding, source: 'detected', detail, ...(warning ? { warning } : {}), ...(det.close ? { alternatives: det.close.map((c) => c.encoding) } : {}) };
}
