import { cpSync, createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = import.meta.dirname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const TYPES: Record<string, string> = { '.json': 'application/json', '.geojson': 'application/geo+json', '.csv': 'text/csv', '.fpk': 'application/octet-stream' };

/**
 * The demo data without a network: in dev `/data/*` is served from ./data; at build ./data/demo is copied into
 * dist/data/demo, so the built site (base './') finds `data/demo/manifest.json` beside its index.html.
 */
function demoData(): Plugin {
  let outDir = join(root, 'dist');
  return {
    name: 'farmland-demo-data',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0];
        if (!url.startsWith('/data/')) return next();
        const file = normalize(join(root, decodeURIComponent(url)));
        if (!file.startsWith(join(root, 'data')) || !existsSync(file) || !statSync(file).isFile()) return next();
        res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
        res.end(readFileSync(file));
      });
    },
    // A layer pack (.fpk, src/core/io/flatPack.ts) as the bytes they are. vite preview gives a file type it does not
    // know an empty Content-Type, which its compression then gzips on the fly: the 500k county's 36 MB pack took
    // 1.4 s to send instead of 0.06 s. (Any other web server sends it as application/octet-stream, uncompressed;
    // a county is best served as .fpk.gz made once, which the app inflates as it reads.)
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0];
        if (!/\.fpk$/i.test(url)) return next();
        let file: string;
        try {
          file = normalize(join(outDir, decodeURIComponent(url)));
        } catch {
          return next();
        }
        if (!file.startsWith(outDir + sep) || !existsSync(file) || !statSync(file).isFile()) return next();
        res.setHeader('Content-Type', 'application/octet-stream');
        res.setHeader('Content-Length', statSync(file).size);
        createReadStream(file).pipe(res);
      });
    },
    closeBundle() {
      const from = join(root, 'data', 'demo');
      if (existsSync(from)) cpSync(from, join(outDir, 'data', 'demo'), { recursive: true });
    },
  };
}

/**
 * Cross-origin isolation: with these two headers the page may share memory between its workers
 * (SharedArrayBuffer), and the map's tile worker reads the engine's positions instead of a copy of them
 * (src/worker/tiles/packed.ts). Without them (another web server) the app works the same, with the copy.
 */
const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

// Relative base: the built site works from any folder of any intranet web server, with no network.
export default defineConfig({
  base: './',
  plugins: [react(), demoData()],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  worker: { format: 'es' },
  server: { port: 5173, host: '127.0.0.1', headers: ISOLATION_HEADERS },
  preview: { port: 4173, host: '127.0.0.1', headers: ISOLATION_HEADERS },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 4000 },
});
