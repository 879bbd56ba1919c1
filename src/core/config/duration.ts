// ISO 8601 durations (`P6M`, `PT30M`): how long a decision holds, how long
// storage is kept. The validator (check.ts) checks them; judging a stored
// decision (decision.ts) and formatting a period use them without it.
const DURATION =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** Parses an ISO 8601 duration such as `P13M` or `PT30M`; null when it is not one. */
export function parseDuration(value: string): Duration | null {
  const match = DURATION.exec(value);
  if (!match) return null;
  const [years, months, weeks, days, hours, minutes, seconds] = match
    .slice(1)
    .map((part) => Number(part ?? 0));
  return { years, months, weeks, days, hours, minutes, seconds };
}

/** Adds a duration to a date, calendar-aware for years and months (UTC). */
export function addDuration(date: Date, duration: Duration): Date {
  const result = new Date(date.getTime());
  result.setUTCFullYear(
    result.getUTCFullYear() + duration.years,
    result.getUTCMonth() + duration.months,
  );
  const ms =
    ((duration.weeks * 7 + duration.days) * 24 * 3600 +
      duration.hours * 3600 +
      duration.minutes * 60 +
      duration.seconds) *
    1000;
  return new Date(result.getTime() + ms);
}
