// Dates as asset registers write them. CMMS exports disagree on the order of day and month, so the
// separator decides, never a guess from the numbers: a file that mixes "03/04/2025" and
// "13/04/2025" must not silently mean two different conventions.
//   2025-03-04, 2025-03-04T10:00:00Z, 2025/03/04  ISO (year first)
//   03/04/2025                                    US: month/day/year (slashes)
//   04.03.2025                                    EU: day.month.year (dots)
// A two-digit year, a month name or a spreadsheet serial number is refused with a clear message.

const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const EU_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

export const ACCEPTED_DATE_FORMS = "YYYY-MM-DD (ISO), MM/DD/YYYY (US) or DD.MM.YYYY (EU)";

function utcDay(year: number, month: number, day: number): Date | null {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 31 February into March: a day the calendar does not have is refused.
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

/** One register date → midnight UTC of that day (or the instant, for an ISO date-time); null if not a date. */
export function parseRegisterDate(text: string): Date | null {
  const s = text.trim();
  let m = ISO_DATE.exec(s);
  if (m) return utcDay(Number(m[1]), Number(m[2]), Number(m[3]));
  if (ISO_DATETIME.test(s)) {
    const date = new Date(s.replace(" ", "T"));
    return Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1900 || date.getUTCFullYear() > 2200 ? null : date;
  }
  m = US_DATE.exec(s);
  if (m) return utcDay(Number(m[3]), Number(m[1]), Number(m[2]));
  m = EU_DATE.exec(s);
  if (m) return utcDay(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}
