/**
 * GDAL (gdal3.js, WebAssembly) for the engine worker, loaded only when a GeoPackage or File Geodatabase is opened
 * (core/io/readImportAsync.ts calls this loader on sniffing one): the dynamic import makes gdal3.js its own chunk,
 * and its .wasm (≈28 MB) and .data (≈11 MB: PROJ and GDAL support files) are assets Vite copies into the build —
 * served from our own site, no CDN, so it works offline. It runs inside this worker (useWorker: false): the page
 * never blocks on it. Loaded once, then kept.
 */
import { GDAL_ENV, type GdalLoader, type GdalPort } from '../core/io/gdal/gdalPort';

let loading: Promise<GdalPort> | undefined;

export const loadGdalBrowser: GdalLoader = () => {
  if (!loading) {
    loading = (async () => {
      // gdal3.js, evaluated inside a worker, installs its own global `onmessage` (to serve as its own worker):
      // that would swallow this engine worker's requests. Keep ours.
      const g = globalThis as unknown as { onmessage: unknown };
      const ours = g.onmessage;
      const [lib, wasm, data] = await Promise.all([
        import('gdal3.js'),
        import('gdal3.js/dist/package/gdal3WebAssembly.wasm?url'),
        import('gdal3.js/dist/package/gdal3WebAssembly.data?url'),
      ]).finally(() => {
        g.onmessage = ours;
      });
      const gdal = await lib.default({
        paths: { wasm: wasm.default, data: data.default },
        useWorker: false,
        env: GDAL_ENV,
        logHandler: () => undefined,
        errorHandler: () => undefined,
      });
      // gdal3.js's typings omit `Module` (the emscripten FS readGdal.ts writes the input into); it is there
      return gdal as unknown as GdalPort;
    })();
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
};
