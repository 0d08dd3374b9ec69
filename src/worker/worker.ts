/// <reference lib="webworker" />
/** The engine's Web Worker: a thin shell that routes protocol messages to the handler and posts answers back. */
import { loadGdalBrowser } from './gdalBrowser';
import { createHandler } from './handler';
import { progressThrottle } from './progressThrottle';
import type { RequestMessage, ResponseMessage } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

// cross-origin isolated (COOP + COEP headers: vite.config.ts, server/staticApp.ts): the tile worker reads the
// engine's positions in place, else it gets a copy
const handler = createHandler(undefined, loadGdalBrowser, self.crossOriginIsolated === true);

self.onmessage = async (ev: MessageEvent<RequestMessage>) => {
  const { id, type, payload } = ev.data;
  const transfer: ArrayBuffer[] = [];
  const post = (msg: ResponseMessage, t: Transferable[] = []) => self.postMessage(msg, t);
  try {
    const result = await handler.handle(type, payload, {
      progress: progressThrottle((progress) => post({ id, kind: 'progress', progress })),
      transfer: (buf) => transfer.push(buf),
    });
    post({ id, kind: 'result', result }, transfer);
  } catch (err) {
    post({ id, kind: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
