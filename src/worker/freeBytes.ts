/// <reference lib="webworker" />
/**
 * Give a buffer's memory back now (issue 14 item 8, core/io/ownedBytes.ts): in the browser a fetched ArrayBuffer is
 * held by Blink until a full GC, which an idle worker may not run for a long time — the 500k county's two files
 * (222 + 49 MB) stayed in the renderer after load. Transferring it into a message on a channel that is then closed
 * detaches it (every view becomes empty) and drops the message with its contents at once. Only a view spanning its
 * whole, plain buffer is freed (never a part of a larger buffer); without MessageChannel it is left to the GC.
 */
export function freeBytes(bytes: Uint8Array): boolean {
  const buf = bytes.buffer;
  if (!(buf instanceof ArrayBuffer) || bytes.byteOffset !== 0 || bytes.byteLength !== buf.byteLength || buf.byteLength === 0) return false;
  if (typeof MessageChannel !== 'function') return false;
  const ch = new MessageChannel();
  ch.port1.postMessage(null, [buf]);
  ch.port1.close();
  ch.port2.close();
  return true;
}
