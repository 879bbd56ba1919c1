// The third parties the first layer names, as regulators' checklists ask (EDPB
// cookie banner taskforce, CNIL, GBA). Its own module and kept terse: the boot
// bundles it with the banner, and the first layer has a 10 kB budget.
import type { Config } from './types.js';

/**
 * The providers of consent-based purposes' services, in config order, each once,
 * without the controller itself, which is no third party.
 */
export const thirdParties = ({ purposes, controller }: Config): string[] =>
  [
    ...new Set(
      purposes.flatMap(({ basis, services = [] }) =>
        basis === 'consent' ? services.map((service) => service.provider) : [],
      ),
    ),
  ].filter((provider) => provider !== controller?.name);
