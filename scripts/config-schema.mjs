// Writes dist/keuze.schema.json: the JSON Schema of a Keuze config, generated from
// the config's TypeScript types (src/core/types.ts and the notice's types), so
// editors complete and check a config that names it with "$schema". The
// validator (src/core/config/validate.ts) checks more than a schema can say
// (durations, unique ids, safe URLs); test/build/schema.test.mjs holds the two
// to agreeing wherever the schema speaks.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createGenerator } from 'ts-json-schema-generator';

const schema = createGenerator({
  path: 'src/core/types.ts',
  tsconfig: 'tsconfig.json',
  type: 'Config',
  skipTypeCheck: true,
  additionalProperties: false,
  jsDoc: 'extended',
}).createSchema('Config');

schema.$id = 'https://unpkg.com/keuze/dist/keuze.schema.json';
schema.title = 'Keuze config';
// A config file may name its schema.
schema.definitions.Config.properties.$schema = { type: 'string' };

mkdirSync('dist', { recursive: true });
writeFileSync('dist/keuze.schema.json', `${JSON.stringify(schema, null, 2)}\n`);
