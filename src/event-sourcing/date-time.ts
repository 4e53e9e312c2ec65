/** Dates as the API and the domain take them: ISO-8601 / RFC 3339 date-times with a time zone. */

// RFC 3339 shape: seconds and fractions optional, a time zone required.
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether year-month-day exists; `Date.parse` would roll 2025-02-30 over to March. */
export const isCalendarDate = (year: number, month: number, day: number): boolean =>
  month >= 1 &&
  month <= 12 &&
  day >= 1 &&
  day <= (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!);

/**
 * An ISO-8601 date-time with a time zone (`Z` or `±hh:mm`) that names a real instant. The calendar check is
 * ours because `Date.parse` rolls 2025-02-30 over to March and accepts hour 24.
 */
export const isIsoDateTimeWithZone = (value: string): boolean => {
  const match = ISO_DATE_TIME.exec(value);
  if (!match) return false;
  // Absent seconds and offsets (`Z`) count as zero.
  const part = (index: number): number => (match[index] === undefined ? 0 : Number(match[index]));
  return (
    isCalendarDate(part(1), part(2), part(3)) &&
    part(4) <= 23 &&
    part(5) <= 59 &&
    part(6) <= 59 &&
    part(7) <= 23 &&
    part(8) <= 59
  );
};

export const DATE_TIME_PROBLEM =
  'must be an ISO-8601 date-time with a time zone, e.g. 2025-10-28T00:05:00+03:00';
