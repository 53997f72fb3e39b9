// Maintenance windows (issue 17): a ward gives its window in local wall-clock time ("Sunday
// 01:30 to 04:00, Berlin time"), the database keeps UTC instants, and the pages show it back in
// the ward's zone. Daylight saving makes that non-trivial: a spring-forward gap has local times
// that never happen (refused, naming the gap) and a fall-back hour happens twice (the first one is
// meant: a window planned for "02:30" on that night starts at the first 02:30). Lengths are real
// elapsed time, not wall-clock differences. Pure (luxon reads the zone rules Node ships).
import { DateTime, IANAZone } from "luxon";

export type LocalWindow = { start: string; end: string; timeZone: string };
export type WindowResult = { ok: true; start: Date; end: Date } | { ok: false; field: "start" | "end" | "timeZone"; message: string };
export type CalendarDay = { day: string; inMonth: boolean; planIds: string[] };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const MAX_WINDOW_DAYS = 14;
export const MAX_DAYS_AHEAD = 365;
const LOCAL_FORMAT = "yyyy-MM-dd'T'HH:mm";
const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

export function isTimeZone(name: string): boolean {
  return name.length > 0 && name.length <= 64 && IANAZone.isValidZone(name);
}

/** The wall-clock reading of an instant in a zone, as <input type=datetime-local> wants it. */
export function localInput(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat(LOCAL_FORMAT);
}

// en-GB names most European zones (CEST, BST), en-US the American ones (EDT); elsewhere the offset.
const offsetOnly = /^GMT[+-]/;
function zoneAbbreviation(at: DateTime): string {
  const british = at.setLocale("en-GB").toFormat("ZZZZ");
  if (!offsetOnly.test(british)) return british;
  const american = at.setLocale("en-US").toFormat("ZZZZ");
  return offsetOnly.test(american) ? british : american;
}

/** "Sun 29 Mar 2026, 03:30 CEST" */
export function formatInZone(at: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(at, { zone: timeZone }).setLocale("en-GB");
  return `${local.toFormat("ccc d LLL yyyy, HH:mm")} ${zoneAbbreviation(local)}`;
}

/** "4 h 30 min", "2 days 1 h": the real time between the instants, whatever the clocks did. */
export function windowLength(start: Date, end: Date): string {
  const minutes = Math.max(0, Math.round((end.getTime() - start.getTime()) / MINUTE));
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const rest = minutes % 60;
  const parts = [days ? `${days} ${days === 1 ? "day" : "days"}` : "", hours ? `${hours} h` : "", rest ? `${rest} min` : ""].filter(Boolean);
  return parts.length ? parts.join(" ") : "0 min";
}

type Wall = { text: string; asUtc: number };

/** The wall-clock reading as if it were UTC (its digits as an instant), or null when it is no date. */
function readWall(text: string): Wall | null {
  const m = LOCAL_INPUT.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // Date.UTC rolls 2026-02-30 over to March; a rolled-over date is not the one typed.
  return new Date(asUtc).toISOString().slice(0, 16) === text ? { text, asUtc } : null;
}

/**
 * Every instant whose reading in the zone is the wall time, earliest first: none in a gap, two
 * in a repeated hour. The candidates are the zone's offsets on either side of the reading (a day
 * apart covers any transition near it).
 */
function instantsOf(wall: Wall, zone: IANAZone): number[] {
  const offsets = new Set([-DAY, 0, DAY].map((shift) => zone.offset(wall.asUtc + shift)));
  const instants = [...offsets].map((offset) => wall.asUtc - offset * MINUTE);
  return instants.filter((t) => DateTime.fromMillis(t, { zone }).toFormat(LOCAL_FORMAT) === wall.text).sort((a, b) => a - b);
}

/** "02:00 to 03:00": the local times the clocks skip on the night of the wall time. */
function gapAround(wall: Wall, zone: IANAZone): string {
  // The offset jumps between a day before and a day after; find the jump to the minute.
  let before = wall.asUtc - DAY, after = wall.asUtc + DAY;
  const offsetBefore = zone.offset(before);
  while (after - before > MINUTE) {
    const mid = before + Math.floor((after - before) / 2 / MINUTE) * MINUTE;
    if (zone.offset(mid) === offsetBefore) before = mid;
    else after = mid;
  }
  const clock = (t: number, offset: number) => new Date(t + offset * MINUTE).toISOString().slice(11, 16);
  return `${clock(after, offsetBefore)} to ${clock(after, zone.offset(after))}`;
}

function toInstant(text: string, zone: IANAZone, field: "start" | "end"): { ok: true; at: Date } | { ok: false; field: "start" | "end"; message: string } {
  const wall = readWall(text);
  if (!wall) return { ok: false, field, message: `The window's ${field} is not a date and time (YYYY-MM-DDTHH:MM).` };
  const [first] = instantsOf(wall, zone);
  if (first === undefined) {
    const [date, time] = text.split("T");
    return { ok: false, field, message: `${time} on ${date} does not exist in ${zone.name}: the clocks go forward from ${gapAround(wall, zone)} that night. Choose a time outside the gap.` };
  }
  return { ok: true, at: new Date(first) };
}

/** The window as UTC instants, or the first rule it breaks, naming the field to correct. */
export function windowInstants(w: LocalWindow, now: Date): WindowResult {
  if (!isTimeZone(w.timeZone)) return { ok: false, field: "timeZone", message: `"${w.timeZone.slice(0, 64)}" is not a time zone (use a name such as Europe/Berlin).` };
  const zone = IANAZone.create(w.timeZone);
  const start = toInstant(w.start, zone, "start");
  if (!start.ok) return start;
  const end = toInstant(w.end, zone, "end");
  if (!end.ok) return end;
  const length = end.at.getTime() - start.at.getTime();
  if (length <= 0) return { ok: false, field: "end", message: "The window must end after it starts." };
  if (length > MAX_WINDOW_DAYS * DAY) return { ok: false, field: "end", message: `The window is ${windowLength(start.at, end.at)} long: at most ${MAX_WINDOW_DAYS} days.` };
  if (start.at.getTime() - now.getTime() > MAX_DAYS_AHEAD * DAY) return { ok: false, field: "start", message: `The window starts more than ${MAX_DAYS_AHEAD} days ahead: plan it closer to the date.` };
  return { ok: true, start: start.at, end: end.at };
}

/**
 * The month as a calendar in the zone: weeks Monday to Sunday, the days before and after the
 * month included to fill them, each day with the windows that overlap it (local midnight to
 * midnight, however long that day is).
 */
export function calendarMonth(month: string, windows: { id: string; start: Date; end: Date }[], timeZone: string): CalendarDay[][] {
  const first = DateTime.fromFormat(month, "yyyy-MM", { zone: timeZone });
  if (!first.isValid) throw new Error(`Not a month: ${month}`);
  let day = first.startOf("week"); // luxon's weeks are ISO weeks: they start on Monday
  const last = first.endOf("month").endOf("week");
  const weeks: CalendarDay[][] = [];
  while (day <= last) {
    const week: CalendarDay[] = [];
    for (let i = 0; i < 7; i++, day = day.plus({ days: 1 })) {
      const from = day.toMillis(), to = day.plus({ days: 1 }).toMillis();
      const planIds = windows.filter((w) => w.start.getTime() < to && w.end.getTime() > from).map((w) => w.id);
      week.push({ day: day.toFormat("yyyy-MM-dd"), inMonth: day.month === first.month, planIds });
    }
    weeks.push(week);
  }
  return weeks;
}
