// The shape of a decision record, as Keuze's widget sends it (src/core/integrations/log.ts).
// The receiver checks the shape, not the truth: it cannot know what a visitor saw,
// only that the record is well formed. Nothing outside this list is accepted.

const ID = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]*$',
};
// UTC with a Z, as the widget writes it (toISOString); years a database can hold.
const TIME = {
  type: 'string',
  maxLength: 40,
  format: 'date-time',
  pattern: '^(19|20|21)\\d{2}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?Z$',
};
const HASH = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9]+$' };
const FLAGS = {
  type: 'object',
  maxProperties: 5000,
  propertyNames: { minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]*$' },
  additionalProperties: { type: 'boolean' },
};

export const RECORD_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'consentId',
    'decidedAt',
    'expiresAt',
    'revision',
    'configHash',
    'method',
    'layer',
    'locale',
    'gpc',
    'purposes',
    'services',
    'widgetVersion',
    'textsHash',
  ],
  properties: {
    id: ID,
    consentId: ID,
    decidedAt: TIME,
    expiresAt: TIME,
    // Printable text without control characters.
    revision: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      pattern: '^[^\\u0000-\\u001f\\u007f]+$',
    },
    configHash: HASH,
    method: { enum: ['accept-all', 'reject-all', 'custom', 'withdraw', 'objection'] },
    layer: { enum: ['banner', 'centre', 'placeholder', 'api'] },
    locale: { type: 'string', maxLength: 35, pattern: '^[A-Za-z0-9_-]*$' },
    gpc: { type: 'boolean' },
    purposes: FLAGS,
    services: FLAGS,
    widgetVersion: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9.+-]+$' },
    textsHash: HASH,
  },
};

/** The fields, in the order the CSV export writes them. */
export const CSV_FIELDS = [
  'id',
  'consentId',
  'decidedAt',
  'expiresAt',
  'receivedAt',
  'revision',
  'configHash',
  'method',
  'layer',
  'locale',
  'gpc',
  'widgetVersion',
  'textsHash',
  'purposes',
  'services',
];
