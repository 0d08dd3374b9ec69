/**
 * A gzip-compressed file (`cultivated.geojson.gz`, `parcels.zip.gz`) → the file inside, named without `.gz`.
 * GeoJSON compresses about 7:1 (the 500k county's 222 MB 耕地 layer is 31.6 MB gzipped), so a county served or
 * copied as `.gz` is a seventh of the bytes on the network (docs/large-layers.md "What a county's load waits on").
 *
 * Inflated with fflate's streaming Gunzip in small pushes while counting what really comes out: the size guard stops
 * at the limit whatever the trailer claims (a gzip bomb cannot fill memory), as zip.ts does for archives.
 * A name ending in `.gz` whose bytes are not gzip was already decompressed on the way (an HTTP server that sent it
 * with `Content-Encoding: gzip`, or worker/fetchBytes.ts's streaming fetch): only the name is changed.
 */
import { Gunzip } from 'fflate';
import { inflateBounded } from './inflateBounded';
import { formatBytes } from './zip';

/** gzip's magic number 1f 8b and deflate (8) as the method. */
export const isGzip = (b: Uint8Array): boolean => b.length >= 3 && b[0] === 0x1f && b[1] === 0x8b && b[2] === 8;

/**
 * A file to read through gunzip: gzip bytes or a `.gz` name, but not a tar.gz / .tgz (a tar archive we do not read:
 * unsupportedFormat.ts says so by the name the user gave).
 */
export const isGzipFile = (file: string, bytes: Uint8Array): boolean => (isGzip(bytes) || /\.gz$/i.test(file)) && !/\.(tgz|tar\.gz)$/i.test(file);

/** `a.geojson.gz` → `a.geojson`; other names unchanged. */
export const withoutGz = (name: string): string => name.replace(/\.gz$/i, '');

/** The message for inflated contents over the limit (here and in worker/fetchBytes.ts). */
export function inflatedTooBig(maxBytes: number, size: number): string {
  return (
    `解压后超过上限 ${formatBytes(maxBytes)}（已解压 ${formatBytes(size)} 时停止），超出本机可处理的大小 / ` +
    `decompressed contents exceed the ${formatBytes(maxBytes)} limit this machine can hold (stopped after ${formatBytes(size)})`
  );
}

export type GunzipResult = { ok: true; file: string; bytes: Uint8Array } | { ok: false; error: string };

const CHUNK = 1 << 16;

/**
 * The file inside a gzip file's bytes, or why it cannot be had. Not gzip: the same bytes, the name without `.gz`.
 *
 * @param file - the name shown in messages; `.gz` is dropped from the name returned
 * @param bytes - the file's bytes
 * @param maxBytes - the most the inflated file may hold
 * @example
 * const r = gunzip('耕地.geojson.gz', bytes, 1 << 30);
 * if (r.ok) readImport(r.file, r.bytes); // '耕地.geojson'
 */
export function gunzip(file: string, bytes: Uint8Array, maxBytes: number): GunzipResult {
  if (!isGzip(bytes)) return { ok: true, file: withoutGz(file), bytes };
  let r: ReturnType<typeof inflateBounded>;
  try {
    // a 64 KiB push inflates to at most ~70 MB (deflate's 1032:1), so the guard stops within that of the limit
    r = inflateBounded((ondata) => new Gunzip(ondata), bytes, maxBytes, CHUNK);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, error: `${file}: gzip 文件损坏，无法解压（${why}） / corrupt gzip file, cannot decompress (${why})` };
  }
  if (r.over) return { ok: false, error: `${file}: ${inflatedTooBig(maxBytes, r.size)}` };
  return { ok: true, file: withoutGz(file), bytes: r.bytes };
}
