import type { LocalSession } from '../../src/cli/localSession';
import { openSession, Person } from '../support/session';

let session: LocalSession;
beforeAll(async () => {
  session = await openSession();
});

describe('people as they really write', () => {
  it.each([
    ['kifach njdded l permesso dyali? salat lia', 'permit.renewal'], // Darija in Latin letters
    ['ana 3ayez asagel ebni fel madrasa, ezay?', 'school.enrollment'], // Egyptian Arabizi
    ['عايز اجدد البيرميسو بتاعي ازاي', 'permit.renewal'], // Egyptian in Arabic letters
    ['mera permesso khatam ho gaya hai renew kaise karun', 'permit.renewal'], // Roman Urdu
    ['amar permesso sesh hoye geche, renew korbo kivabe', 'permit.renewal'], // Banglish
  ])('answers "%s" with %s, in Arabic, Urdu or Bengali as written', async (text, topic) => {
    const reply = await new Person(session).asks(text);
    expect(reply.meta.topic).toBe(topic);
    const expected = /[\u0980-\u09ff]|amar|korbo/.test(text) ? 'bn' : /mera|karun/.test(text) ? 'ur' : 'ar';
    expect(reply.meta.lang).toBe(expected);
    expect(reply.text).toMatch(/https:\/\//);
  });

  it.each([
    ['маю нулла оста на роботу, що робити далі?', 'permit.first-issue', 'uk'],
    ['পারমেসো দি সোজোর্নো রিনিউ কিভাবে', 'permit.renewal', 'bn'],
    ['kodiche fiskale kahan milta hai', 'tax.codice-fiscale', 'ur'],
  ])('hears Italian office words spelled as heard: "%s"', async (text, topic, lang) => {
    expect((await new Person(session).asks(text)).meta).toMatchObject({ topic, lang });
  });

  it('says a loose fit is a best guess, and offers the close topics and a person', async () => {
    const reply = await new Person(session).asks('si dorme dalla signora anziana e la curo, va bene così?');
    expect(reply.meta.topic).toBe('work.caregiver-contract');
    expect(reply.text).toMatch(/^Non sono sicuro di aver capito/);
    expect(reply.text).toMatch(/Non è quello che chiedevi\?/);
    expect(reply.meta.options?.length).toBeGreaterThan(0);
    expect(reply.buttons.map((b) => b.value)).toEqual(expect.arrayContaining(['#person', ...reply.meta.options!.map((id) => `#topic:${id}`)]));
  });
});

describe('a topic and a place in one message', () => {
  it('answers the question, then names the desk that serves that municipality', async () => {
    const replies = await new Person(session).says('abito a Gorgonzola e devo rinnovare il permesso, mi aiutate col kit? c è uno sportello vicino?');
    const [answer, desk] = replies.filter((r) => r.meta.topic !== 'welcome');
    expect(answer.meta.topic).toBe('permit.renewal');
    expect(desk.meta).toMatchObject({ topic: 'desk.find', desk: { type: 'immigration-desk', province: 'MI' } });
  });

  it('routes to the desk type of the topic', async () => {
    const replies = await new Person(session).says("my daughter's school is in Sesto Calende, where do I find a mediator?");
    expect(replies.at(-1)!.meta).toMatchObject({ topic: 'desk.find', desk: { type: 'school-mediation', province: 'VA' } });
  });

  it('gives only the desk to a bare request for one', async () => {
    const replies = await new Person(session).says('dove si trova lo sportello stranieri a Bergamo');
    expect(replies.filter((r) => r.meta.topic !== 'welcome').map((r) => r.meta.topic)).toEqual(['desk.find']);
  });
});

describe('follow-ups', () => {
  it('reads a short follow-up with the question before it', async () => {
    const person = new Person(session);
    expect((await person.asks('come rinnovo il permesso di soggiorno')).meta.topic).toBe('permit.renewal');
    expect((await person.asks('e quanto costa la marca da bollo?')).meta.topic).toBe('permit.renewal');
  });

  it('answers "what are the hours?" about the desk just shown, with its week', async () => {
    const person = new Person(session);
    const desk = await person.asks('dove si trova lo sportello stranieri a Bergamo');
    const hours = await person.asks('orari?');
    expect(hours.meta).toMatchObject({ topic: 'desk.opening-hours', desk: { id: desk.meta.desk!.id } });
    expect(hours.text).toMatch(/\d{1,2}:\d{2}/);
  });
});

describe('talking to a person right after a desk card', () => {
  it('goes to the desk just shown', async () => {
    const person = new Person(session);
    const desk = await person.asks('sportello badanti a Treviglio');
    expect(desk.meta.desk?.type).toBe('caregiver-counter');
    await person.asks('voglio parlare con una persona');
    const admin = { name: 'admin', role: 'admin' as const, desks: [], languages: [] };
    const escalation = session.handoff.list(admin, 'open').at(-1)!;
    expect(escalation).toMatchObject({ deskId: desk.meta.desk!.id, deskType: 'caregiver-counter', province: 'BG' });
  });
});
