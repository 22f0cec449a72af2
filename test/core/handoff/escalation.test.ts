import { canSee, shortId, transition, TransitionError, type Escalation, type Operator } from '../../../src/core/handoff/escalation';
import { expectedAnswer } from '../../../src/core/handoff/expectedAnswer';
import { summarize } from '../../../src/core/handoff/summary';
import type { Desk } from '../../../src/core/routing/desks';

const T0 = Date.parse('2026-11-25T09:00:00Z');

function escalation(change: Partial<Escalation> = {}): Escalation {
  return { id: 'K7F3Q9', channel: 'telegram', user: 'u_abc', lang: 'ar', reason: 'asked', deskType: 'immigration-desk', deskId: 'bg.immigration-desk', status: 'waiting', createdAt: T0, lastUserMessageAt: T0, messages: [], ...change };
}

const giulia: Operator = { name: 'giulia', role: 'operator', desks: ['bg.immigration-desk'], languages: ['it', 'ar'] };

describe('the queue rules', () => {
  it('claims, replies (the first reply is timed once), transfers and closes', () => {
    const claimed = transition(escalation(), { kind: 'claim' }, 'giulia', T0 + 1000);
    expect(claimed).toMatchObject({ status: 'assigned', assignedTo: 'giulia' });
    const replied = transition(claimed, { kind: 'reply' }, 'giulia', T0 + 60_000);
    const again = transition(replied, { kind: 'reply' }, 'giulia', T0 + 120_000);
    expect(again.firstReplyAt).toBe(T0 + 60_000);
    const toDesk = transition(again, { kind: 'transfer', deskId: 'bg.caregiver-counter' }, 'giulia', T0);
    expect(toDesk).toMatchObject({ status: 'waiting', deskId: 'bg.caregiver-counter', assignedTo: undefined });
    const toPerson = transition(toDesk, { kind: 'transfer', operator: 'samir' }, 'giulia', T0);
    expect(toPerson).toMatchObject({ status: 'assigned', assignedTo: 'samir' });
    expect(transition(toPerson, { kind: 'resolve' }, 'samir', T0 + 5000)).toMatchObject({ status: 'resolved', closedAt: T0 + 5000, closedBy: 'samir' });
  });

  it('replying to a waiting escalation claims it', () => {
    expect(transition(escalation(), { kind: 'reply' }, 'giulia', T0)).toMatchObject({ status: 'assigned', assignedTo: 'giulia', firstReplyAt: T0 });
  });

  it('keeps closed escalations closed', () => {
    const resolved = escalation({ status: 'resolved' });
    for (const kind of ['claim', 'reply', 'resolve', 'abandon'] as const) {
      expect(() => transition(resolved, { kind }, 'giulia', T0)).toThrow(TransitionError);
    }
    expect(() => transition(escalation(), { kind: 'transfer' }, 'giulia', T0)).toThrow(/desk or an operator/);
  });

  it('lets operators see their desks only, and admins everything', () => {
    expect(canSee(giulia, escalation())).toBe(true);
    expect(canSee(giulia, escalation({ deskId: 'mi.immigration-desk' }))).toBe(false);
    expect(canSee(giulia, escalation({ deskId: undefined }))).toBe(false);
    expect(canSee({ ...giulia, role: 'admin', desks: [] }, escalation({ deskId: undefined }))).toBe(true);
  });

  it('makes short ids without letters that read like digits', () => {
    const id = shortId(new Uint8Array([0, 8, 14, 24, 31, 200]));
    expect(id).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
  });
});

describe('when a person can expect an answer', () => {
  const desk = { hours: { mon: [{ from: 540, to: 750 }], wed: [{ from: 540, to: 750 }] }, closures: ['2026-11-30'] } as unknown as Desk;
  it.each([
    ['2026-11-25T09:00:00Z', { when: 'now' }], // Wednesday 10:00 in Rome
    ['2026-11-25T07:00:00Z', { when: 'today', time: '09:00' }],
    ['2026-11-25T15:00:00Z', { when: 'later', date: '2026-12-02', time: '09:00' }], // Monday 30 is closed
    ['2026-12-01T15:00:00Z', { when: 'tomorrow', time: '09:00' }],
  ])('at %s', (instant, expected) => {
    expect(expectedAnswer(desk, new Date(instant))).toEqual(expected);
  });
  it('promises nothing without a desk', () => {
    expect(expectedAnswer(undefined, new Date())).toEqual({ when: 'unknown' });
  });
});

describe('the coordinator\'s summary', () => {
  const day = 86_400_000;
  const now = T0 + 2 * day;
  const dateOf = (at: number) => new Date(at).toISOString().slice(0, 10);
  const all = [
    escalation({ id: 'A', createdAt: T0, firstReplyAt: T0 + 60_000, satisfaction: 5, topic: 'permit.renewal' }),
    escalation({ id: 'B', createdAt: T0 + 1000, firstReplyAt: T0 + 1000 + 180_000, satisfaction: 2, lang: 'ur', topic: 'permit.renewal' }),
    escalation({ id: 'C', createdAt: T0 + day, lang: 'ur', deskId: 'bg.caregiver-counter' }),
    escalation({ id: 'D', createdAt: T0 - 40 * day }),
  ];
  const summary = summarize(all, now, 30, dateOf);

  it('counts escalations per day over the period, older ones left out', () => {
    expect(summary.total).toBe(3);
    expect(summary.perDay).toHaveLength(30);
    expect(summary.perDay.find((d) => d.date === '2026-11-25')?.count).toBe(2);
    expect(summary.perDay.find((d) => d.date === '2026-11-26')?.count).toBe(1);
  });

  it('takes the median first-reply wait of the answered ones, per desk, language and topic', () => {
    expect(summary.medianFirstReplySeconds).toBe(120);
    expect(summary.byLanguage).toEqual([
      { key: 'ar', count: 1, medianFirstReplySeconds: 60, meanSatisfaction: 5 },
      { key: 'ur', count: 2, medianFirstReplySeconds: 180, meanSatisfaction: 2 },
    ].sort((a, b) => b.count - a.count));
    expect(summary.byDesk[0]).toMatchObject({ key: 'bg.immigration-desk', count: 2 });
    expect(summary.byTopic[0]).toMatchObject({ key: 'permit.renewal', count: 2 });
  });

  it('shows the spread of satisfaction scores', () => {
    expect(summary.satisfaction).toEqual({ count: 2, mean: 3.5, distribution: [0, 1, 0, 0, 1] });
  });
});
