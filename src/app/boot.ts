/**
 * The page's entry (index.html): a small script that starts the engine worker, and when the manifest the app will
 * open begins with a layer pack, has the worker download and import that layer at once (`prefetch`,
 * worker/earlyLoad.ts) — then loads the app (main.tsx, its own chunk). The app's bundle takes ~0.5–1 s to arrive and run; the worker started
 * only after it, and the first layer's download after the store had read the manifest (issue 14 item 8).
 * client.ts takes this worker.
 *
 * Best effort: anything that fails here is left to the app, which asks again and reports it.
 */
import { firstLayerOf, firstLayerPack, manifestToOpen } from './bootPrefetch';

const worker = new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module', name: 'farmland-engine' });
(globalThis as { farmlandEngine?: Worker }).farmlandEngine = worker;

const manifestUrl = manifestToOpen(window.location.search, document.baseURI);
if (manifestUrl)
  fetch(manifestUrl)
    .then((res) => (res.ok ? res.json() : undefined))
    .then((m: unknown) => {
      const url = firstLayerPack(m, manifestUrl);
      const layer = firstLayerOf(m);
      // (id 0: no request of the app's client has it, so the answer is dropped)
      if (url) worker.postMessage({ id: 0, type: 'prefetch', payload: { url, ...(layer ? { layer } : {}) } });
    })
    .catch(() => undefined);

void import('./main');
