// Diagnostics for the site owner: what the page stores that the config does not
// declare, what is stored before the visitor agreed, and config choices that a
// regulator would question. Read-only: nothing here changes the page.
import type { Config, Consent, Finding, StorageType } from '../types.js';
import { cookieNames, ownedItems } from './cleanup.js';
import { matchesName } from './patterns.js';
import { RECORD_RETENTION } from '../choices.js';
import type { PresetHints } from '../config/presets.js';

/** The IndexedDB database Keuze keeps its decision in (storage/indexeddb.ts). */
const OWN_RECORD = 'keuze';

/** Keuze's own keys (its decision fallback, tab sync): never reported. */
const OWN = /^keuze[:\-_.]/i;

let hints: PresetHints | undefined;

/** The catalogue's name → preset map (debug mode loads it), so an undeclared name can be named. */
export function usePresetHints(value: PresetHints | undefined): void {
  hints = value;
}

function presetFor(name: string): string | undefined {
  if (!hints) return undefined;
  for (const [pattern, id] of Object.entries(hints.names)) {
    if (matchesName(pattern, name))
      return `"${name}" looks like ${hints.services[id] ?? id}: add the preset "${id}" (a service { "id": "…", "preset": "${id}" } under the purpose it serves)`;
  }
  return undefined;
}

export interface DiagnoseInput {
  config: Config;
  consent: Consent;
  win?: Window;
}

function storageKeys(get: () => Storage): string[] {
  try {
    const storage = get();
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key !== null) keys.push(key);
    }
    return keys;
  } catch {
    return [];
  }
}

/** The storage present on this page, by type. */
export function presentStorage(win: Window = window): Array<{ type: StorageType; name: string }> {
  return [
    ...cookieNames(win.document).map((name) => ({ type: 'cookie' as const, name })),
    ...storageKeys(() => win.localStorage).map((name) => ({ type: 'localStorage' as const, name })),
    ...storageKeys(() => win.sessionStorage).map((name) => ({
      type: 'sessionStorage' as const,
      name,
    })),
  ];
}

const TYPE_WORD: Record<StorageType, string> = {
  cookie: 'cookie',
  localStorage: 'localStorage key',
  sessionStorage: 'sessionStorage key',
  indexedDB: 'IndexedDB database',
  pixel: 'pixel',
};

export function diagnoseStorage({ config, consent, win = window }: DiagnoseInput): Finding[] {
  const findings: Finding[] = [];
  const rows = ownedItems(config);
  for (const { type, name } of presentStorage(win)) {
    if (OWN.test(name)) continue;
    const owners = rows.filter((row) => row.item.type === type && matchesName(row.item.name, name));
    if (owners.length === 0) {
      const preset = presetFor(name);
      findings.push({
        level: 'warning',
        code: 'undeclared-storage',
        message: preset
          ? `The ${TYPE_WORD[type]} ${preset}, so visitors can see it and it is cleaned up on withdrawal.`
          : `The ${TYPE_WORD[type]} "${name}" is on this page but not declared in the config: add it to the purpose or service that sets it, so visitors can see it and it is cleaned up on withdrawal.`,
      });
      continue;
    }
    // Stored without the agreement of any owner that declares it.
    const allowed = owners.some(
      (row) =>
        row.purpose.basis === 'necessary' ||
        (consent.purposes[row.purpose.id] === true &&
          (!row.service || consent.services[row.service.id] === true)),
    );
    if (!allowed) {
      const row = owners[0];
      const owner = row.service ? `service "${row.service.id}"` : `purpose "${row.purpose.id}"`;
      findings.push({
        level: 'error',
        code: consent.decided ? 'storage-without-consent' : 'storage-before-consent',
        message: consent.decided
          ? `The ${TYPE_WORD[type]} "${name}" of ${owner} is present although the visitor refused it: a script writes it without waiting for consent.`
          : `The ${TYPE_WORD[type]} "${name}" of ${owner} is present before the visitor decided: gate the script that sets it (type="text/plain" data-consent="${row.service?.id ?? row.purpose.id}").`,
        path: pathOf(config, row.purpose.id, row.service?.id),
      });
    }
  }
  return findings;
}

function pathOf(config: Config, purposeId: string, serviceId?: string): string {
  const p = config.purposes.findIndex((purpose) => purpose.id === purposeId);
  if (serviceId === undefined) return `purposes[${p}]`;
  const s = (config.purposes[p].services ?? []).findIndex((service) => service.id === serviceId);
  return `purposes[${p}].services[${s}]`;
}

function isEmptyText(text: unknown): boolean {
  if (typeof text === 'string') return text.trim() === '';
  if (text && typeof text === 'object')
    return Object.values(text).every((value) => isEmptyText(value));
  return true;
}

export function diagnoseConfig(config: Config): Finding[] {
  const findings: Finding[] = [];
  config.purposes.forEach((purpose, p) => {
    if (purpose.basis === 'legitimate-interest') {
      // Each item may say why it is exempt from consent; only the others are reported.
      const items = [
        ...(purpose.storage ?? []),
        ...(purpose.services ?? []).flatMap((service) => service.storage ?? []),
      ].filter((item) => !item.exemption);
      if (items.length > 0) {
        findings.push({
          level: 'warning',
          code: 'legitimate-interest-storage',
          message: `Purpose "${purpose.id}" rests on legitimate interest but stores ${items
            .map((item) => `"${item.name}"`)
            .join(
              ', ',
            )} on the device without saying why that is exempt from consent. Storing or reading on the device needs consent unless strictly necessary (ePrivacy Art. 5(3), Telecommunicatiewet 11.7a, EDPB Guidelines 2/2023): make the purpose "consent", or give each item an exemption { ground, reason } (docs/notice.md).`,
          path: `purposes[${p}]`,
        });
      }
    }
    (purpose.storage ?? []).forEach((item, i) => {
      if (
        item.name === OWN_RECORD &&
        item.type === 'indexedDB' &&
        item.retention !== RECORD_RETENTION
      )
        findings.push({
          level: 'warning',
          code: 'own-record-retention',
          message: `Keuze's own record "${OWN_RECORD}" is declared with ${JSON.stringify(item.retention)}, but Keuze keeps each decision for ${RECORD_RETENTION} after it was taken and then deletes it: declare "${RECORD_RETENTION}".`,
          path: `purposes[${p}].storage[${i}].retention`,
        });
    });
    if (purpose.basis === 'necessary' && isEmptyText(purpose.justification)) {
      findings.push({
        level: 'warning',
        code: 'necessary-without-justification',
        message: `Purpose "${purpose.id}" is marked necessary without a justification: say why it is strictly necessary for the service the visitor asked for.`,
        path: `purposes[${p}].justification`,
      });
    }
  });
  return findings;
}
