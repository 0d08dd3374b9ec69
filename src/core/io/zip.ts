/**
 * Zip archive → named files (fflate). Guards the uncompressed size before inflating anything, so a small zip
 * that expands past the memory limit gets a message instead of killing the tab. Entry names written without
 * the UTF-8 flag (Windows zips of 中文 file names are GBK) are re-decoded: valid UTF-8 → UTF-8, else GBK.
 */
import { unzipSync } from 'fflate';
import { detectEncoding } from './encoding';

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

export type UnzipResult = { ok: true; files: NamedBytes[] } | { ok: false; error: string };

/** fflate decodes names without the UTF-8 flag as Latin-1: recover the bytes and decode them properly. */
function fixName(name: string): string {
  // Names fflate decoded as UTF-8 (flag set) contain code points > 0xFF or are ASCII: leave them.
  let latin1 = true;
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) > 0xff) latin1 = false;
  if (!latin1 || !/[\x80-\xff]/.test(name)) return name;
  const bytes = new Uint8Array(name.length);
  for (let i = 0; i < name.length; i++) bytes[i] = name.charCodeAt(i);
  return new TextDecoder(detectEncoding(bytes).encoding).decode(bytes);
}

const isZip = (b: Uint8Array): boolean => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6);

export { isZip };

export function unzip(bytes: Uint8Array, file: string, maxUncompressed: number): UnzipResult {
  if (bytes.length === 0) return { ok: false, error: `${file}: 空文件（0 字节） / empty file (0 bytes)` };
  if (!isZip(bytes)) return { ok: false, error: `${file}: 不是 zip 文件（文件头不是 PK） / not a zip archive (no PK signature)` };
  let total = 0;
  let tooBig: string | undefined;
  let raw: Record<string, Uint8Array>;
  try {
    raw = unzipSync(bytes, {
      filter: (f) => {
        if (f.name.endsWith('/') || /(^|\/)__MACOSX\//.test(f.name) || /(^|\/)\._/.test(f.name)) return false;
        total += f.originalSize;
        if (total > maxUncompressed && tooBig === undefined)
          tooBig =
            `${file}: 解压后超过 ${formatBytes(maxUncompressed)}（至少 ${formatBytes(total)}），超出本机可处理的大小 / ` +
            `uncompressed contents exceed ${formatBytes(maxUncompressed)} (at least ${formatBytes(total)}), more than this machine can hold`;
        return tooBig === undefined;
      },
    });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { ok: false, error: `${file}: zip 文件损坏，无法解压（${why}） / corrupt zip archive, cannot extract (${why})` };
  }
  if (tooBig) return { ok: false, error: tooBig };
  return { ok: true, files: Object.entries(raw).map(([name, b]) => ({ name: fixName(name), bytes: b })) };
}

export function formatBytes(n: number): string {
  if (n >= 1 << 30) return `${(n / (1 << 30)).toFixed(1)} GB`;
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KB`;
  return `${n} B`;
}
