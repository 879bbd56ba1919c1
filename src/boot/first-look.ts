// What the first layer may assume about a config before the engine has
// validated it: enough to show the banner. The engine validates everything and
// removes the banner when the config is refused; the first layer itself never
// grants or runs anything, so a config that passes here but fails there still
// fails closed.
import type { Config } from '../core/types.js';
import { isRecord } from '../core/config/check.js';

const BASES = ['necessary', 'consent', 'legitimate-interest'];

/** Whether the banner can be shown from this config while the engine loads. */
export function showableConfig(input: unknown): input is Config {
  return (
    isRecord(input) &&
    typeof input.revision === 'string' &&
    Array.isArray(input.purposes) &&
    input.purposes.length > 0 &&
    input.purposes.every(
      (purpose) =>
        isRecord(purpose) &&
        typeof purpose.id === 'string' &&
        BASES.includes(purpose.basis as string),
    )
  );
}
