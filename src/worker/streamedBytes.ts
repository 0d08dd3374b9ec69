/**
 * A file arriving in pieces on a MessagePort (the page streams a layer's download: state/slices/downloads.ts), gathered
 * into one buffer; `onBytes` sees each longer prefix as it comes, so the flat GeoJSON scan runs while the rest
 * downloads (core/io/flatGeojson.ts startFlatScan). At 500k parcels the 耕地 file takes ~4 s to arrive and ~2.5 s to
 * scan: one after the other before, side by side now (docs/large-layers.md).
 *
 * The port's messages: `{ chunk }` (an ArrayBuffer, transferred; its first `length` bytes when given), then
 * `{ done: true }` or `{ error }`. A chunk marked `recycle` goes back to the page once copied (`{ recycle }`, transferred):
 * the page reads the next bytes into it, so a download's buffers are the same few (downloads.ts BufferPool).
 */
import { DEFAULT_MAX_BYTES, sizeGuard } from '../core/io/chunks';

export type StreamMessage = { chunk: ArrayBuffer; length?: number; recycle?: true } | { done: true } | { error: string };

/** What the worker sends back on the port: a chunk's buffer, for the page's next bytes. */
export type StreamReply = { recycle: ArrayBuffer };

/** The port's side the receiver needs (a MessagePort; a fake in tests). */
export interface StreamPort {
  onmessage: ((ev: MessageEvent<StreamMessage>) => void) | null;
  close(): void;
  postMessage?(m: StreamReply, transfer: Transferable[]): void;
}

export interface Received {
  /** The file's bytes: a view of `whole` (longer when the size was not known). */
  bytes: Uint8Array;
  /** The buffer they are in, to free once read (worker/freeBytes.ts needs a whole buffer). */
  whole: Uint8Array;
}

/**
 * Gather a streamed file.
 *
 * @param port - where the pieces come; closed when the file is complete or failed
 * @param file - its name, for the size refusal
 * @param opts.size - its length when known (Content-Length) or an estimate: the buffer's size, grown ×1.5 when more
 *   come (without it: from 16 MB)
 * @param opts.maxBytes - refuse a file larger than this (default 1 GiB), with core's message
 * @param opts.onBytes - told every longer prefix (the same buffer until it grows)
 * @param opts.free - frees a piece once copied (the worker's: freeBytes.ts)
 * @returns the bytes, or rejects with the page's message for a failed download
 * @example
 * const { bytes } = await receiveStream(port, 'gd.geojson', { size, onBytes: (b) => scan.feed(b) });
 */
export function receiveStream(port: StreamPort, file: string, opts: { size?: number; maxBytes?: number; onBytes?: (prefix: Uint8Array) => void; free?: (piece: Uint8Array) => void } = {}): Promise<Received> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let n = 0;
  return new Promise<Received>((resolve, reject) => {
    const end = (fn: () => void) => {
      port.onmessage = null;
      port.close();
      fn();
    };
    let buf: Uint8Array;
    try {
      buf = new Uint8Array(Math.min(maxBytes, opts.size !== undefined && opts.size > 0 ? opts.size : 1 << 24));
    } catch (e) {
      // the memory cannot be had (RangeError): closing the port tells nothing to the page, but the load ends
      return end(() => reject(e));
    }
    port.onmessage = (ev) => {
      const m = ev.data;
      try {
        if ('chunk' in m) {
          const c = new Uint8Array(m.chunk, 0, m.length ?? m.chunk.byteLength);
          if (n + c.length > maxBytes) return end(() => reject(new Error(sizeGuard(file, n + c.length, maxBytes))));
          if (n + c.length > buf.length) {
            const grown = new Uint8Array(Math.min(maxBytes, Math.max(n + c.length, Math.ceil(buf.length * 1.5))));
            grown.set(buf.subarray(0, n));
            buf = grown;
          }
          buf.set(c, n);
          n += c.length;
          // copied: the page reads on into it, or its memory is given back now, not at the next full GC (freeBytes.ts)
          if (m.recycle && port.postMessage) port.postMessage({ recycle: m.chunk }, [m.chunk]);
          else opts.free?.(new Uint8Array(m.chunk));
          opts.onBytes?.(buf.subarray(0, n));
        } else if ('done' in m) end(() => resolve({ bytes: buf.subarray(0, n), whole: buf }));
        else end(() => reject(new Error(m.error)));
      } catch (e) {
        // a buffer that cannot grow, or a reader's failure: the load ends with it instead of waiting forever
        end(() => reject(e));
      }
    };
  });
}
