// WCAG 2 relative luminance and contrast ratio, to pick readable text on the shop's colour.

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

export const isHexColor = (value: string) => HEX_COLOR.test(value);

/** Relative luminance of a #rrggbb colour (WCAG 2.x definition). */
export function relativeLuminance(color: string): number {
  const channel = (offset: number) => {
    const value = Number.parseInt(color.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

export function contrastRatio(first: string, second: string): number {
  const [lighter, darker] = [relativeLuminance(first), relativeLuminance(second)].sort((a, b) => b - a);
  return (lighter! + 0.05) / (darker! + 0.05);
}

/**
 * White or black, whichever contrasts more with `background`. One of the two always reaches at least
 * 4.5:1 (the worst case, a mid grey, still gives about 4.6:1), so text on any shop colour is readable.
 */
export function textColorOn(background: string): '#ffffff' | '#000000' {
  return contrastRatio(background, '#ffffff') >= contrastRatio(background, '#000000') ? '#ffffff' : '#000000';
}
