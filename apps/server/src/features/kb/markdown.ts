import { createRequire } from 'node:module';
import type MarkdownIt from 'markdown-it';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** Where an article may link: the web (http, https), mail, and paths or anchors on this site. */
const SAFE_SCHEME = /^(?:https?:\/\/|mailto:)/i;
const SAFE_IMAGE = /^(?:https:\/\/|\/(?!\/))/i;

// markdown-it is loaded on first use (6 MB that a server with no help articles need not carry);
// synchronously, so the renderers stay plain functions.
const require = createRequire(import.meta.url);
type Renderer = InstanceType<typeof MarkdownIt>;
let renderers: { markdown: Renderer; structure: Renderer } | undefined;

/**
 * Articles are Markdown only: raw HTML in the text is shown as text (`html: false`), so no script,
 * event handler, iframe or style can come through; links and images are limited to the schemes above
 * (no `javascript:`, `data:`, `vbscript:`), and links leaving the site get `rel="nofollow noopener"`.
 */
function loadRenderers() {
  if (renderers) return renderers;
  const Markdown = require('markdown-it') as typeof MarkdownIt;
  const markdown = new Markdown({ html: false, linkify: true, typographer: true });
  markdown.validateLink = (url) => {
    const link = url.trim();
    if (link.startsWith('//')) return false;
    return SCHEME.test(link) ? SAFE_SCHEME.test(link) : true;
  };
  const renderImage = markdown.renderer.rules.image;
  markdown.renderer.rules.image = (tokens, index, options, env, self) => {
    const token = tokens[index];
    const source = String(token?.attrGet('src') ?? '');
    if (!token || !SAFE_IMAGE.test(source)) return markdown.utils.escapeHtml(token?.content ?? '');
    token.attrSet('loading', 'lazy');
    return renderImage ? renderImage(tokens, index, options, env, self) : self.renderToken(tokens, index, options);
  };
  markdown.renderer.rules.link_open = (tokens, index, options, _env, self) => {
    const href = String(tokens[index]?.attrGet('href') ?? '');
    if (/^(?:https?:)?\/\//i.test(href)) tokens[index]?.attrSet('rel', 'nofollow noopener noreferrer');
    return self.renderToken(tokens, index, options);
  };
  // Plain text needs the structure only: no typography or link detection.
  const structure = new Markdown({ html: false, linkify: false, typographer: false });
  renderers = { markdown, structure };
  return renderers;
}

/** An article's body as HTML that is safe to put in a page as it is. */
export function renderMarkdown(body: string): string {
  return loadRenderers().markdown.render(body);
}

/** An article's body as plain text (what search indexes and snippets quote), blocks on their own lines. */
export function markdownToText(body: string): string {
  const lines: string[] = [];
  for (const token of loadRenderers().structure.parse(body, {})) {
    if (token.type === 'inline') {
      const text = (token.children ?? [])
        .map((child) =>
          child.type === 'text' || child.type === 'code_inline' ? child.content : child.type === 'softbreak' ? ' ' : '',
        )
        .join('');
      if (text.trim()) lines.push(text.trim());
    } else if (token.type === 'fence' || token.type === 'code_block') {
      lines.push(token.content.trim());
    }
  }
  return lines.join('\n');
}
