// The one rule for links taken from a config. Apart from the validator
// (check.ts) because the banner needs it for its privacy-statement link.
/** URLs a visitor may be sent to: http(s), mailto, tel, or relative. Never `javascript:` or `data:`. */
export function isSafeUrl(value: string): boolean {
  const trimmed = value.trim();
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(trimmed);
  // eslint-disable-next-line no-control-regex -- control characters can hide a scheme from a browser's parser
  if (!scheme) return !/[\u0000-\u001f]/.test(trimmed); // relative
  return ['http', 'https', 'mailto', 'tel'].includes(scheme[1].toLowerCase());
}
