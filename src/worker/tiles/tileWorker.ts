/// <reference lib="webworker" />
/**
 * The tile worker: holds one tile index per large layer and answers tile requests with transferable MVT buffers.
 * Requests queue and are served one per macrotask, newest first, so cancels from MapLibre (tiles panned away) are
 * seen before the work is done and the tiles for the current view come first.
 */
import { GeojsonVtTileIndex } from './gvtIndex';
import { checkPacked } from './packed';
import type { FromTileWorker, ToTileWorker } from './protocol';
import { ParcelTileIndex } from './tileIndex';

declare const self: DedicatedWorkerGlobalScope;

interface TileSource {
  getTile(z: number, x: number, y: number): ArrayBuffer | null;
  warm?(): void;
  setMask?(mask: Uint8Array | null): void;
}

const layers = new Map<string, TileSource>();
type TileReq = Extract<ToTileWorker, { type: 'tile' }>;
const queue: TileReq[] = [];
let scheduled = false;

function post(msg: FromTileWorker, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

const channel = new MessageChannel();
channel.port1.onmessage = () => {
  scheduled = false;
  const req = queue.pop();
  if (req) {
    const t0 = performance.now();
    try {
      const src = layers.get(req.layerId);
      const data = src ? src.getTile(req.z, req.x, req.y) : null;
      post({ type: 'tile', reqId: req.reqId, data, ms: performance.now() - t0 }, data ? [data] : []);
    } catch (e) {
      post({ type: 'error', reqId: req.reqId, layerId: req.layerId, message: String((e as Error)?.stack ?? e) });
    }
  }
  schedule();
};
function schedule(): void {
  if (scheduled) return;
  if (!queue.length) {
    warmSoon();
    return;
  }
  scheduled = true;
  channel.port2.postMessage(0);
}

/** When no tile is waiting, build the layers' spatial indexes (one per idle turn). */
let warmTimer: ReturnType<typeof setTimeout> | null = null;
const warmed = new WeakSet<TileSource>();
function warmSoon(): void {
  if (warmTimer !== null) return;
  warmTimer = setTimeout(() => {
    warmTimer = null;
    if (queue.length) return; // tiles first; the drain calls warmSoon again when done
    for (const src of layers.values()) {
      if (src.warm && !warmed.has(src)) {
        src.warm();
        warmed.add(src);
        warmSoon();
        return;
      }
    }
  }, 50);
}

self.onmessage = (ev: MessageEvent<ToTileWorker>) => {
  const msg = ev.data;
  switch (msg.type) {
    case 'add': {
      try {
        const problems = checkPacked(msg.packed);
        if (problems.length) throw new Error(`malformed packed layer: ${problems.join('; ')}`);
        const idx =
          msg.cutter === 'geojson-vt' ? new GeojsonVtTileIndex(msg.packed, msg.options) : new ParcelTileIndex(msg.packed, msg.options);
        layers.set(msg.layerId, idx);
        post({ type: 'ready', layerId: msg.layerId, info: idx.info });
        warmSoon();
      } catch (e) {
        post({ type: 'error', layerId: msg.layerId, message: String((e as Error)?.message ?? e) });
      }
      break;
    }
    case 'remove':
      layers.delete(msg.layerId);
      break;
    case 'mask': {
      const src = layers.get(msg.layerId);
      try {
        if (!src?.setMask) throw new Error(`layer ${msg.layerId} cannot be masked`);
        src.setMask(msg.mask);
      } catch (e) {
        post({ type: 'error', layerId: msg.layerId, message: String((e as Error)?.message ?? e) });
      }
      break;
    }
    case 'tile':
      queue.push(msg);
      schedule();
      break;
    case 'cancel': {
      const i = queue.findIndex((r) => r.reqId === msg.reqId);
      if (i >= 0) {
        queue.splice(i, 1);
        post({ type: 'tile', reqId: msg.reqId, data: null, ms: 0 });
      }
      break;
    }
  }
};
