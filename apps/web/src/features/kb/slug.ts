const SLUG_CHARS = 80;

/** "Where's my parcel? (EU)" → "wheres-my-parcel-eu": lower-case ASCII words joined by hyphens, at most 80. */
export function slugFromTitle(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > SLUG_CHARS) return slug || word.slice(0, SLUG_CHARS);
    slug = next;
  }
  return slug;
}
