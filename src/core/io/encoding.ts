/**
 * Attribute encoding of a Shapefile's .dbf. Decided in this order, and the decision is reported:
 *   1. an explicit option (the user knows better than a wrong .cpg) — `option`
 *   2. the .cpg file (UTF-8, 65001, GBK, 936, CP936, GB2312, GB18030, BIG5 …) — `cpg`
 *   3. the DBF language driver byte (0x4D / 0x7A = GBK, 0x4F / 0x78 = Big5; 0x57 "ANSI" and 0 are ambiguous) — `ldid`
 *   4. detection over the text fields' bytes: all ASCII → ASCII, valid UTF-8 → UTF-8, else GBK — `detected`
 * A .cpg or language byte contradicted by the bytes (e.g. .cpg says UTF-8 but the text is not valid UTF-8) gives
 * a warning and falls back to detection: a wrong label must not produce mojibake.
 */

/** 'format': the format fixes it (GeoPackage, File Geodatabase: Unicode). */
export type EncodingSource = 'option' | 'cpg' | 'ldid' | 'detected' | 'format';

export interface EncodingDecision {
  /** WHATWG encoding label for TextDecoder: 'utf-8', 'gbk', 'gb18030', 'big5', 'windows-1252' … */
  encoding: string;
  source: EncodingSource;
  /** How it was decided, zh / en. */
  detail: string;
  /** Set when a label was overruled by the bytes. */
  warning?: string;
}

/** Normalise a code page name or number (.cpg, option) to a TextDecoder label; undefined if unknown. */
export function normaliseEncoding(name: string): string | undefined {
  const n = name.trim().toLowerCase().replace(/^ansi\s*/, '').replace(/[\s_]/g, '');
  const map: Record<string, string> = {
    'utf-8': 'utf-8', utf8: 'utf-8', '65001': 'utf-8', unicode: 'utf-8',
    gbk: 'gbk', '936': 'gbk', cp936: 'gbk', ms936: 'gbk', gb2312: 'gbk', 'gb-2312': 'gbk', 'windows-936': 'gbk', euccn: 'gbk', 'euc-cn': 'gbk',
    gb18030: 'gb18030', '54936': 'gb18030',
    big5: 'big5', '950': 'big5', cp950: 'big5',
    '1252': 'windows-1252', cp1252: 'windows-1252', 'windows-1252': 'windows-1252', '88591': 'windows-1252', 'iso-8859-1': 'windows-1252', latin1: 'windows-1252',
    ascii: 'utf-8', 'us-ascii': 'utf-8',
  };
  if (map[n]) return map[n];
  try {
    return new TextDecoder(n).encoding;
  } catch {
    return undefined;
  }
}

/** TextDecoder label for a DBF language driver id, and whether it is a definite answer. */
export function ldidEncoding(ldid: number): { encoding?: string; note: string } {
  const hex = `0x${ldid.toString(16).toUpperCase().padStart(2, '0')}`;
  switch (ldid) {
    case 0x4d:
    case 0x7a:
      return { encoding: 'gbk', note: `语言驱动 ${hex} = GBK/CP936` };
    case 0x4f:
    case 0x78:
      return { encoding: 'big5', note: `语言驱动 ${hex} = Big5/CP950` };
    case 0x57:
      return { note: `语言驱动 ${hex} = ANSI（系统代码页，不确定） / language driver ${hex} = ANSI (system code page, ambiguous)` };
    case 0:
      return { note: '无语言驱动标记 / no language driver byte' };
    default:
      return { note: `语言驱动 ${hex}（不用于判断） / language driver ${hex} (not used)` };
  }
}

const isAscii = (b: Uint8Array): boolean => {
  for (let i = 0; i < b.length; i++) if (b[i] >= 0x80) return false;
  return true;
};

/** Whether bytes decode without error in an encoding. */
export function decodesCleanly(bytes: Uint8Array, encoding: string): boolean {
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

/** Detect UTF-8 vs GBK from sample bytes (the text fields' contents). */
export function detectEncoding(sample: Uint8Array): { encoding: string; note: string } {
  if (isAscii(sample)) return { encoding: 'utf-8', note: '文本全为 ASCII / text is plain ASCII' };
  if (decodesCleanly(sample, 'utf-8')) return { encoding: 'utf-8', note: '文本是有效的 UTF-8 / text is valid UTF-8' };
  if (decodesCleanly(sample, 'gbk')) return { encoding: 'gbk', note: '文本不是 UTF-8、是有效的 GBK / text is not UTF-8 but valid GBK' };
  return { encoding: 'gbk', note: '文本既不是有效的 UTF-8 也不是有效的 GBK，按 GBK 解码 / text is neither valid UTF-8 nor GBK; decoded as GBK' };
}

/**
 * Decide the encoding of a .dbf. `sample` is the bytes of its text fields (for detection and for checking a
 * label against the data).
 */
export function decideEncoding(input: { option?: string; cpg?: string; ldid?: number; sample: Uint8Array }): EncodingDecision | { error: string } {
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
  return { encoding: det.encoding, source: 'detected', detail, ...(overruled ? { warning: overruled } : {}) };
}
