/**
 * Zip archive → named files. The central directory is read once (linear in the number of entries: a 20 000-entry
 * zip takes well under a second), and every entry is inflated with fflate's streaming Inflate while counting the
 * bytes that actually come out: the size guard stops at the limit whatever the headers claim (a zip bomb with
 * understated sizes cannot fill memory) and the message says how much really inflated. Entry names without the
 * UTF-8 flag (Windows zips of 中文 names are GBK) are decoded by content; every name shown in a message has its
 * control characters escaped. ZIP64 sizes and offsets are understood; encrypted entries and methods other than
 * stored / deflate are refused by name.
 */
import { Inflate, inflateSync } from 'fflate';
import { detectEncoding } from './encoding';
import { inflateBounded } from './inflateBounded';
import { escapeControl } from './escapeControl';

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

export type UnzipResult = { ok: true; files: NamedBytes[] } | { ok: false; error: string };

const isZip = (b: Uint8Array): boolean => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6);

export { isZip };

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressed: number;
  /** What the central directory claims (not trusted for the guard). */
  claimed: number;
  localOffset: number;
}

/** Decode an entry name: UTF-8 when flagged (or valid UTF-8), else by content (GBK for Chinese Windows zips). */
function decodeName(raw: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag) return new TextDecoder('utf-8').decode(raw);
  let ascii = true;
  for (let i = 0; i < raw.length; i++) if (raw[i] >= 0x80) ascii = false;
  if (ascii) return String.fromCharCode(...raw);
  return new TextDecoder(detectEncoding(raw).encoding).decode(raw);
}

class ZipError extends Error {}

/** The central directory's entries (directories and macOS resource forks left out). */
function readDirectory(b: Uint8Array): Entry[] {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  // End of central directory: the last PK\5\6 within the final 64 KiB + 22 bytes.
  let eocd = -1;
  for (let p = b.length - 22; p >= Math.max(0, b.length - 22 - 0xffff); p--)
    if (b[p] === 0x50 && b[p + 1] === 0x4b && b[p + 2] === 5 && b[p + 3] === 6) {
      eocd = p;
      break;
    }
  if (eocd < 0) throw new ZipError('找不到中央目录（文件不完整？） / no central directory found (incomplete file?)');
  let count = dv.getUint16(eocd + 10, true);
  let cdOffset = dv.getUint32(eocd + 16, true);
  // ZIP64 end-of-central-directory locator just before the EOCD.
  const loc = eocd - 20;
  if (loc >= 0 && dv.getUint32(loc, true) === 0x07064b50) {
    const z64 = Number(dv.getBigUint64(loc + 8, true));
    if (z64 + 56 <= b.length && dv.getUint32(z64, true) === 0x06064b50) {
      count = Number(dv.getBigUint64(z64 + 32, true));
      cdOffset = Number(dv.getBigUint64(z64 + 48, true));
    }
  }
  const entries: Entry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || dv.getUint32(p, true) !== 0x02014b50) throw new ZipError(`中央目录第 ${i + 1} 项损坏 / central directory entry ${i + 1} is damaged`);
    const flags = dv.getUint16(p + 8, true);
    const method = dv.getUint16(p + 10, true);
    let compressed = dv.getUint32(p + 20, true);
    let claimed = dv.getUint32(p + 24, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    let localOffset = dv.getUint32(p + 42, true);
    const nameBytes = b.subarray(p + 46, p + 46 + nameLen);
    // ZIP64 extended information: the fields that are 0xFFFFFFFF, in order.
    for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen; ) {
      const id = dv.getUint16(e, true);
      const size = dv.getUint16(e + 2, true);
      if (id === 1) {
        let q = e + 4;
        if (claimed === 0xffffffff) {
          claimed = Number(dv.getBigUint64(q, true));
          q += 8;
        }
        if (compressed === 0xffffffff) {
          compressed = Number(dv.getBigUint64(q, true));
          q += 8;
        }
        if (localOffset === 0xffffffff) localOffset = Number(dv.getBigUint64(q, true));
      }
      e += 4 + size;
    }
    p += 46 + nameLen + extraLen + commentLen;
    const name = decodeName(nameBytes, (flags & 0x800) !== 0);
    if (name.endsWith('/') || /(^|\/)__MACOSX\//.test(name) || /(^|\/)\._/.test(name)) continue;
    entries.push({ name, method, flags, compressed, claimed, localOffset });
  }
  return entries;
}

