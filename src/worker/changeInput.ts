/**
 * The 变化 tab's files as bytes for the core use case (core/engine/changeSession.ts): fetch URLs, wrap buffers; and
 * the other way, the vintages' GeoJSON as bytes to transfer.
 */
import type { ChangeFile, ChangeInput, VintageView } from '../core/engine/changeSession';
import type { ChangeRequests, ChangeSource } from './changeProtocol';

const bytesOf = async (s: ChangeSource, fetchBytes: (url: string) => Promise<ArrayBuffer>): Promise<ChangeFile> => ({
  file: s.file,
  bytes: 'url' in s.source ? new Uint8Array(await fetchBytes(s.source.url)) : new Uint8Array(s.source.bytes),
});

export async function changeInputBytes(req: ChangeRequests['changeOverlay']['req'], fetchBytes: (url: string) => Promise<ArrayBuffer>): Promise<ChangeInput> {
  const { region, level, maxPieces, maxParcels } = req;
  const highStandard = req.highStandard && { before: await bytesOf(req.highStandard.before, fetchBytes), after: await bytesOf(req.highStandard.after, fetchBytes) };
  const opts = { region, level, maxPieces, maxParcels, highStandard };
  if ('changes' in req) return { changes: await bytesOf(req.changes, fetchBytes), ...opts };
  return { before: await bytesOf(req.before, fetchBytes), after: await bytesOf(req.after, fetchBytes), ...opts };
}

/** Both vintages' FeatureCollections (or null) as UTF-8 JSON in ArrayBuffers handed to `transfer`. */
export function vintageBytes(v: { before: VintageView; after: VintageView }, transfer: (buf: ArrayBuffer) => void): { before: ArrayBuffer | null; after: ArrayBuffer | null } {
  const bytes = (fc: VintageView['features']) => {
    if (!fc) return null;
    const buf = new TextEncoder().encode(JSON.stringify(fc)).buffer as ArrayBuffer;
    transfer(buf);
    return buf;
  };
  return { before: bytes(v.before.features), after: bytes(v.after.features) };
}
