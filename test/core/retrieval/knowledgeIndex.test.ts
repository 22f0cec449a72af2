import { KnowledgeStore } from '../../../src/knowledge/knowledgeStore';
import type { KnowledgeSnapshot } from '../../../src/core/knowledge/knowledgeSnapshot';
import type { Lang } from '../../../src/core/language/languages';
import { config } from '../../support/session';

let knowledge: KnowledgeSnapshot;
beforeAll(async () => {
  knowledge = (await KnowledgeStore.load(config.knowledgeDir)).store.current();
});

const top = (text: string, lang: Lang) => knowledge.index.search(text, lang).candidates[0]?.topicId;

describe('retrieval over the shipped knowledge', () => {
  it.each([
    ['come rinnovo il permesso di soggiorno', 'it', 'permit.renewal'],
    ['come rinnovo il permeso di sogiorno', 'it', 'permit.renewal'],
    ['perche la questura non mi da il permesso, come vedo se e pronto', 'it', 'permit.status-check'],
    ['i lost my permesso di soggiorno', 'en', 'permit.lost-or-stolen'],
    ['kak renew permit', 'en', 'permit.renewal'],
    ['codice fiscale dove lo faccio', 'it', 'tax.codice-fiscale'],
    ['كيف أجدد permesso di soggiorno', 'ar', 'permit.renewal'],
    ['居留许可怎么续签', 'zh', 'permit.renewal'],
    ['як записати дитину в перший клас', 'uk', 'school.enrollment'],
  ])('"%s" (%s) finds %s first', (text, lang, topicId) => {
    expect(top(text, lang as Lang)).toBe(topicId);
  });

  it('finds the same topic whether the Italian term or the local word is used', () => {
    expect(top('ho perso la tessera sanitaria', 'it')).toBe(top('ho perso la tessera sanitaria', 'en'));
  });

  it('explains each candidate: score, coverage, fit and the words that matched', () => {
    const [best] = knowledge.index.search('come rinnovo il permesso', 'it').candidates;
    expect(best.score).toBeGreaterThan(0);
    expect(best.fit).toBeGreaterThan(0);
    expect(best.fit).toBeLessThanOrEqual(1);
    expect(best.matchedTerms.length).toBeGreaterThan(0);
  });

  it.each([
    ['what is the weather in milan tomorrow', 'en'],
    ['visa pour le canada comment faire', 'fr'],
    ['chi ha vinto la partita ieri sera', 'it'],
    ['米兰明天天气怎么样', 'zh'],
  ])('does not answer the out-of-scope "%s"', (text, lang) => {
    expect(knowledge.ask(text, lang as Lang).decision.kind).not.toBe('answer');
  });
});
