// Turns a scan's raw visits into findings (what was stored or sent, by whom, and
// whether before a decision), and prints them as a table, JSON or a config draft.
import { declaredIn, isOwn, servicesForHost, servicesForName, verdict } from './match.mjs';

/** Seconds from now → an ISO 8601 duration, rounded the way a notice would say it. */
export function durationFrom(seconds) {
  if (seconds <= 0) return 'session';
  const days = seconds / 86_400;
  if (days >= 1) return `P${Math.round(days)}D`;
  if (seconds >= 3600) return `PT${Math.round(seconds / 3600)}H`;
  return `PT${Math.max(1, Math.round(seconds / 60))}M`;
}

function isFirstParty(cookieDomain, siteHost) {
  const domain = cookieDomain.replace(/^\./, '');
  return siteHost === domain || siteHost.endsWith(`.${domain}`);
}

const short = (service) =>
  service && {
    id: service.id,
    name: service.name,
    curated: service.curated,
    purpose: service.purpose,
  };

export function analyze(result, catalogue) {
  const siteHost = new URL(result.origin).host;
  const siteHostname = new URL(result.origin).hostname;
  const config = result.visits.flatMap((v) => [v.before.config, v.after?.config]).find(Boolean);
  const items = new Map();
  const hosts = new Map();
  const now = Date.now() / 1000;

  const note = (when, entry) => {
    const key = `${entry.type}\u0000${entry.name}\u0000${entry.where}`;
    const known = items.get(key) ?? { ...entry, before: false, after: false, pages: new Set() };
    known[when] = true;
    known.pages.add(entry.page);
    items.set(key, known);
  };
  for (const visit of result.visits) {
    for (const [when, seen] of [
      ['before', visit.before],
      ['after', visit.after],
    ]) {
      if (!seen) continue;
      for (const cookie of seen.cookies)
        note(when, {
          type: 'cookie',
          name: cookie.name,
          where: cookie.domain,
          party: isFirstParty(cookie.domain, siteHostname) ? 'first' : 'third',
          httpOnly: cookie.httpOnly,
          observed: cookie.expires > 0 ? durationFrom(cookie.expires - now) : 'session',
          page: visit.url,
        });
      for (const item of seen.storage)
        note(when, {
          type: item.type,
          name: item.name,
          where: item.origin,
          party: item.origin === result.origin ? 'first' : 'third',
          observed: item.type === 'sessionStorage' ? 'session' : undefined,
          page: visit.url,
        });
      for (const host of seen.hosts) {
        if (host === siteHost) continue;
        const known = hosts.get(host) ?? { host, before: false, after: false };
        known[when] = true;
        hosts.set(host, known);
      }
    }
  }

  const findings = [...items.values()]
    .filter((item) => !isOwn(item.type, item.name))
    .map((item) => {
      const services = servicesForName(catalogue, item.name);
      const declared = declaredIn(config, item.type, item.name);
      return {
        type: item.type,
        name: item.name,
        where: item.where,
        party: item.party,
        ...(item.httpOnly ? { httpOnly: true } : {}),
        ...(item.observed ? { observed: item.observed } : {}),
        before: item.before,
        after: item.after,
        pages: item.pages.size,
        service: short(services[0]) ?? null,
        ...(services.length > 1 ? { alsoLike: services.slice(1, 4).map((s) => s.id) } : {}),
        declared: declared ?? null,
        verdict: verdict({ declared, services }),
      };
    })
    .sort((a, b) => Number(b.before) - Number(a.before) || a.name.localeCompare(b.name));

  const requests = [...hosts.values()]
    .map((entry) => {
      const services = servicesForHost(catalogue, entry.host);
      return {
        ...entry,
        service: short(services[0]) ?? null,
        verdict: verdict({ services }),
      };
    })
    .sort((a, b) => a.host.localeCompare(b.host));

  const preconsent = [
    ...findings
      .filter((f) => f.before && f.verdict === 'needs-consent')
      .map((f) => ({
        kind: 'stored',
        type: f.type,
        name: f.name,
        service: f.service?.id ?? f.declared?.service ?? f.declared?.purpose,
      })),
    ...requests
      .filter((r) => r.before && r.verdict === 'needs-consent')
      .map((r) => ({ kind: 'sent', type: 'request', name: r.host, service: r.service?.id })),
  ];
  return {
    start: result.start,
    seconds: result.seconds,
    keuze: result.visits.some((v) => v.before.keuze),
    pages: result.visits.map((v) => ({
      url: v.url,
      ...(v.before.error ? { error: v.before.error } : {}),
      ...(v.after?.error ? { errorAfterAccept: v.after.error } : {}),
    })),
    items: findings,
    requests,
    preconsent,
  };
}

