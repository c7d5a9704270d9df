import { describe, expect, it } from 'vitest';
import { BLOCK_EDITORS } from './block-editors';

/** WCAG 2 contrast ratio between two sRGB colours given as #rrggbb. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16) / 255);
    const linear = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

describe('block header colours', () => {
  it.each(Object.entries(BLOCK_EDITORS))('%s: white 12 px titles reach 4.5:1', (_type, editor) => {
    expect(contrast('#ffffff', editor.accent)).toBeGreaterThanOrEqual(4.5);
  });
});
