import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { firstPaint } from './vite-first-paint';
import { precompress } from './vite-precompress';

export default defineConfig({
  plugins: [
    react(),
    firstPaint({ firstPage: 'src/features/auth/login-page.tsx' }),
    precompress({ folder: 'assets', match: /\.(js|css|svg)$/ }),
  ],
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/socket.io': { target: 'ws://127.0.0.1:3000', ws: true } },
  },
  build: { outDir: 'dist', sourcemap: false, chunkSizeWarningLimit: 800 },
});
