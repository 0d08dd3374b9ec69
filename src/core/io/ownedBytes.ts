/**
 * A file's bytes handed over to the reader, which lets go of them once read (issue 14 item 8). At 500k parcels the
 * 耕地 file is 222 MB: held by the caller's and the import's locals until the import returned, those bytes sat beside
 * everything validation and the layer build allocate, and the renderer's memory never comes down from that peak.
 * `take()` gives the bytes out once and keeps no reference, so after reading only the parsed arrays remain.
 */
export interface OwnedBytes {
  /** The bytes; a second call throws (the first taker owns them). */
  take(): Uint8Array;
  /** Their length (kept after they are taken). */
  readonly length: number;
}

/**
 * Wrap bytes the caller will not touch again.
 *
 * @param bytes - the file's bytes; the caller must keep no other reference for them to be freed after reading
 * @returns a holder whose `take()` hands them over once
 * @example
 * const src = ownedBytes(new Uint8Array(await res.arrayBuffer()));
 * const r = await importLayer('gd.geojson', src, { kind: 'auto' }); // the bytes are garbage once read
 */
export function ownedBytes(bytes: Uint8Array): OwnedBytes {
  let held: Uint8Array | undefined = bytes;
  return {
    length: bytes.length,
    take() {
      const b = held;
      if (b === undefined) throw new Error('ownedBytes: already taken');
      held = undefined;
      return b;
    },
  };
}
