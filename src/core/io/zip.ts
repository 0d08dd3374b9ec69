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

export function unzip(bytes: Uint8Array, file: string, maxUncompressed: number, onProgress?: (fraction: number) => void): UnzipResult {
  if (bytes.length === 0) return { ok: false, error: `${file}: 空文件（0 字节） / empty file (0 bytes)` };
  if (!isZip(bytes)) return { ok: false, error: `${file}: 不是 zip 文件（文件头不是 PK） / not a zip archive (no PK signature)` };
  const corrupt = (err: unknown): UnzipResult => {
    const why = err instanceof Error ? err.message : String(err);
    return { ok: false, error: `${file}: zip 文件损坏，无法解压（${why}） / corrupt zip archive, cannot extract (${why})` };
  };
  // Pass 1: the directory only (nothing inflated): names and sizes, and the size guard.
  const entries: { name: string; size: number; originalSize: number }[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        if (!f.name.endsWith('/') && !/(^|\/)__MACOSX\//.test(f.name) && !/(^|\/)\._/.test(f.name))
          entries.push({ name: f.name, size: f.size, originalSize: f.originalSize });
        return false;
      },
    });
  } catch (err) {
    return corrupt(err);
  }
  const total = entries.reduce((s, e) => s + e.originalSize, 0);
  if (total > maxUncompressed)
    return {
      ok: false,
      error:
        `${file}: 解压后 ${formatBytes(total)}，超过上限 ${formatBytes(maxUncompressed)}，超出本机可处理的大小 / ` +
        `uncompressed contents (${formatBytes(total)}) exceed the ${formatBytes(maxUncompressed)} limit this machine can hold`,
    };
  // Pass 2: inflate one entry at a time, reporting progress by compressed bytes.
  const files: NamedBytes[] = [];
  const packed = entries.reduce((s, e) => s + e.size, 0) || 1;
  let done = 0;
  for (const e of entries) {
    let out: Record<string, Uint8Array>;
    try {
      out = unzipSync(bytes, { filter: (f) => f.name === e.name });
    } catch (err) {
      return corrupt(err);
    }
    const data = out[e.name];
    if (data) files.push({ name: fixName(e.name), bytes: data });
    done += e.size;
    onProgress?.(done / packed);
  }
  return { ok: true, files };
}

export function formatBytes(n: number): string {
  if (n >= 1 << 30) return `${(n / (1 << 30)).toFixed(1)} GB`;
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KB`;
  return `${n} B`;
}