const CHUNK = 1 << 16;
/** DEFLATE cannot expand more than 1032:1 (258-byte matches coded in 2 bits); 1100 leaves room for block headers. */
const MAX_DEFLATE_RATIO = 1100;

export function unzip(bytes: Uint8Array, file: string, maxUncompressed: number, onProgress?: (fraction: number) => void): UnzipResult {
  if (bytes.length === 0) return { ok: false, error: `${file}: 空文件（0 字节） / empty file (0 bytes)` };
  if (!isZip(bytes)) return { ok: false, error: `${file}: 不是 zip 文件（文件头不是 PK） / not a zip archive (no PK signature)` };
  const corrupt = (why: string): UnzipResult => {
    const [zh, en] = why.includes(' / ') ? why.split(' / ') : [why, why];
    return { ok: false, error: `${file}: zip 文件损坏，无法解压（${zh}） / corrupt zip archive, cannot extract (${en})` };
  };
  let entries: Entry[];
  try {
    entries = readDirectory(bytes);
  } catch (e) {
    return corrupt(e instanceof Error ? e.message : String(e));
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const claimedTotal = entries.reduce((s, e) => s + e.claimed, 0);
  const packed = entries.reduce((s, e) => s + e.compressed, 0) || 1;
  const files: NamedBytes[] = [];
  let total = 0;
  let done = 0;
  const tooBig = (name: string): UnzipResult => ({
    ok: false,
    error:
      `${file}: 解压到 ${escapeControl(name)} 时已超过上限 ${formatBytes(maxUncompressed)}（已解压 ${formatBytes(total)}，文件头声称共 ${formatBytes(claimedTotal)}），已停止，超出本机可处理的大小 / ` +
      `uncompressed contents exceed the ${formatBytes(maxUncompressed)} limit this machine can hold: stopped at ${escapeControl(name)} after ` +
      `${formatBytes(total)} actually inflated (the headers claimed ${formatBytes(claimedTotal)} in all)`,
  });
  for (const e of entries) {
    const shown = escapeControl(e.name);
    if (e.flags & 1) return { ok: false, error: `${file}: ${shown} 已加密，不支持 / ${shown} is encrypted: not supported` };
    const lh = e.localOffset;
    if (lh + 30 > bytes.length || dv.getUint32(lh, true) !== 0x04034b50) return corrupt(`${shown}: 本地文件头损坏 / ${shown}: damaged local header`);
    const start = lh + 30 + dv.getUint16(lh + 26, true) + dv.getUint16(lh + 28, true);
    const end = start + e.compressed;
    if (end > bytes.length) return corrupt(`${shown}: 数据超出文件末尾 / ${shown}: data runs past the end of the file`);
    const data = bytes.subarray(start, end);
    let out: Uint8Array;
    if (e.method === 0) {
      total += data.length;
      if (total > maxUncompressed) return tooBig(e.name);
      out = data.slice();
    } else if (e.method === 8 && total + data.length * MAX_DEFLATE_RATIO <= maxUncompressed) {
      // Cannot pass the limit even at deflate's greatest expansion: inflate in one call (fast for many small entries).
      try {
        out = inflateSync(data);
      } catch (err) {
        return corrupt(`${shown}: ${err instanceof Error ? err.message : String(err)}`);
      }
      total += out.length;
    } else if (e.method === 8) {
      let r: ReturnType<typeof inflateBounded>;
      try {
        // Small pushes near the limit, so what inflates past it is at most ~1/4 of what is left.
        const step = Math.max(256, Math.min(CHUNK, Math.floor((maxUncompressed - total) / (4 * MAX_DEFLATE_RATIO))));
        r = inflateBounded((ondata) => new Inflate(ondata), data, maxUncompressed - total, step);
      } catch (err) {
        return corrupt(`${shown}: ${err instanceof Error ? err.message : String(err)}`);
      }
      total += r.size;
      if (r.over) return tooBig(e.name);
      out = r.bytes;
    } else {
      return { ok: false, error: `${file}: ${shown} 的压缩方式 ${e.method} 不支持（只支持 stored / deflate） / ${shown} uses compression method ${e.method}: only stored and deflate are supported` };
    }
    files.push({ name: e.name, bytes: out });
    done += e.compressed;
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
