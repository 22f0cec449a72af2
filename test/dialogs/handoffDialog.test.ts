import type { Activity } from 'botbuilder';
import type { Operator } from '../../src/core/handoff/escalation';
import type { LocalSession } from '../../src/cli/localSession';
import { openSession, Person } from '../support/session';

const admin: Operator = { name: 'admin', role: 'admin', desks: [], languages: [] };
let session: LocalSession;

beforeAll(async () => {
  session = await openSession();
});

const newest = () => session.handoff.list(admin, 'open').at(-1)!;

describe('the hand-off dialog', () => {
  it('emits Bot Framework\'s handoff.initiate with the transcript, for contact-centre software', async () => {
    const person = new Person(session);
    await person.says('come rinnovo il permesso di soggiorno');
    await person.says('voglio parlare con un operatore');
    const activities: Partial<Activity>[] = await session.exchange('Bergamo', person.who);
    const event = activities.find((a) => a.type === 'event');
    expect(event?.name).toBe('handoff.initiate');
    const transcript = (event?.attachments?.[0]?.content as { activities: { text: string }[] }).activities.map((a) => a.text);
    expect(transcript).toEqual(expect.arrayContaining(['come rinnovo il permesso di soggiorno', 'voglio parlare con un operatore']));
    expect(newest()).toMatchObject({ topic: 'permit.renewal', deskId: 'bg.immigration-desk', reason: 'asked' });
  });

  it('goes to the desk of the topic just answered: a caregiver question reaches the caregiver counter', async () => {
    const person = new Person(session);
    expect((await person.asks('contratto badante convivente')).meta.topic).toBe('work.caregiver-contract');
    const reply = await person.asks('persona');
    expect(reply).toMatchObject({ meta: { topic: 'mediator.request' }, text: expect.stringMatching(/comune/i) });
    await person.says('Bergamo');
    expect(newest()).toMatchObject({ deskType: 'caregiver-counter', deskId: 'bg.caregiver-counter' });
  });

  it('marks it sensitive when the person accepts a person after a sensitive answer', async () => {
    const person = new Person(session);
    const answer = await person.asks('mio marito mi picchia cosa devo fare');
    expect(answer.buttons.map((b) => b.value)).toContain('#person');
    await person.says('#person');
    await person.says('Milano');
    expect(newest()).toMatchObject({ reason: 'sensitive', topic: 'violence.help', province: 'MI' });
  });

  it('counts only fallbacks in a row: a thank-you in between starts the count again', async () => {
    const person = new Person(session);
    expect((await person.asks('xqzv wplkj trrrm')).meta.topic).toBe('fallback');
    expect((await person.asks('grazie')).meta.topic).toBe('smalltalk');
    expect((await person.asks('blorf snizzle quab')).meta.topic).toBe('fallback');
    expect((await person.asks('zzkt vrrp ghhl')).meta.topic).toBe('mediator.request');
  });

  it('closes the escalation and forgets what was said when the person erases their data', async () => {
    const person = new Person(session);
    await person.says('voglio parlare con una persona');
    await person.says('Como');
    const { id } = newest();
    await person.says('il mio nome è Amina');
    await person.says('cancella i miei dati');
    await person.says('#yes');
    const erased = session.handoff.get(id)!;
    expect(erased).toMatchObject({ status: 'abandoned', user: '', messages: [] });
    expect(erased.replyTo).toBeUndefined();
    expect(JSON.stringify(erased)).not.toContain('Amina');
  });
});
