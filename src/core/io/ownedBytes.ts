/**
 * A file's bytes handed over to the reader, which lets go of them once read (issue 14 item 8). At 500k parcels the
 * 耕地 file is 222 MB: held by the caller's and the import's locals until the import returned, those bytes sat beside
 * everything validation and the layer build allocate. Being garbage is not enough either: an idle worker runs no
 * full GC for a long time, and in the browser a fetched buffer is only freed by one (measured: the renderer kept the
 * 222 MB and 49 MB files' buffers after the 500k county was ready; docs/large-layers.md). So the reader `release()`s
 * them once read, and the owner's `free` (the worker's: worker/freeBytes.ts) gives their memory back at once.
 */
export interface OwnedBytes {
  /** The bytes, until released. */
  take(): Uint8Array;
  /** Done reading: no reference is kept, and the owner's `free` runs. */
  release(): void;
  /** Their length (kept after release). */
  readonly length: number;
}

/**
 * Wrap bytes the caller will not touch again.
 *
 * @param bytes - the file's bytes; the caller must keep no other reference for them to be freed after reading
 * @param free - gives the memory back now (e.g. detaches the buffer); default: left to the GC
 * @returns a holder whose `take()` hands them out until `release()`
 * @example
 * const src = ownedBytes(new Uint8Array(await res.arrayBuffer()), freeBytes);
 * const r = await importLayer('gd.geojson', src, { kind: 'auto' }); // the bytes are freed once read
 */
export function ownedBytes(bytes: Uint8Array, free?: (bytes: Uint8Array) => void): OwnedBytes {
  let held: Uint8Array | undefined = bytes;
  return {
    length: bytes.length,
    take() {
      if (held === undefined) throw new Error('ownedBytes: already released');
      return held;
    },
    release() {
      const b = held;
      held = undefined;
      if (b !== undefined) free?.(b);
    },
  };
}
