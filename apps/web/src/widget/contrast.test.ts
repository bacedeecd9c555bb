import { describe, expect, it } from 'vitest';
import { contrastRatio, textColorOn } from './contrast';

describe('text colour on the shop colour', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#3b5bdb', '#ffffff')).toBeCloseTo(contrastRatio('#ffffff', '#3b5bdb'), 10);
  });

  it('picks white on dark colours and black on light ones', () => {
    expect(textColorOn('#3b5bdb')).toBe('#ffffff');
    expect(textColorOn('#000000')).toBe('#ffffff');
    expect(textColorOn('#ffe066')).toBe('#000000');
    expect(textColorOn('#FFFFFF')).toBe('#000000');
  });

  it('reaches at least 4.5:1 on every colour, mid greys included', () => {
    for (let value = 0; value < 256; value += 3) {
      const channel = value.toString(16).padStart(2, '0');
      for (const color of [
        `#${channel}${channel}${channel}`,
        `#${channel}0080`,
        `#ff${channel}00`,
        `#00${channel}ff`,
      ]) {
        expect(contrastRatio(color, textColorOn(color)), color).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});
