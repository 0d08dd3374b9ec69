/**
 * Messages from the engine are written "中文 / English" (the CLI prints both). The browser shows one language at a
 * time: `oneLanguage` picks the side for the current language and returns the other for a tooltip. Advice meant for
 * the command line ("use --epsg CODE") is rewritten to point at the import dialog's own field.
 */
import type { Lang } from '../../state/store';

const CJK = /[\u3400-\u9fff]/;

/**
 * Split "中文 / English" messages, also those joining several pairs ("甲 / A. 乙 / B": each piece between two " / "
 * ends one language's sentence and starts the other's at its first CJK character) and parenthesised pairs
 * "(无 / none)". Undefined when the message is not bilingual.
 */
export function splitBilingual(msg: string): { zh: string; en: string } | undefined {
  // "(a / b)" inside a sentence: keep each side's word in its own language
  const inner: { zh: string; en: string }[] = [];
  const flat = msg.replace(/\(([^()]*?) \/ ([^()]*?)\)/g, (_m, a: string, b: string) => {
    inner.push(CJK.test(a) ? { zh: a, en: b } : { zh: b, en: a });
    return `\u0000${inner.length - 1}\u0000`;
  });
  const pieces = flat.split(' / ');
  if (pieces.length < 2 || !CJK.test(pieces[0]) || !/[A-Za-z]/.test(pieces[pieces.length - 1])) {
    if (inner.length === 0) return undefined;
  }
  const zh: string[] = [];
  const en: string[] = [];
  if (pieces.length >= 2) {
    zh.push(pieces[0]);
    for (let i = 1; i < pieces.length - 1; i++) {
      const k = pieces[i].search(CJK);
      if (k < 0) {
        en.push(pieces[i]);
        continue;
      }
      // back up over an opening quote or bracket that belongs to the Chinese sentence
      let cut = k;
      while (cut > 0 && /["“「（(]/.test(pieces[i][cut - 1])) cut--;
      en.push(pieces[i].slice(0, cut));
      zh.push(pieces[i].slice(cut));
    }
    en.push(pieces[pieces.length - 1]);
  } else {
    zh.push(flat);
    en.push(flat);
  }
  const put = (s: string, lang: Lang) => s.replace(/\u0000(\d+)\u0000/g, (_m, n: string) => `(${inner[Number(n)][lang]})`);
  return { zh: put(zh.map((x) => x.trim()).join(' '), 'zh'), en: put(en.map((x) => x.trim()).join(' '), 'en') };
}

const CLI_ZH: [RegExp, string][] = [
  [/请用\s*--epsg\s*CODE（或在导入界面选择坐标系）指定/g, '请在导入界面的“坐标系 EPSG”中指定'],
  [/可用\s*--epsg\s*(CODE\s*)?指定/g, '可在导入界面的“坐标系 EPSG”中指定'],
  [/--epsg\s*CODE|--epsg/g, '导入界面的“坐标系 EPSG”'],
  [/--encoding\s*ENC|--encoding/g, '导入界面的“属性编码”'],
  [/可用\s*--densify\s*米数\s*按源投影加密/g, '可在导入界面的“长边加密（米）”中填写米数后“按以上设置重新导入”，按源投影加密'],
];
const CLI_EN: [RegExp, string][] = [
  [/give the coordinate system with --epsg CODE/g, 'choose the coordinate system in the import dialog’s “CRS EPSG code” field'],
  [/with --epsg(?: CODE)?/g, 'in the import dialog’s “CRS EPSG code” field'],
  [/--epsg\s*CODE|--epsg/g, 'the import dialog’s “CRS EPSG code” field'],
  [/--encoding\s*ENC|--encoding/g, 'the import dialog’s “Attribute encoding” field'],
  [/--densify METRES keeps them as drawn/g, 'a length in the import dialog’s “Densify long edges (m)” field, then “Import again with these settings”, keeps them as drawn'],
];

/** Rewrite command-line advice for a browser user. */
export function browserAdvice(text: string, lang: Lang): string {
  let out = text;
  for (const [re, to] of lang === 'zh' ? CLI_ZH : CLI_EN) out = out.replace(re, to);
  return out;
}

/** The message in one language (`text`) and, when it was bilingual, the other (`other`, for a tooltip). */
export function oneLanguage(msg: string, lang: Lang): { text: string; other?: string } {
  const parts = splitBilingual(msg);
  if (!parts) return { text: browserAdvice(msg, lang) };
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  return { text: browserAdvice(parts[lang], lang), other: browserAdvice(parts[other], other) };
}
