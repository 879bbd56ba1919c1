// decisionCookie() where a site's server calls it: in node, from the npm
// package's `keuze/core` entry (dist/npm/core.js, built by `npm test`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decisionCookie, readDecisionCookie } from '../../dist/npm/core.js';

const now = new Date('2026-12-01T12:00:00.000Z');
const record = {
  id: '3bc92529-fcf7-4ffb-a411-f69a6b26ab5f',
  decidedAt: '2026-12-01T11:59:00.000Z',
  expiresAt: '2027-06-01T11:59:00.000Z',
  revision: '2026-11-01',
  configHash: '18ac06d30e9fd2',
  method: 'custom',
  layer: 'centre',
  locale: 'nl',
  gpc: false,
  purposes: { necessary: true, analytics: false },
  services: { matomo: false },
};

test('a server in node builds the header the widget reads back', () => {
  const header = decisionCookie(record, { now });
  const [pair, ...attributes] = header.split('; ');
  assert.deepEqual(attributes, ['Max-Age=15724740', 'Path=/', 'SameSite=Lax', 'Secure']);
  assert.ok(!/HttpOnly|Domain/i.test(header), 'neither HttpOnly nor Domain');
  assert.deepEqual(readDecisionCookie(`session=abc; ${pair}`), record);
  // The value is the record as JSON in base64url, as a receiver in another language would write it.
  const value = pair.slice('keuze_decision='.length);
  assert.deepEqual(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')), record);
});

test('a record that is not a decision is refused, naming the cookie', () => {
  assert.throws(() => decisionCookie({ ...record, purposes: 'all' }, { now }), /keuze_decision/);
});
