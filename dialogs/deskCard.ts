import { ENDONYMS, isLang, type Lang } from '../src/core/language/languages';
import type { Desk, TimeRange } from '../src/core/routing/desks';
import { formatMinutes, hoursOn, openingStatus, relativeDay } from '../src/core/routing/openingHours';
import type { AskedDay } from '../src/core/routing/routingWords';
import type { Translate } from '../src/i18n';
import type { PonteMeta } from '../src/bot/replies';

/** The desk as a person reads it: where, how to get there, who speaks what, whether it is open. */
export function deskCard(desk: Desk, lang: Lang, t: Translate, now: Date, asked?: AskedDay): string {
  const lines = [desk.name, t(lang, 'desk.address', { address: desk.address }), t(lang, 'desk.map', { url: mapsUrl(desk) })];
  if (desk.phone) lines.push(t(lang, 'desk.phone', { phone: desk.phone }));
  lines.push(t(lang, 'desk.languages', { languages: desk.languages.map((code) => (isLang(code) ? ENDONYMS[code] : code)).join(', ') }));
  lines.push(asked ? hoursOnDay(desk, lang, t, asked) : openingLine(desk, lang, t, now));
  if (desk.appointment) lines.push(t(lang, 'desk.appointment'));
  if (desk.sample) lines.push('', t(lang, 'desk.sample'));
  return lines.join('\n');
}

/** "Open on Saturday?": the hours of that day, holidays and closures included. */
export function hoursOnDay(desk: Desk, lang: Lang, t: Translate, asked: AskedDay): string {
  const day = dayName(asked.date, lang);
  const ranges = hoursOn(desk, asked.date, asked.weekday).filter((range) => partOfDay(range, asked.part));
  if (ranges.length === 0) return t(lang, 'desk.closedOn', { name: desk.name, day });
  return t(lang, 'desk.hoursOn', { name: desk.name, day, hours: ranges.map((r) => `${formatMinutes(r.from)}-${formatMinutes(r.to)}`).join(', ') });
}

/** "What are the hours?": the desk's week, day by day. */
export function weekHours(desk: Desk, lang: Lang, t: Translate, now: Date): string {
  const lines = [t(lang, 'desk.week', { name: desk.name })];
  for (let ahead = 0; ahead < 7; ahead++) {
    const day = relativeDay(now, ahead);
    const ranges = desk.hours[day.weekday] ?? [];
    if (ranges.length) lines.push(`${weekdayName(day.date, lang)}: ${ranges.map((r) => `${formatMinutes(r.from)}-${formatMinutes(r.to)}`).join(', ')}`);
  }
  lines.push(openingLine(desk, lang, t, now));
  return lines.join('\n');
}

function weekdayName(date: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

function openingLine(desk: Desk, lang: Lang, t: Translate, now: Date): string {
  const status = openingStatus(desk, now);
  if (status.openNow) return t(lang, 'desk.openNow', { time: formatMinutes(status.closesAt!) });
  if (!status.next) return t(lang, 'desk.noOpening');
  const time = formatMinutes(status.next.from);
  if (status.next.daysAhead === 0) return t(lang, 'desk.opensToday', { time });
  if (status.next.daysAhead === 1) return t(lang, 'desk.opensTomorrow', { time });
  return t(lang, 'desk.opensOn', { day: dayName(status.next.date, lang), time });
}

function partOfDay(range: TimeRange, part: AskedDay['part']): boolean {
  if (part === 'morning') return range.from < 13 * 60;
  if (part === 'afternoon') return range.to > 13 * 60;
  return true;
}

/** "giovedì 26 novembre": a date as people say it, in their language. */
export function dayName(date: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

/** The desk as a reply's metadata names it (`channelData.ponte.desk`). */
export function deskMeta(desk: Desk): NonNullable<PonteMeta['desk']> {
  return { id: desk.id, type: desk.type, province: desk.province, name: desk.name };
}

/** A maps link that opens the phone's maps app at the desk's coordinates. */
export function mapsUrl(desk: Desk): string {
  return `https://www.google.com/maps/search/?api=1&query=${desk.location.lat},${desk.location.lon}`;
}
