// Reading the Open Cookie Database: its CSV, and its free-text retention periods
// as ISO 8601 durations.

/** RFC 4180 CSV (quoted fields may hold commas, quotes and newlines) → objects by header. */
export function parseCsv(text) {
  const records = [];
  let field = '';
  let record = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      field = '';
      if (record.some((value) => value !== '')) records.push(record);
      record = [];
    } else field += c;
  }
  record.push(field);
  if (record.some((value) => value !== '')) records.push(record);
  const [header, ...rows] = records;
  return rows.map((row) => Object.fromEntries(header.map((key, i) => [key, row[i] ?? ''])));
}

const UNITS = {
  second: ['T', 'S'],
  sec: ['T', 'S'],
  secs: ['T', 'S'],
  minute: ['T', 'M'],
  min: ['T', 'M'],
  mins: ['T', 'M'],
  hour: ['T', 'H'],
  day: ['', 'D'],
  week: ['', 'W'],
  month: ['', 'M'],
  year: ['', 'Y'],
};

/**
 * "2 years", "30 minutes after last activity", "30 seconds till 1 year" (the longest
 * counts), "End of session (browser)" → "P2Y", "PT30M", "P1Y", "session". Null for
 * what is no duration ("Unknown", "forever", "Varies", a date).
 */
export function parseRetention(text) {
  const value = text.trim().toLowerCase();
  if (/^(end of )?(session|sessions|seesion)( cookie| \(browser\))?$/.test(value)) return 'session';
  const parts = [...value.matchAll(/(\d+)\s*([a-z]+)/g)]
    .map(([, amount, word]) => {
      const unit = UNITS[word.replace(/s$/, '')] ?? UNITS[word];
      return unit ? { amount: Number(amount), unit } : null;
    })
    .filter(Boolean);
  // Only plain durations, optionally "after last activity" or a range "X till Y".
  if (
    parts.length === 0 ||
    !/^\d+\s*[a-z]+( after last activity| till \d+\s*[a-z]+)?\s*$/.test(value)
  )
    return null;
  const seconds = ({ amount, unit }) =>
    amount *
    { S: 1, M: unit[0] === 'T' ? 60 : 2_629_746, H: 3600, D: 86_400, W: 604_800, Y: 31_556_952 }[
      unit[1]
    ];
  const longest = parts.reduce((a, b) => (seconds(b) > seconds(a) ? b : a));
  if (longest.amount === 0) return null;
  return `P${longest.unit[0]}${longest.amount}${longest.unit[1]}`;
}

/** "Bing / Microsoft" → "bing-microsoft"; ids for presets. */
export function slug(text) {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^(\d)/, 'x-$1');
}
