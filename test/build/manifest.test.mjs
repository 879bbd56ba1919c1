// custom-elements.json (written by `npm run build`) describes the five elements
// as they are, and the element reference in docs/api.md says the same.
// Run: npm run build && node --test test/build/manifest.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const elements = new Map(
  manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration) => declaration.tagName)
    .map((declaration) => [declaration.tagName, declaration]),
);

/** docs/api.md's element reference: tag → table heading → first-column names. */
function docsTables() {
  const text = readFileSync('docs/api.md', 'utf8');
  const reference = text.slice(text.indexOf('## Element reference'));
  const tables = new Map();
  for (const section of reference.split(/^### /m).slice(1)) {
    const tag = /^`<([a-z-]+)>`/.exec(section)[1];
    const byHeading = new Map();
    let heading;
    for (const line of section.split('\n')) {
      const cells = /^\|(.*)\|$/
        .exec(line.trim())?.[1]
        .split(/(?<!\\)\|/)
        .map((c) => c.trim());
      if (!cells) {
        heading = undefined;
        continue;
      }
      if (!heading) {
        heading = cells[0];
        byHeading.set(heading, []);
      } else if (!/^-+$/.test(cells[0])) {
        byHeading.get(heading).push(cells[0].replace(/`/g, ''));
      }
    }
    tables.set(tag, byHeading);
  }
  return tables;
}

const documented = docsTables();
const column = (tag, heading) => documented.get(tag)?.get(heading) ?? [];
const sorted = (list) => [...list].sort();

describe('custom-elements.json', () => {
  it('names the five elements with their tag names', () => {
    assert.deepEqual(sorted(elements.keys()), [
      'keuze-banner',
      'keuze-centre',
      'keuze-notice',
      'keuze-placeholder',
      'keuze-reopen',
    ]);
    for (const [tag, element] of elements) {
      assert.ok(element.customElement, `${tag} is not marked as a custom element`);
      assert.ok(element.summary, `${tag} has no summary`);
    }
  });

  it('lists no internal state as an attribute or property', () => {
    for (const [tag, element] of elements) {
      for (const attribute of element.attributes ?? []) {
        assert.match(attribute.name, /^[a-z]+(-[a-z]+)*$/, `${tag}: attribute ${attribute.name}`);
      }
      const internal = (element.members ?? []).filter(
        (member) => member.privacy === 'private' || member.privacy === 'protected',
      );
      assert.deepEqual(
        internal.map((member) => member.name),
        [],
        `${tag} lists internal members`,
      );
    }
    const centre = elements.get('keuze-centre');
    assert.deepEqual(sorted(centre.attributes.map((a) => a.name)), ['open', 'theme']);
  });

  it('gives every event its detail type', () => {
    for (const [tag, element] of elements) {
      for (const event of element.events ?? []) {
        assert.match(event.type?.text ?? '', /^CustomEvent<\{.+\}>$/, `${tag}: ${event.name}`);
      }
    }
    assert.ok(elements.get('keuze-banner').events.some((event) => event.name === 'keuze-show'));
  });

  it('lists the design tokens as custom properties of the shadow-DOM elements', () => {
    for (const tag of ['keuze-banner', 'keuze-centre', 'keuze-reopen', 'keuze-placeholder']) {
      const names = elements.get(tag).cssProperties.map((property) => property.name);
      assert.ok(names.includes('--keuze-color-button'), `${tag} lacks the colour tokens`);
      assert.ok(names.includes('--keuze-font-family'), `${tag} lacks the font token`);
    }
  });

  it('is exported from package.json', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    assert.equal(pkg.customElements, 'custom-elements.json');
    assert.ok(pkg.files.includes('custom-elements.json'));
  });
});

describe('docs/api.md agrees with custom-elements.json', () => {
  it('documents every element', () => {
    assert.deepEqual(sorted(documented.keys()), sorted(elements.keys()));
  });
  for (const [tag, element] of elements) {
    it(`<${tag}>: attributes, properties, events, parts and own custom properties`, () => {
      const attributeFields = new Set((element.attributes ?? []).map((a) => a.fieldName));
      assert.deepEqual(
        sorted(column(tag, 'attribute')),
        sorted((element.attributes ?? []).map((a) => a.name)),
        'attributes',
      );
      assert.deepEqual(
        sorted(column(tag, 'property (no attribute)')),
        sorted(
          (element.members ?? [])
            .filter((member) => member.kind === 'field' && !attributeFields.has(member.name))
            .map((member) => member.name),
        ),
        'properties',
      );
      assert.deepEqual(
        sorted(column(tag, 'event')),
        sorted((element.events ?? []).map((event) => event.name)),
        'events',
      );
      assert.deepEqual(
        sorted(column(tag, 'CSS part')),
        sorted((element.cssParts ?? []).map((part) => part.name)),
        'parts',
      );
      assert.deepEqual(
        sorted(column(tag, 'custom property')),
        sorted(
          (element.cssProperties ?? [])
            .filter((property) => !/Design token/.test(property.description ?? ''))
            .map((property) => property.name),
        ),
        'custom properties',
      );
    });
  }
});
