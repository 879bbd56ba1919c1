// The bench's large config: 50 purposes, 500 services, 5,000 storage items.
// Deterministic, so runs compare; texts in two languages like a real site.
const TYPES = [
  'cookie',
  'cookie',
  'cookie',
  'localStorage',
  'sessionStorage',
  'pixel',
  'indexedDB',
];
const RETENTION = ['P1D', 'P7D', 'P1M', 'P6M', 'P13M', 'PT30M', 'session'];

export function largeConfig() {
  const purposes = [];
  for (let p = 0; p < 50; p++) {
    const basis = p === 0 ? 'necessary' : p % 5 === 1 ? 'legitimate-interest' : 'consent';
    const services = [];
    for (let s = 0; s < 10; s++) {
      const id = `svc-${p}-${s}`;
      const storage = [];
      for (let i = 0; i < 10; i++) {
        storage.push({
          name: i % 4 === 0 ? `_${id}_${i}.*` : `${id}_item_${i}`,
          type: TYPES[(p + s + i) % TYPES.length],
          retention: RETENTION[(p * 3 + s + i) % RETENTION.length],
          purpose: {
            en: `Remembers setting ${i} of ${id}.`,
            nl: `Onthoudt instelling ${i} van ${id}.`,
          },
          ...(i % 3 === 0 ? { party: 'third' } : {}),
        });
      }
      services.push({
        id,
        provider: `Provider ${p}.${s} B.V.`,
        privacyPolicy: `https://provider-${p}-${s}.example/privacy`,
        country: s % 2 ? 'US' : 'NL',
        ...(s % 2 ? { safeguard: 'scc' } : {}),
        storage,
      });
    }
    purposes.push({
      id: p === 0 ? 'necessary' : `purpose-${p}`,
      basis,
      name: { en: `Purpose number ${p}`, nl: `Doel nummer ${p}` },
      description: {
        en: `What purpose ${p} is for, in a sentence or two.`,
        nl: `Waarvoor doel ${p} dient.`,
      },
      ...(basis === 'necessary'
        ? { justification: 'Keeps the site working and stores your choice.' }
        : {}),
      services,
    });
  }
  return {
    revision: '2026-11-01',
    controller: { name: 'Grote Winkel B.V.' },
    notice: { url: '/privacy' },
    purposes,
  };
}
