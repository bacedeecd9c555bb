import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { precompress } from './vite-precompress';

/** SPEC §14: everything the widget loads (this one file) stays within 50 KB gzipped. */
const BUDGET_BYTES = 50 * 1024;
const OUTPUT = 'widget.js';

/** Fails the build when the widget outgrows its budget, naming the size either way. */
function sizeBudget(): Plugin {
  return {
    name: 'caseflow-widget-budget',
    apply: 'build',
    writeBundle(options) {
      const gzipped = gzipSync(readFileSync(join(options.dir ?? 'dist', OUTPUT)), { level: 9 }).length;
      const summary = `${OUTPUT}: ${(gzipped / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_BYTES / 1024} KB)`;
      if (gzipped > BUDGET_BYTES) throw new Error(`${summary}: over budget`);
      this.info(summary);
    },
  };
}

/**
 * The chat widget shops embed (SPEC §14): src/widget/main.ts as one self-contained, minified IIFE,
 * dist/widget.js, its CSS inlined (it goes into the widget's shadow root). Runs after the app's build
 * into the same dist/, so it must not empty it.
 */
export default defineConfig({
  publicDir: false,
  // Inline CSS needs no PostCSS (the app's config serves Mantine).
  css: { postcss: { plugins: [] } },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  plugins: [precompress({ folder: '.', match: /^widget\.js$/ }), sizeBudget()],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    copyPublicDir: false,
    sourcemap: false,
    minify: true,
    target: 'es2020',
    lib: {
      entry: 'src/widget/main.ts',
      name: 'CaseflowWidget',
      formats: ['iife'],
      fileName: () => OUTPUT,
    },
  },
});
