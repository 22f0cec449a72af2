import { isPublicHoliday, openingStatus, hoursOn } from '../../../src/core/routing/openingHours';
import type { Desk } from '../../../src/core/routing/desks';

const morning = { from: 9 * 60, to: 12 * 60 + 30 };
const desk: Desk = {
  id: 'mi.test', type: 'immigration-desk', name: 'Test desk', sample: true, province: 'MI', municipality: 'Milano', address: 'x',
  location: { lat: 45.46, lon: 9.19 }, languages: ['it'], topics: [], serves: 'province', appointment: false,
  hours: { mon: [morning], tue: [morning, { from: 14 * 60, to: 16 * 60 }], wed: [morning], thu: [morning], fri: [morning] },
  closures: ['2026-12-07', '2026-12-24'],
};
// Times are given in UTC; Rome is UTC+1 in winter.
const at = (iso: string) => new Date(iso);

describe('opening hours in Europe/Rome time', () => {
  it('is open inside its hours, and says until when', () => {
    expect(openingStatus(desk, at('2026-11-25T09:00:00Z'))).toEqual({ openNow: true, closesAt: 12 * 60 + 30 });
  });

  it('opens later today when asked before opening', () => {
    expect(openingStatus(desk, at('2026-11-24T12:00:00Z')).next).toMatchObject({ date: '2026-11-24', from: 14 * 60, daysAhead: 0 });
  });

  it('skips the weekend', () => {
    expect(openingStatus(desk, at('2026-11-28T09:00:00Z')).next).toMatchObject({ date: '2026-11-30', weekday: 'mon', from: 9 * 60 });
  });

  it('skips a closure (Sant\'Ambrogio) and a public holiday (Immacolata) in a row', () => {
    // Friday 4 December after closing: Monday 7 is a closure, Tuesday 8 a national holiday.
    expect(openingStatus(desk, at('2026-12-04T15:00:00Z')).next).toMatchObject({ date: '2026-12-09', weekday: 'wed', daysAhead: 5 });
  });

  it('is closed on Christmas Eve (closure) and Christmas (holiday)', () => {
    expect(openingStatus(desk, at('2026-12-24T09:00:00Z')).openNow).toBe(false);
    expect(openingStatus(desk, at('2026-12-24T09:00:00Z')).next).toMatchObject({ date: '2026-12-28' });
  });

  it('knows the new national holiday of 4 October and not local patron days', () => {
    expect(isPublicHoliday('2026-10-04')).toBe(true);
    expect(isPublicHoliday('2026-12-08')).toBe(true);
    expect(isPublicHoliday('2026-12-07')).toBe(false);
  });

  it('lists no hours on a closure date', () => {
    expect(hoursOn(desk, '2026-12-07', 'mon')).toEqual([]);
    expect(hoursOn(desk, '2026-11-30', 'mon')).toEqual([morning]);
  });
});
