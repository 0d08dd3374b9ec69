import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Relative base: the built site works from any folder of any intranet web server, with no network.
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  server: { port: 5173, host: '127.0.0.1' },
  preview: { port: 4173, host: '127.0.0.1' },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 4000 },
});
