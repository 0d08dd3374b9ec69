/**
 * Reading a large file in chunks with progress and a size guard, before any parsing. The source is structural
 * so a browser File/Blob (slice → arrayBuffer) and a Node file handle both fit without DOM or Node types here.
 */
import { formatBytes } from './zip';

/** Default limit of one import: 1 GiB (a browser tab cannot hold much more once parsed). */
export const DEFAULT_MAX_BYTES = 1 << 30;

/** Anything with a size and ranged reads. A browser File fits via `blobSource`. */
export interface ByteSource {
  name: string;
  size: number;
  read(start: number, end: number): Promise<Uint8Array>;
}

/** The structural part of a browser Blob / File this module needs. */
export interface BlobLike {
  size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

export function blobSource(name: string, blob: BlobLike): ByteSource {
  return { name, size: blob.size, read: async (s, e) => new Uint8Array(await blob.slice(s, e).arrayBuffer()) };
}

/** The message for a file over the limit, or undefined when it fits. */
export function sizeGuard(name: string, size: number, maxBytes: number = DEFAULT_MAX_BYTES): string | undefined {
  if (size <= maxBytes) return undefined;
  return (
    `${name}: 文件 ${formatBytes(size)}，超过上限 ${formatBytes(maxBytes)}，本机无法一次载入；请按乡镇拆分或裁剪后再导入 / ` +
    `file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit this machine can load at once; split it (e.g. by township) or clip it first`
  );
}

export type ChunkedRead = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

/**
 * Read a source in chunks (default 8 MiB), reporting progress as a fraction of bytes read. The size guard is
 * checked before the first read.
 */
export async function readChunked(
  src: ByteSource,
  opts: { maxBytes?: number; chunkSize?: number; onProgress?: (fraction: number) => void } = {},
): Promise<ChunkedRead> {
  const tooBig = sizeGuard(src.name, src.size, opts.maxBytes);
  if (tooBig) return { ok: false, error: tooBig };
  if (src.size === 0) return { ok: false, error: `${src.name}: 空文件（0 字节） / empty file (0 bytes)` };
  const chunk = Math.max(1, opts.chunkSize ?? 8 << 20);
  const out = new Uint8Array(src.size);
  let pos = 0;
  while (pos < src.size) {
    const end = Math.min(src.size, pos + chunk);
    let part: Uint8Array;
    try {
      part = await src.read(pos, end);
    } catch (err) {
      return { ok: false, error: `${src.name}: 读取失败（${err instanceof Error ? err.message : String(err)}） / read failed` };
    }
    if (part.length === 0) return { ok: false, error: `${src.name}: 读取在 ${pos} 字节处提前结束 / read ended early at byte ${pos}` };
    out.set(part.subarray(0, end - pos), pos);
    pos += Math.min(part.length, end - pos);
    opts.onProgress?.(pos / src.size);
  }
  return { ok: true, bytes: out };
}
