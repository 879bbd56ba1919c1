// Storage names in the config are exact names or patterns where `*` matches any
// run of characters (`_ga*`, `_pk_id.*`). One matcher serves the clean-up, the
// diagnostics and the cookie centre, so they never disagree about a name.

const cache = new Map<string, RegExp>();

/** True when the name contains a `*` wildcard. */
export function isPattern(name: string): boolean {
  return name.includes('*');
}

/** The anchored RegExp for a storage name; every other character is literal. */
export function patternToRegExp(name: string): RegExp {
  let pattern = cache.get(name);
  if (!pattern) {
    const source = name
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\/-]/g, '\\$&'))
      .join('.*');
    pattern = new RegExp(`^${source}$`);
    cache.set(name, pattern);
  }
  return pattern;
}

/** Does a concrete name (a cookie, a storage key) match a declared name or pattern? */
export function matchesName(declared: string, actual: string): boolean {
  return isPattern(declared) ? patternToRegExp(declared).test(actual) : declared === actual;
}
