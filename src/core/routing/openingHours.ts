import Holidays from 'date-holidays';
import { WEEKDAYS, type Desk, type TimeRange, type Weekday } from './desks';

const TIME_ZONE = 'Europe/Rome';
const LOOK_AHEAD_DAYS = 21;

/** A moment in Rome's local time: the desks' hours are written in it. */
export interface RomeTime {
  date: string; // YYYY-MM-DD
  weekday: Weekday;
  minutes: number; // from midnight
}

export interface OpeningStatus {
  openNow: boolean;
  /** While open: when it closes today (minutes from midnight). */
  closesAt?: number;
  /** When closed: the next opening, up to three weeks ahead. */
  next?: { date: string; weekday: Weekday; from: number; daysAhead: number };
}

const romeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  weekday: 'short',
  hourCycle: 'h23',
});

export function toRomeTime(instant: Date): RomeTime {
  const parts = Object.fromEntries(romeFormat.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: parts.weekday.toLowerCase().slice(0, 3) as Weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

const italy = new Holidays('IT');

/** Italian national public holidays (4 October included from 2026); local patron days are desk closures. */
export function isPublicHoliday(date: string): boolean {
  const found = italy.isHoliday(new Date(`${date}T12:00:00Z`));
  return Array.isArray(found) && found.some((h) => h.type === 'public');
}

function addDays(date: string, days: number): { date: string; weekday: Weekday } {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return { date: d.toISOString().slice(0, 10), weekday: WEEKDAYS[d.getUTCDay()] };
}

/** The desk's hours on one date: none on a public holiday or one of its closures. */
export function hoursOn(desk: Desk, date: string, weekday: Weekday): TimeRange[] {
  if (desk.closures.includes(date) || isPublicHoliday(date)) return [];
  return desk.hours[weekday] ?? [];
}

/**
 * Is the desk open at `instant`, and if not, when does it next open? Public holidays and the desk's
 * closures are taken into account.
 *
 * @example openingStatus(desk, new Date('2026-12-24T10:00:00+01:00')) // { openNow: false, next: { date: '2026-12-28', ... } }
 */
export function openingStatus(desk: Desk, instant: Date): OpeningStatus {
  const now = toRomeTime(instant);
  const today = hoursOn(desk, now.date, now.weekday);
  const current = today.find((r) => r.from <= now.minutes && now.minutes < r.to);
  if (current) return { openNow: true, closesAt: current.to };
  const laterToday = today.find((r) => r.from > now.minutes);
  if (laterToday) return { openNow: false, next: { date: now.date, weekday: now.weekday, from: laterToday.from, daysAhead: 0 } };
  for (let ahead = 1; ahead <= LOOK_AHEAD_DAYS; ahead++) {
    const day = addDays(now.date, ahead);
    const [first] = hoursOn(desk, day.date, day.weekday);
    if (first) return { openNow: false, next: { ...day, from: first.from, daysAhead: ahead } };
  }
  return { openNow: false };
}

/** The date of the next `weekday` from `instant` (today counts), for "are you open on Saturday?". */
export function nextDateOf(weekday: Weekday, instant: Date): { date: string; weekday: Weekday } {
  const now = toRomeTime(instant);
  for (let ahead = 0; ahead < 7; ahead++) {
    const day = addDays(now.date, ahead);
    if (day.weekday === weekday) return day;
  }
  return { date: now.date, weekday: now.weekday };
}

export function relativeDay(instant: Date, daysAhead: number): { date: string; weekday: Weekday } {
  return addDays(toRomeTime(instant).date, daysAhead);
}

export function formatMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