function table(rows, columns) {
  const widths = columns.map(([title, get]) =>
    Math.min(48, Math.max(title.length, ...rows.map((row) => String(get(row)).length))),
  );
  const line = (cells) =>
    cells
      .map((cell, i) => String(cell).slice(0, widths[i]).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [
    line(columns.map(([title]) => title)),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((row) => line(columns.map(([, get]) => get(row)))),
  ].join('\n');
}

const VERDICT = {
  'needs-consent': 'needs consent',
  functional: 'functional: declare it',
  allowed: 'ok',
  unknown: 'undeclared: describe me',
};

export function formatTable(report) {
  const when = (f) =>
    f.before ? (f.after || !report.keuze ? 'before' : 'before only') : 'after accept';
  const who = (f) =>
    f.declared
      ? `${f.declared.service ?? f.declared.purpose} (declared)`
      : f.service
        ? `${f.service.name}${f.service.curated ? '' : ' (uncurated)'}`
        : '?';
  const status = (f) => {
    if (f.before && f.verdict === 'needs-consent') return 'BEFORE CONSENT';
    if (f.declared) return 'declared';
    return VERDICT[f.verdict === 'needs-consent' ? 'allowed' : f.verdict];
  };
  const out = [];
  const failed = report.pages.filter((p) => p.error || p.errorAfterAccept);
  out.push(
    `Scanned ${report.start}: ${report.pages.length} page(s) in ${report.seconds.toFixed(1)} s; Keuze ${report.keuze ? 'found: each page also visited after accept all' : 'not found: pages visited without a decision only'}.`,
  );
  for (const page of failed)
    out.push(`  ! ${page.url}: ${page.error ?? `after accept all: ${page.errorAfterAccept}`}`);
  out.push('', 'Stored on the device');
  out.push(
    report.items.length === 0
      ? '  (nothing)'
      : table(report.items, [
          ['when', when],
          ['type', (f) => f.type],
          ['name', (f) => f.name],
          ['party', (f) => f.party],
          ['kept', (f) => f.observed ?? '-'],
          ['service', who],
          ['purpose', (f) => f.declared?.purpose ?? f.service?.purpose ?? '?'],
          ['status', status],
        ]),
  );
  out.push('', 'Requests to other hosts');
  out.push(
    report.requests.length === 0
      ? '  (none)'
      : table(report.requests, [
          ['host', (r) => r.host],
          ['before', (r) => (r.before ? 'yes' : '-')],
          ['after', (r) => (r.after ? 'yes' : '-')],
          ['service', (r) => r.service?.name ?? '?'],
          [
            'status',
            (r) =>
              r.before && r.verdict === 'needs-consent' ? 'BEFORE CONSENT' : VERDICT[r.verdict],
          ],
        ]),
  );
  out.push(
    '',
    report.preconsent.length === 0
      ? 'Before a decision: nothing that needs consent was stored or sent.'
      : `Before a decision: ${report.preconsent.length} thing(s) that need consent were stored or sent: ${report.preconsent.map((p) => p.name).join(', ')}.`,
  );
  return out.join('\n');
}

const PURPOSES = {
  necessary: { basis: 'necessary' },
  functional: { basis: 'consent' },
  analytics: { basis: 'consent' },
  marketing: { basis: 'consent' },
};

/** A config draft: presets for what the catalogue knows, the rest as "undeclared: describe me". */
export function configDraft(report) {
  const purposes = new Map();
  const purpose = (id, extra = {}) => {
    if (!purposes.has(id))
      purposes.set(id, {
        id,
        ...(PURPOSES[id] ?? { basis: 'consent' }),
        ...extra,
        services: [],
        storage: [],
      });
    return purposes.get(id);
  };
  // Keuze's own decision record is strictly necessary.
  purpose('necessary', { justification: 'Stores your cookie choice.' });
  const services = new Set();
  for (const finding of [...report.items, ...report.requests]) {
    const service = finding.service;
    if (service?.curated && !services.has(service.id)) {
      services.add(service.id);
      purpose(service.purpose).services.push({ id: service.id, preset: service.id });
    }
  }
  for (const item of report.items) {
    if (item.service?.curated) continue;
    if (item.declared) {
      // The site's own declaration, as its config has it.
      const { name, type, retention } = item.declared.item;
      const target = purpose(item.declared.purpose);
      if (!target.storage.some((s) => s.name === name && s.type === type))
        target.storage.push({ name, type, retention });
      continue;
    }
    const target = purpose('undeclared', { name: 'undeclared: describe me' });
    target.storage.push({
      name: item.name,
      type: item.type,
      retention: item.observed ?? 'describe me',
      ...(item.party === 'third' ? { party: 'third' } : {}),
      purpose: item.service
        ? `undeclared: describe me (looks like ${item.service.name}, preset "${item.service.id}")`
        : 'undeclared: describe me',
    });
  }
  const order = ['necessary', 'functional', 'analytics', 'marketing'];
  return {
    revision: new Date().toISOString().slice(0, 10),
    purposes: [...purposes.values()]
      .sort((a, b) => (order.indexOf(a.id) + 1 || 99) - (order.indexOf(b.id) + 1 || 99))
      .map(({ services: s, storage, ...rest }) => ({
        ...rest,
        ...(s.length > 0 ? { services: s } : {}),
        ...(storage.length > 0 ? { storage } : {}),
      })),
  };
}
