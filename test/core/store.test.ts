import { expect, oneEvent } from '@open-wc/testing';
import { ConsentStore, type StoreChangeDetail } from '../../src/core/store.js';
import { MemoryAdapter } from '../../src/core/storage/memory.js';
import type { Config, StoredState } from '../../src/core/types.js';
import { purposesOf, validConfig } from '../helpers/configs.js';

/** A clock the test moves by hand. */
function clock(start = '2026-11-22T10:00:00.000Z') {
  let now = new Date(start);
  return {
    now: () => new Date(now.getTime()),
    set(iso: string) {
      now = new Date(iso);
    },
  };
}

async function storeWith(
  config: Config = validConfig(),
  options: ConstructorParameters<typeof ConsentStore>[1] = {},
) {
  const store = new ConsentStore(config, {
    adapter: new MemoryAdapter(),
    channel: false,
    gpc: false,
    ...options,
  });
  await store.load();
  return store;
}

describe('consent store', () => {
  describe('before any decision', () => {
    it('asks for a decision and grants only necessary and legitimate-interest purposes', async () => {
      const store = await storeWith();
      expect(store.needsDecision).to.equal(true);
      const consent = store.get();
      expect(consent.decided).to.equal(false);
      expect(consent.purposes).to.deep.equal({
        necessary: true,
        functional: true,
        analytics: false,
        marketing: false,
      });
      expect(consent.services).to.deep.equal({
        chat: true,
        matomo: false,
        youtube: false,
        pixel: false,
      });
      expect(store.granted('analytics')).to.equal(false);
    });

    it('never grants an id the config does not know', async () => {
      const store = await storeWith();
      await store.acceptAll();
      expect(store.granted('hotjar')).to.equal(false);
    });
  });

  describe('decisions', () => {
    it('accept all grants every purpose and service and records how and where', async () => {
      const store = await storeWith(validConfig(), { locale: 'nl' });
      const decision = await store.acceptAll('banner');
      expect(store.needsDecision).to.equal(false);
      expect(store.get().purposes).to.deep.equal({
        necessary: true,
        functional: true,
        analytics: true,
        marketing: true,
      });
      expect(decision.method).to.equal('accept-all');
      expect(decision.layer).to.equal('banner');
      expect(decision.locale).to.equal('nl');
      expect(decision.revision).to.equal('2026-11-01');
      expect(decision.configHash).to.equal(store.configHash);
      expect(decision.id).to.match(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(decision.decidedAt).to.match(/Z$/);
      expect(decision.gpc).to.equal(false);
    });

    it('reject all refuses everything but necessary, legitimate interest included', async () => {
      const store = await storeWith();
      const decision = await store.rejectAll('banner');
      expect(decision.method).to.equal('reject-all');
      expect(store.get().purposes).to.deep.equal({
        necessary: true,
        functional: false,
        analytics: false,
        marketing: false,
      });
      expect(store.get().services).to.deep.equal({
        chat: false,
        matomo: false,
        youtube: false,
        pixel: false,
      });
    });

    it('a custom choice sets purposes, and services follow their purpose unless chosen alone', async () => {
      const store = await storeWith();
      const decision = await store.save(
        { analytics: true, marketing: false, youtube: true },
        'centre',
      );
      expect(decision.method).to.equal('custom');
      expect(store.granted('analytics')).to.equal(true);
      expect(store.granted('matomo')).to.equal(true);
      expect(store.granted('marketing')).to.equal(false);
      expect(store.granted('youtube')).to.equal(true);
      expect(store.granted('pixel')).to.equal(false);
    });

    it('cannot switch a necessary purpose off', async () => {
      const store = await storeWith();
      await store.save({ necessary: false });
      expect(store.granted('necessary')).to.equal(true);
    });

    it('records taking consent back as a withdrawal', async () => {
      const store = await storeWith();
      await store.acceptAll();
      const decision = await store.save({ analytics: false }, 'centre');
      expect(decision.method).to.equal('withdraw');
      expect(store.granted('analytics')).to.equal(false);
      expect(store.granted('marketing')).to.equal(true);
    });

    it('records switching off a legitimate-interest purpose as an objection', async () => {
      const store = await storeWith();
      await store.acceptAll();
      const decision = await store.save({ functional: false }, 'centre');
      expect(decision.method).to.equal('objection');
      expect(store.granted('chat')).to.equal(false);
    });

    it('withdraw refuses every consent purpose and keeps legitimate interest as it was', async () => {
      const store = await storeWith();
      await store.acceptAll();
      const decision = await store.withdraw('centre');
      expect(decision.method).to.equal('withdraw');
      expect(store.get().purposes).to.deep.equal({
        necessary: true,
        functional: true,
        analytics: false,
        marketing: false,
      });
    });

    it('keeps earlier decisions in a bounded history for the receipt', async () => {
      const store = await storeWith();
      const first = await store.acceptAll();
      const second = await store.rejectAll();
      const receipt = store.receipt();
      expect(receipt.current!.id).to.equal(second.id);
      expect(receipt.history.map((d) => d.id)).to.deep.equal([first.id]);
      for (let i = 0; i < 30; i++) await store.save({ analytics: i % 2 === 0 });
      expect(store.receipt().history).to.have.length(20);
    });
  });

  describe('events', () => {
    it('fires change with the previous state and the ids that changed', async () => {
      const store = await storeWith();
      const event = oneEvent(store, 'change');
      void store.save({ analytics: true });
      const { detail } = (await event) as CustomEvent<StoreChangeDetail>;
      expect(detail.previous.decided).to.equal(false);
      expect(detail.consent.decided).to.equal(true);
      expect(detail.changed.sort()).to.deep.equal(['analytics', 'matomo']);
      expect(detail.source).to.equal('local');
    });

    it('fires change on a first decision even when nothing flips', async () => {
      const store = await storeWith();
      const event = oneEvent(store, 'change');
      void store.rejectAll();
      const { detail } = (await event) as CustomEvent<StoreChangeDetail>;
      expect(detail.consent.decided).to.equal(true);
    });

    it('resolves whenGranted once the id is granted', async () => {
      const store = await storeWith();
      let resolved = false;
      const waiting = store.whenGranted('youtube').then(() => (resolved = true));
      await store.rejectAll();
      expect(resolved).to.equal(false);
      await store.save({ youtube: true }, 'placeholder');
      await waiting;
      expect(resolved).to.equal(true);
    });

    it('asks the UI to open the cookie centre with the element to return focus to', async () => {
      const store = await storeWith();
      const button = document.createElement('button');
      const event = oneEvent(store, 'open');
      store.requestOpen(button);
      expect(((await event) as CustomEvent).detail.opener).to.equal(button);
    });

    it('returns snapshots that cannot change the store', async () => {
      const store = await storeWith();
      const snapshot = store.get();
      snapshot.purposes.analytics = true;
      expect(store.granted('analytics')).to.equal(false);
    });
  });

  describe('asking again', () => {
    it('keeps a decision on the next visit', async () => {
      const adapter = new MemoryAdapter();
      const first = await storeWith(validConfig(), { adapter });
      await first.acceptAll();
      const next = await storeWith(validConfig(), { adapter });
      expect(next.needsDecision).to.equal(false);
      expect(next.granted('analytics')).to.equal(true);
    });

    it('asks again after six months by default', async () => {
      const adapter = new MemoryAdapter();
      const time = clock('2026-01-10T12:00:00.000Z');
      const first = await storeWith(validConfig(), { adapter, now: time.now });
      const decision = await first.acceptAll();
      expect(decision.expiresAt).to.equal('2026-07-10T12:00:00.000Z');
      time.set('2026-07-10T11:59:59.000Z');
      expect((await storeWith(validConfig(), { adapter, now: time.now })).needsDecision).to.equal(
        false,
      );
      time.set('2026-07-10T12:00:00.000Z');
      const later = await storeWith(validConfig(), { adapter, now: time.now });
      expect(later.needsDecision).to.equal(true);
      expect(later.validity).to.equal('expired');
      expect(later.granted('analytics')).to.equal(false);
    });

    it('honours a shorter expiry set after the decision was taken', async () => {
      const adapter = new MemoryAdapter();
      const time = clock('2026-01-10T12:00:00.000Z');
      await (await storeWith(validConfig(), { adapter, now: time.now })).acceptAll();
      time.set('2026-03-01T12:00:00.000Z');
      const shorter = validConfig((raw) => (raw.expiry = 'P1M'));
      expect((await storeWith(shorter, { adapter, now: time.now })).validity).to.equal('expired');
    });

    it('treats a stored expiry beyond 13 months as expired (a tampered record)', async () => {
      const time = clock();
      const store = await storeWith(validConfig(), { now: time.now });
      const decision = await store.acceptAll();
      const tampered: StoredState = {
        version: 1,
        current: {
          ...decision,
          decidedAt: '2024-01-01T00:00:00.000Z',
          expiresAt: '2030-01-01T00:00:00.000Z',
        },
        history: [],
      };
      const reread = await storeWith(validConfig(), {
        adapter: new MemoryAdapter(tampered),
        now: time.now,
      });
      expect(reread.needsDecision).to.equal(true);
    });

    it('asks again when the policy revision changes', async () => {
      const adapter = new MemoryAdapter();
      await (await storeWith(validConfig(), { adapter })).acceptAll();
      const revised = await storeWith(
        validConfig((raw) => (raw.revision = '2027-01-01')),
        { adapter },
      );
      expect(revised.validity).to.equal('revision');
      expect(revised.needsDecision).to.equal(true);
    });

    it('asks again when a consent-based service is added, but not for a legitimate-interest one', async () => {
      const adapter = new MemoryAdapter();
      await (await storeWith(validConfig(), { adapter })).acceptAll();
      const addLegit = validConfig((raw) =>
        (purposesOf(raw)[1].services as unknown[]).push({ id: 'maps', provider: 'Maps Co' }),
      );
      expect((await storeWith(addLegit, { adapter })).needsDecision).to.equal(false);
      const addConsent = validConfig((raw) =>
        (purposesOf(raw)[2].services as unknown[]).push({ id: 'hotjar', provider: 'Hotjar' }),
      );
      const store = await storeWith(addConsent, { adapter });
      expect(store.validity).to.equal('new-purpose');
    });

    it('asks again when the decision expires while the page is open', async () => {
      const time = clock('2026-01-10T12:00:00.000Z');
      const config = validConfig((raw) => (raw.expiry = 'PT1S'));
      const store = await storeWith(config, { now: time.now });
      await store.acceptAll();
      const event = oneEvent(store, 'change');
      time.set('2026-01-10T12:00:02.000Z');
      const { detail } = (await event) as CustomEvent<StoreChangeDetail>;
      expect(detail.source).to.equal('expiry');
      expect(store.needsDecision).to.equal(true);
      expect(store.granted('analytics')).to.equal(false);
    });

    it('reset forgets the decision, asks again and keeps it in the history', async () => {
      const store = await storeWith();
      const decision = await store.acceptAll();
      await store.reset();
      expect(store.needsDecision).to.equal(true);
      expect(store.granted('analytics')).to.equal(false);
      expect(store.receipt().history[0].id).to.equal(decision.id);
    });
  });

  describe('Global Privacy Control', () => {
    it('objects to legitimate interest by default and is recorded in the decision', async () => {
      const store = await storeWith(validConfig(), { gpc: true });
      expect(store.gpc).to.equal(true);
      expect(store.granted('functional')).to.equal(false);
      const decision = await store.acceptAll();
      expect(decision.gpc).to.equal(true);
    });

    it('keeps sale or sharing purposes refused even on accept all', async () => {
      const store = await storeWith(validConfig(), { gpc: true });
      await store.acceptAll();
      expect(store.granted('analytics')).to.equal(true);
      expect(store.granted('marketing')).to.equal(false);
      expect(store.granted('youtube')).to.equal(false);
    });

    it('reads the browser signal from navigator.globalPrivacyControl unless the config turns it off', async () => {
      Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
      try {
        const store = new ConsentStore(validConfig(), {
          adapter: new MemoryAdapter(),
          channel: false,
        });
        expect(store.gpc).to.equal(true);
        const off = new ConsentStore(
          validConfig((raw) => (raw.gpc = false)),
          { adapter: new MemoryAdapter(), channel: false },
        );
        expect(off.gpc).to.equal(false);
      } finally {
        delete (navigator as unknown as Record<string, unknown>).globalPrivacyControl;
      }
    });
  });

  describe('a corrupt stored record', () => {
    const corrupt: Array<[string, unknown]> = [
      ['a string', 'garbage'],
      ['an unknown version', { version: 7, current: null, history: [] }],
      ['a decision without an id', { version: 1, current: { decidedAt: 'x' }, history: [] }],
      [
        'choices that are not booleans',
        {
          version: 1,
          current: {
            id: 'a',
            decidedAt: '2026-01-01T00:00:00.000Z',
            expiresAt: '2026-06-01T00:00:00.000Z',
            revision: 'r',
            configHash: 'h',
            method: 'accept-all',
            layer: 'api',
            locale: 'en',
            gpc: false,
            purposes: { analytics: 'yes' },
            services: {},
          },
          history: [],
        },
      ],
    ];
    for (const [what, value] of corrupt) {
      it(`counts ${what} as no decision and reports it`, async () => {
        const store = await storeWith(validConfig(), { adapter: new MemoryAdapter(value) });
        expect(store.needsDecision).to.equal(true);
        expect(store.granted('analytics')).to.equal(false);
        expect(store.findings.map((f) => f.code)).to.include('storage-corrupt');
      });
    }

    it('drops corrupt entries from the history but keeps the good ones', async () => {
      const store = await storeWith();
      const decision = await store.acceptAll();
      const state = { version: 1, current: decision, history: [{ nonsense: true }, decision] };
      const reread = await storeWith(validConfig(), { adapter: new MemoryAdapter(state) });
      expect(reread.needsDecision).to.equal(false);
      expect(reread.receipt().history).to.have.length(1);
    });
  });
});
