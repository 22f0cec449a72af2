import { randomBytes } from 'node:crypto';
import { MemoryStorage } from 'botbuilder';
import pino from 'pino';
import { DirectAdapter } from '../../src/channels/direct/directAdapter';
import { KnowledgeStore } from '../../src/knowledge/knowledgeStore';
import { loadLocales, personIntent } from '../../src/i18n';
import { createPonteBot } from '../../src/ponte';
import { inMemoryHandoff } from '../../src/cli/inMemoryHandoff';
import type { Unanswered } from '../../src/editors/questionInbox';
import { lombardyMunicipalities } from '../../src/knowledge/municipalities';
import { config } from '../support/session';

/** What the bot reports to the editors' inbox, recorded as it is reported. */
let reported: Unanswered[];
let say: (text: string, who: string) => Promise<string[]>;
let handoff: ReturnType<typeof inMemoryHandoff>;

beforeAll(async () => {
  const locales = loadLocales(config.localesDir);
  const { store } = await KnowledgeStore.load(config.knowledgeDir, [personIntent(locales.commands)]);
  const key = randomBytes(32);
  handoff = inMemoryHandoff(() => store.current(), locales.t, key);
  const { bot } = createPonteBot({
    knowledge: () => store.current(),
    locales,
    storage: new MemoryStorage(),
    pseudonymKey: key,
    defaultLanguage: 'it',
    retentionDays: 30,
    logger: pino({ level: 'silent' }),
    municipalities: lombardyMunicipalities(),
    handoff,
    inbox: { collect: (question) => void reported.push(question) },
  });
  const adapter = new DirectAdapter();
  say = async (text, who) =>
    (await adapter.send({ text, from: { id: who, name: who }, conversation: { id: who, isGroup: false, conversationType: 'personal', name: '' } }, (c) => bot.run(c))).map((a) => a.text ?? '');
});
beforeEach(() => {
  reported = [];
});

describe('what the bot reports to the editors\' inbox', () => {
  it('a fallback, with the topics it considered', async () => {
    await say('voglio adottare un cane dal canile', 'p1');
    expect(reported).toEqual([expect.objectContaining({ text: 'voglio adottare un cane dal canile', lang: 'it', kind: 'fallback' })]);
  });

  it('a clarification the person left for another question', async () => {
    await say('permesso', 'p2');
    await say('come si fa il codice fiscale', 'p2');
    expect(reported).toEqual([expect.objectContaining({ text: 'permesso', kind: 'abandoned-clarification', topics: expect.arrayContaining(['permit.renewal']) })]);
  });

  it('a shaky answer followed by "talk to a person", but not a confident one', async () => {
    await say('si dorme dalla signora anziana e la curo, va bene così?', 'p3');
    await say('voglio parlare con una persona', 'p3');
    expect(reported).toEqual([expect.objectContaining({ text: 'si dorme dalla signora anziana e la curo, va bene così?', kind: 'low-confidence-then-person' })]);
    reported = [];
    await say('come rinnovo il permesso di soggiorno', 'p4');
    await say('voglio parlare con una persona', 'p4');
    expect(reported).toEqual([]);
  });

  it('the question behind an escalation scored 1 or 2', async () => {
    await say('la mia padrona non mi paga da due mesi', 'p5');
    await say('voglio parlare con una persona', 'p5');
    await say('Bergamo', 'p5');
    const admin = { name: 'admin', role: 'admin' as const, desks: [], languages: [] };
    const escalation = handoff.list(admin, 'open').at(-1)!;
    await handoff.act(admin, escalation.id, { kind: 'resolve' });
    reported = [];
    await say(`#rate:${escalation.id}:1`, 'p5');
    expect(reported).toEqual([expect.objectContaining({ text: 'la mia padrona non mi paga da due mesi', kind: 'low-score' })]);
    expect(handoff.get(escalation.id)?.satisfaction).toBe(1);
  });
});
