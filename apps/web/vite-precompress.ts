import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

type Options = {
  /** The folder under the output directory holding the files. */
  folder: string;
  /** Which of its files (by name) to compress. */
  match: RegExp;
};

/**
 * Writes .gz and .br beside the built files; the server sends them as they are (no runtime compression).
 * Shared by the app's build (vite.config.ts) and the chat widget's (vite.widget.config.ts).
 */
export function precompress({ folder, match }: Options): Plugin {
  return {
    name: 'caseflow-precompress',
    apply: 'build',
    writeBundle(options) {
      const dir = join(options.dir ?? 'dist', folder);
      for (const name of readdirSync(dir).filter((file) => match.test(file))) {
        const content = readFileSync(join(dir, name));
        writeFileSync(join(dir, `${name}.gz`), gzipSync(content, { level: 9 }));
        writeFileSync(join(dir, `${name}.br`), brotliCompressSync(content));
      }
    },
  };
}
