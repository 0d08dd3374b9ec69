/// <reference lib="webworker" />
/**
 * Benchmark helper: stands in for the engine worker handing a loaded layer to the main thread, either as a GeoJSON
 * object graph (structured clone) or packed typed arrays (transfer). The same seeded parcels either way.
 */
import { packedTransferables } from '../../../src/worker/tiles/packed';
import { parcelsGeoJSON, parcelsPacked } from './genParcels';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (ev: MessageEvent<{ n: number; mode: 'clone' | 'transfer' }>) => {
  const { n, mode } = ev.data;
  if (mode === 'clone') {
    const fc = parcelsGeoJSON(n, 1);
    const t = performance.timeOrigin + performance.now();
    self.postMessage({ sentAt: t, data: fc });
    self.postMessage({ sendMs: performance.timeOrigin + performance.now() - t });
  } else {
    const p = parcelsPacked(n, 1);
    const t = performance.timeOrigin + performance.now();
    self.postMessage({ sentAt: t, data: p }, packedTransferables(p));
    self.postMessage({ sendMs: performance.timeOrigin + performance.now() - t });
  }
};
