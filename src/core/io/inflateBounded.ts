/**
 * Inflate through one of fflate's streams (Inflate for zip entries, Gunzip for .gz files) in small pushes, keeping
 * what comes out only up to a limit: a bomb whose headers lie stops there, and `size` says how much had really come
 * out. Shared by zip.ts and gunzip.ts. Throws what fflate throws on damaged data (the callers name the file).
 */
export interface Inflater {
  push(chunk: Uint8Array, final?: boolean): void;
}

export interface Inflated {
  /** The output (empty when over the limit). */
  bytes: Uint8Array;
  /** Bytes that came out, counted up to the push that passed the limit. */
  size: number;
  over: boolean;
}

/**
 * @param make - the stream, given its data handler: `(ondata) => new Gunzip(ondata)`
 * @param data - the compressed bytes
 * @param limit - the most the output may hold
 * @param step - bytes per push (a push of n bytes inflates to at most ~1032 n)
 * @example
 * const r = inflateBounded((on) => new Gunzip(on), gz, 1 << 30, 65536);
 */
export function inflateBounded(make: (ondata: (chunk: Uint8Array) => void) => Inflater, data: Uint8Array, limit: number, step: number): Inflated {
  const parts: Uint8Array[] = [];
  let size = 0;
  let over = false;
  const stream = make((chunk) => {
    if (over) return;
    size += chunk.length;
    if (size > limit) over = true;
    else parts.push(chunk);
  });
  for (let p = 0; p < data.length && !over; p += step) stream.push(data.subarray(p, Math.min(data.length, p + step)), p + step >= data.length);
  if (data.length === 0) stream.push(new Uint8Array(0), true);
  if (over) return { bytes: new Uint8Array(0), size, over };
  if (parts.length === 1) return { bytes: parts[0], size, over };
  const bytes = new Uint8Array(size);
  let q = 0;
  for (const part of parts) {
    bytes.set(part, q);
    q += part.length;
  }
  return { bytes, size, over };
}
