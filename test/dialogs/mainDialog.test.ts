import { MemoryStorage } from 'botbuilder';
import type { LocalSession } from '../../src/cli/localSession';
import { openSession, Person } from '../support/session';

let session: LocalSession;
beforeAll(async () => {
  session = await openSession();
});

describe('first contact', () => {
  it.each([
    ['come rinnovo il permesso di soggiorno', 'it', 'conservo questa conversazione'],
    ['how do i renew my residence permit', 'en', 'I keep this conversation'],
    ['كيف أجدد permesso di soggiorno', 'ar', '30'],
    ['居留许可怎么续签', 'zh', '30'],
  ])('welcomes a newcomer with the privacy notice in their language: %s', async (text, lang, fragment) => {
    const [welcome, answer] = await new Person(session).says(text);
    expect(welcome.meta).toMatchObject({ topic: 'welcome', lang });
    expect(welcome.text).toContain(fragment);
    expect(answer.meta.lang).toBe(lang);
  });

  it('does not repeat the welcome on the second message', async () => {
    const person = new Person(session);
    await person.says('ciao');
    const replies = await person.says('come rinnovo il permesso');
    expect(replies.map((r) => r.meta.topic)).not.toContain('welcome');
  });
});

describe('answers', () => {
  it.each([
    ['come rinnovo il permesso di soggiorno', 'permit.renewal', 'it'],
    ['I lost my permesso di soggiorno, what do I do', 'permit.lost-or-stolen', 'en'],
    ['كيف أجدد permesso di soggiorno', 'permit.renewal', 'ar'],
    ['居留许可怎么续签', 'permit.renewal', 'zh'],
    ['je veux inscrire mon fils a l ecole', 'school.enrollment', 'fr'],
    ['malik do mahine se paise nahi de raha', 'work.contract', 'ur'], // romanised Urdu
    ['baccha ke school e vorti korte chai', 'school.enrollment', 'bn'], // Banglish
  ])('answers "%s" with %s in %s, ending with the source and the check date', async (text, topic, lang) => {
    const reply = await new Person(session).asks(text);
    expect(reply.meta).toMatchObject({ topic, lang });
    expect(reply.meta.confidence).toBeGreaterThan(0);
    expect(reply.text).toMatch(/https:\/\/\S+/);
    expect(reply.text).toMatch(/2026|২০২৬|٢٠٢٦|۲۰۲۶/); // the date in the language's own digits
  });

  it('offers a person at once after a sensitive answer', async () => {
    const reply = await new Person(session).asks('my husband hits me and i am afraid, i need help');
    expect(reply.meta.topic).toBe('violence.help');
    expect(reply.text).toContain('1522');
    expect(reply.buttons.map((b) => b.value)).toContain('#person');
  });

  it('never answers an out-of-scope question from the knowledge base', async () => {
    for (const text of ['what is the weather in milan tomorrow', 'chi ha vinto la partita di calcio ieri', 'recette du couscous']) {
      const reply = await new Person(session).asks(text);
      expect(reply.meta.topic).toBe('fallback');
      expect(reply.buttons.map((b) => b.value)).toContain('#person');
    }
  });
});

describe('clarifying', () => {
  it('asks which topic when a question is ambiguous, and answers the one picked by number', async () => {
    const person = new Person(session);
    const question = await person.asks('permesso');
    expect(question.meta.topic).toBe('clarify');
    expect(question.meta.options!.length).toBeGreaterThanOrEqual(2);
    expect(question.buttons[question.buttons.length - 1].value).toBe('#none');
    const picked = await person.asks('2');
    expect(picked.meta.topic).toBe(question.meta.options![1]);
  });

  it('treats a reply that picks no button as a new question', async () => {
    const person = new Person(session);
    await person.asks('permesso');
    const reply = await person.asks('come faccio a iscrivere mio figlio a scuola');
    expect(reply.meta.topic).toMatch(/^school\./);
  });

  it('answers a topic button pressed from the fallback menu', async () => {
    const person = new Person(session);
    const fallback = await person.asks('what is the weather in milan tomorrow');
    const button = fallback.buttons.find((b) => b.value.startsWith('#topic:'))!;
    const reply = await person.asks(button.value);
    expect(reply.meta.topic).toBe(button.value.slice('#topic:'.length));
  });
});

