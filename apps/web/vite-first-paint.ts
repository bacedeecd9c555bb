import type { Plugin, Rolldown } from 'vite';

type OutputBundle = Rolldown.OutputBundle;
type OutputChunk = Rolldown.OutputChunk;

type Options = {
  /** The page most first visits open (signed out, every visit starts at sign-in), relative to the app's root. */
  firstPage: string;
};

/** The chunk built from `module` and every chunk it imports statically, the entry's own excluded. */
function chunksOf(bundle: OutputBundle, module: string): string[] {
  const chunks = Object.values(bundle).filter((item): item is OutputChunk => item.type === 'chunk');
  const page = chunks.find((chunk) => chunk.facadeModuleId?.endsWith(module));
  if (!page) throw new Error(`first-paint: no chunk is built from ${module}`);
  const entry = new Set(chunks.filter((chunk) => chunk.isEntry).flatMap((chunk) => [chunk.fileName, ...chunk.imports]));
  const found = new Set<string>();
  const visit = (fileName: string) => {
    if (found.has(fileName) || entry.has(fileName)) return;
    found.add(fileName);
    for (const imported of (bundle[fileName] as OutputChunk).imports) visit(imported);
  };
  visit(page.fileName);
  return [...found];
}

/**
 * The first visit's paint (SPEC §7, Lighthouse on /login): the sign-in page's chunks are preloaded beside
 * the entry instead of after it has run, one round trip less before the form shows. A signed-in visit
 * fetches them too (about 15 KB compressed beyond what its own pages share, then cached for a year).
 */
export function firstPaint({ firstPage }: Options): Plugin {
  return {
    name: 'caseflow-first-paint',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        if (!context.bundle) return html;
        const preloads = chunksOf(context.bundle, firstPage)
          .map((fileName) => `<link rel="modulepreload" crossorigin href="/${fileName}">`)
          .join('\n    ');
        return html.replace('</head>', `  ${preloads}\n  </head>`);
      },
    },
  };
}
