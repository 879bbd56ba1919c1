// The third parties the first layer names, as regulators' checklists ask (EDPB
// cookie banner taskforce, CNIL, GBA). Its own module and kept terse: the boot
// bundles it with the banner, and the first layer has a 10 kB budget.
import type { Config } from './types.js';

/**
 * The providers of consent-based purposes' services, in config order, each once,
 * without the controller itself, which is no third party.
 */
export const thirdParties = (config: Config): string[] => [
  ...new Set(
    config.purposes
      .filter((purpose) => purpose.basis === 'consent')
      .flatMap((purpose) => (purpose.services ?? []).map((service) => service.provider))
      .filter((provider) => provider !== config.controller?.name),
  ),
];