describe('commands that work from anywhere', () => {
  it.each([
    ['aiuto', 'help', 'it'],
    ['help', 'help', 'en'],
    ['voglio parlare con un operatore', 'mediator.request', 'it'],
    ['أريد التحدث مع شخص', 'mediator.request', 'ar'],
    ['ciao', 'smalltalk', 'it'],
    ['merci beaucoup', 'smalltalk', 'fr'],
  ])('"%s" -> %s in %s', async (text, topic, lang) => {
    const reply = await new Person(session).asks(text);
    expect(reply.meta).toMatchObject({ topic, lang });
  });

  it('help in the middle of a clarification answers and leaves the clarification', async () => {
    const person = new Person(session);
    await person.asks('permesso');
    expect((await person.asks('aiuto')).meta.topic).toBe('help');
    expect((await person.asks('cancel')).meta.topic).toBe('cancel');
  });

  it('switches language by name and keeps it for short messages after', async () => {
    const person = new Person(session);
    await person.asks('ciao');
    const switched = await person.asks('english');
    expect(switched.meta).toMatchObject({ topic: 'language', lang: 'en' });
    expect(switched.text).toMatch(/English/);
    expect((await person.asks('permesso')).meta.lang).toBe('en');
  });

  it('switches language from the menu', async () => {
    const person = new Person(session);
    await person.asks('ciao');
    const menu = await person.asks('lingua');
    expect(menu.buttons).toHaveLength(10);
    const arabic = menu.buttons.findIndex((b) => b.value === '#lang:ar');
    const reply = await person.asks(String(arabic + 1));
    expect(reply.meta).toMatchObject({ topic: 'language', lang: 'ar' });
    expect((await person.asks('ok')).meta.lang).toBe('ar');
  });

  it('keeps the reply language when an Arabic speaker types only Italian terms', async () => {
    const person = new Person(session);
    await person.asks('مرحبا');
    expect((await person.asks('permesso di soggiorno rinnovo')).meta.lang).toBe('ar');
  });
});

describe('delete my data', () => {
  it.each([
    ['cancella i miei dati', 'it'],
    ['delete my data', 'en'],
    ['supprimer mes données', 'fr'],
    ['borrar mis datos', 'es'],
    ['احذف بياناتي', 'ar'],
    ['видалити мої дані', 'uk'],
    ['删除我的数据', 'zh'],
    ['fshi të dhënat e mia', 'sq'],
    ['میرا ڈیٹا حذف کریں', 'ur'],
    ['আমার তথ্য মুছে দিন', 'bn'],
  ])('"%s" asks for a one-tap confirmation in %s', async (text, lang) => {
    const reply = await new Person(session).asks(text);
    expect(reply.meta).toMatchObject({ topic: 'privacy', lang });
    expect(reply.buttons.map((b) => b.value)).toEqual(['#yes', '#no']);
  });

  it('erases everything stored about the person after confirmation', async () => {
    const storage = new MemoryStorage();
    const own = await openSession(storage);
    const person = new Person(own);
    await person.says('come rinnovo il permesso');
    const storedKeys = () => Object.entries((storage as unknown as { memory: Record<string, string | undefined> }).memory).filter(([, v]) => v !== undefined).map(([k]) => k);
    const keysBefore = storedKeys();
    expect(keysBefore.some((k) => k.includes(person.who.userId))).toBe(true);
    await person.asks('cancella i miei dati');
    const done = await person.asks('#yes');
    expect(done.meta.topic).toBe('privacy');
    const keysAfter = storedKeys();
    expect(keysAfter.filter((k) => k.includes(person.who.userId) || k.includes(person.who.conversationId))).toEqual([]);
    const again = await person.says('ciao');
    expect(again[0].meta.topic).toBe('welcome');
  });

  it('keeps the data when the person says no', async () => {
    const person = new Person(session);
    await person.asks('delete my data');
    expect((await person.asks('#no')).text).toMatch(/nothing was deleted/i);
  });
});
