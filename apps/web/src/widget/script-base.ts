/**
 * The Caseflow server this widget belongs to: the origin its own script was loaded from
 * (`document.currentScript`, read while the script runs), or the first `<script data-caseflow src>`.
 * Null when neither names an http(s) address.
 */
export function widgetBase(current: Element | null, doc: Document): string | null {
  const script =
    current instanceof HTMLScriptElement && current.src
      ? current
      : doc.querySelector<HTMLScriptElement>('script[data-caseflow][src]');
  if (!script?.src) return null;
  try {
    const url = new URL(script.src, doc.baseURI);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}
