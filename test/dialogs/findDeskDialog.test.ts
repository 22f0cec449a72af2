import { MemoryStorage } from 'botbuilder';
import type { LocalSession } from '../../src/cli/localSession';
import { openSession, Person } from '../support/session';

// Wednesday 25 November 2026, 10:00 in Rome.
const NOW = new Date('2026-11-25T09:00:00Z');
let session: LocalSession;
beforeAll(async () => {
  session = await openSession(new MemoryStorage(), () => NOW);
});

describe('finding a desk', () => {
  it.each([
    ['dove trovo lo sportello badanti a treviglio', 'caregiver-counter', 'BG', 'it'],
    ['where is the informagiovani in desenzano del garda', 'youth-counter', 'BS', 'en'],
    ['ou est le bureau pour les etrangers a Vigevano', 'immigration-desk', 'PV', 'fr'],
    ['donde esta el mediador escolar en crema? es para mi hijo', 'school-mediation', 'CR', 'es'],
    ['أعيش في ميلانو، أين مكتب الأجانب', 'immigration-desk', 'MI', 'ar'],
    ['де sportello badanti в Бергамо', 'caregiver-counter', 'BG', 'uk'],
    ['我住在米兰，外国人服务处在哪里', 'immigration-desk', 'MI', 'zh'],
    ['ku eshte informagiovani ne Lecco', 'youth-counter', 'LC', 'sq'],
    ['میں Monza میں رہتا ہوں، sportello stranieri کہاں ہے', 'immigration-desk', 'MB', 'ur'],
    ['আমি Brescia থাকি, sportello badanti কোথায়', 'caregiver-counter', 'BS', 'bn'],
  ])('"%s" -> a %s in %s, in %s', async (text, type, province, lang) => {
    const reply = await new Person(session).asks(text);
    expect(reply.meta).toMatchObject({ topic: 'desk.find', lang, desk: { type, province } });
  });

  it('names the desk, address, map link, languages, whether it is open, and that it is an example', async () => {
    const reply = await new Person(session).asks('dove trovo lo sportello badanti a treviglio');
    expect(reply.text).toContain('Treviglio');
    expect(reply.text).toMatch(/https:\/\/www\.google\.com\/maps\/search\/\?api=1&query=45\.\d+,9\.\d+/);
    expect(reply.text).toMatch(/Lingue parlate: .*Italiano/);
    expect(reply.text).toMatch(/Aperto ora|Chiuso ora/);
    expect(reply.text).toMatch(/Esempio: questo sportello non è ancora reale/);
  });

  it('asks for the municipality, offers a choice for an ambiguous one, and remembers it', async () => {
    const person = new Person(session);
    await person.asks('ciao');
    expect((await person.asks("dov'è l'informagiovani?")).text).toMatch(/In quale comune abiti/);
    const choice = await person.asks('Cassano');
    expect(choice.buttons.map((b) => b.title)).toEqual(expect.arrayContaining(["Cassano d'Adda (MI)", 'Cassano Magnago (VA)']));
    const desk = await person.asks(String(choice.buttons.findIndex((b) => b.title === "Cassano d'Adda (MI)") + 1));
    expect(desk.meta.desk).toMatchObject({ type: 'youth-counter', province: 'MI' });
    const again = await person.asks('dove trovo lo sportello badanti');
    expect(again.meta.desk).toMatchObject({ type: 'caregiver-counter', province: 'MI' });
  });

  it('finds the nearest desk to a shared location', async () => {
    const person = new Person(session);
    await person.asks('ciao');
    const reply = await person.sharesLocation(45.52, 9.6); // Treviglio
    expect(reply.meta.desk).toMatchObject({ province: 'BG' });
    expect(reply.text).toMatch(/km/);
  });

  it('offers "find my nearest desk" after an answer, for the desk of that topic', async () => {
    const person = new Person(session);
    await person.asks('dove trovo lo sportello stranieri a Lodi');
    const answer = await person.asks('mio figlio è arrivato a marzo, può andare a scuola adesso?');
    const button = answer.buttons.find((b) => b.value.startsWith('#desk:'));
    expect(button?.title).toBe('Trova lo sportello più vicino');
    const desk = await person.asks(button!.value);
    expect(desk.meta).toMatchObject({ topic: 'desk.find', desk: { type: 'school-mediation', province: 'LO' } });
  });

  it('answers "are you open on Saturday?" and "domani mattina?" about the desk just shown', async () => {
    const person = new Person(session);
    await person.asks('dove trovo lo sportello stranieri a Bergamo');
    const saturday = await person.asks('siete aperti sabato?');
    expect(saturday.meta.topic).toBe('desk.opening-hours');
    expect(saturday.text).toMatch(/sabato 28 novembre/);
    const tomorrow = await person.asks('e domani mattina?');
    expect(tomorrow.text).toMatch(/giovedì 26 novembre/);
  });

  it('forgets the municipality with the rest of the data', async () => {
    const person = new Person(session);
    await person.asks('dove trovo lo sportello stranieri a Bergamo');
    await person.asks('cancella i miei dati');
    await person.asks('#yes');
    expect((await person.asks("dov'è l'informagiovani?")).text).toMatch(/In quale comune abiti/);
  });
});
