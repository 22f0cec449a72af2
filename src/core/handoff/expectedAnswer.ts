import type { Desk } from '../routing/desks';
import { formatMinutes, openingStatus } from '../routing/openingHours';

/** Roughly when a person can expect an answer, from the desk's opening hours. */
export type ExpectedAnswer =
  | { when: 'now' }
  | { when: 'today' | 'tomorrow'; time: string }
  | { when: 'later'; date: string; time: string }
  | { when: 'unknown' };

/**
 * "Now" while the desk is open; otherwise its next opening ("tomorrow from 9:00"), public holidays and
 * the desk's closures included. Without a desk, or with no opening in three weeks, nobody can promise.
 *
 * @example expectedAnswer(bergamoDesk, new Date('2026-11-28T15:00:00+01:00')) // { when: 'later', date: '2026-11-30', time: '09:00' }
 */
export function expectedAnswer(desk: Desk | undefined, now: Date): ExpectedAnswer {
  if (!desk) return { when: 'unknown' };
  const status = openingStatus(desk, now);
  if (status.openNow) return { when: 'now' };
  if (!status.next) return { when: 'unknown' };
  const time = formatMinutes(status.next.from);
  if (status.next.daysAhead === 0) return { when: 'today', time };
  if (status.next.daysAhead === 1) return { when: 'tomorrow', time };
  return { when: 'later', date: status.next.date, time };
}
