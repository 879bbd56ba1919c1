// WCAG 2.x contrast between two sRGB colours, and a hover shade that keeps the text readable.

/** `#rgb` or `#rrggbb` → [r, g, b] 0–255, or undefined. */
export function parseHex(value: string): [number, number, number] | undefined {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!match) return undefined;
  const hex = match[1].length === 3 ? [...match[1]].map((c) => c + c).join('') : match[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

function luminance([r, g, b]: [number, number, number]): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** The contrast ratio (1–21) of two hex colours, or undefined when one is not a hex colour. */
export function contrast(a: string, b: string): number | undefined {
  const x = parseHex(a);
  const y = parseHex(b);
  if (!x || !y) return undefined;
  const [light, dark] = [luminance(x), luminance(y)].sort((p, q) => q - p);
  return (light + 0.05) / (dark + 0.05);
}

/** `colour` moved 15 % away from `text`: darker under light text, lighter under dark text. */
export function hoverShade(colour: string, text: string): string | undefined {
  const base = parseHex(colour);
  const ink = parseHex(text);
  if (!base || !ink) return undefined;
  const target = luminance(ink) > 0.5 ? 0 : 255;
  return `#${base
    .map((c) => Math.round(c + (target - c) * 0.15))
    .map((c) => c.toString(16).padStart(2, '0'))
    .join('')}`;
}
