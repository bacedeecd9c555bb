/** Markup that is safe to insert as is: built only by `html` (which escapes) or `lines`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

type Interpolation = string | number | SafeHtml | readonly SafeHtml[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);

function render(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * A tagged template for mail and pages: every interpolated string is escaped, in text and in
 * attribute values (always quote attributes); only other `html` results pass through. Limit: it
 * does not make a URL safe in an `href`; links interpolated there are built by the server.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Someone's plain text (a reply) as escaped HTML, its line breaks kept. */
export const lines = (text: string) => new SafeHtml(escapeHtml(text).replace(/\r?\n/g, '<br>\n'));
