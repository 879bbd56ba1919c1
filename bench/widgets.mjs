// The three widgets the bench compares, each on its own copy of the same shop
// page with the same purposes, services and storage (bench/pages/typical.json),
// and where to find, for each, the parts every journey looks at. Keuze's
// buttons are found by their `data-keuze-action` (the public contract), in the
// element's light DOM or its shadow root: "host >>> inner".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const versionOf = (root, dir) =>
  JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')).version;

export function widgets(root) {
  return [
    {
      id: 'keuze',
      name: 'Keuze',
      version: versionOf(root, '.'),
      page: '/bench/pages/typical.html',
      accept: 'keuze-banner >>> [data-keuze-action="accept-all"]',
      preferences: 'keuze-banner >>> [data-keuze-action="open-centre"]',
      dialog: 'keuze-centre >>> [data-keuze-action="save"]',
      gating: '<script type="text/plain" data-consent="analytics" src>',
    },
    {
      id: 'vanilla-cookieconsent',
      name: 'vanilla-cookieconsent',
      version: versionOf(root, 'node_modules/vanilla-cookieconsent'),
      page: '/bench/pages/vanilla-cookieconsent.html',
      accept: '#cc-main .cm [data-role="all"]',
      preferences: '#cc-main .cm [data-role="show"]',
      dialog: '#cc-main .pm [data-role="save"]',
      gating: '<script type="text/plain" data-category="analytics" src>',
    },
    {
      id: 'klaro',
      name: 'Klaro',
      version: versionOf(root, 'node_modules/klaro'),
      page: '/bench/pages/klaro.html',
      accept: '.klaro .cookie-notice .cm-btn-success',
      preferences: '.klaro .cookie-notice .cn-learn-more',
      dialog: '.klaro .cookie-modal .cm-btn-accept',
      gating: '<script type="text/plain" data-name="matomo" data-src>',
    },
  ];
}

/** URL prefix → directory the bench server serves: Keuze's whole build and the peers' published files. */
export function mounts(root, dist) {
  return {
    '/dist/': dist,
    '/locales/': join(root, 'locales'),
    '/bench/pages/': join(root, 'bench/pages'),
    '/peers/vanilla-cookieconsent/': join(root, 'node_modules/vanilla-cookieconsent/dist'),
    '/peers/klaro/': join(root, 'node_modules/klaro/dist'),
  };
}
