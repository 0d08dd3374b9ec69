/**
 * GDAL (gdal3.js, WebAssembly) for the CLI: loaded from node_modules on the first GeoPackage / File Geodatabase,
 * then kept for the process. gdal3.js reads its .wasm / .data through paths relative to the working directory,
 * so the package folder is given relative to process.cwd().
 */
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { GDAL_ENV, type GdalLoader, type GdalPort } from '../core/io/gdal/gdalPort';

let loading: Promise<GdalPort> | undefined;

export const loadGdalNode: GdalLoader = () => {
  if (!loading) {
    loading = (async () => {
      const require = createRequire(import.meta.url);
      const main = require.resolve('gdal3.js/node.js');
      // gdal3.js ships CommonJS without types for this entry: its default export is initGdalJs(config)
      const initGdalJs = require(main) as (config: object) => Promise<GdalPort>;
      const dist = join(dirname(main), 'dist', 'package');
      const messages: string[] = [];
      return initGdalJs({
        path: relative(process.cwd(), dist) || '.',
        env: GDAL_ENV,
        logHandler: () => undefined,
        // GDAL's own errors come back through open()/ogrinfo() results; keep stderr quiet
        errorHandler: (m: string) => void messages.push(m),
      });
    })();
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
};
