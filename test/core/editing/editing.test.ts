import { approvalReasons, changedFields, needsReviewAfter } from '../../../src/core/editing/entryChanges';
import { groupQuestions } from '../../../src/core/editing/groupQuestions';
import { languageFlags } from '../../../src/core/editing/topicStatus';
import type { KnowledgeEntry } from '../../../src/core/knowledge/types';
import { scrub } from '../../../src/editors/questionInbox';

const text = (answer: string, questions = 6) => ({ title: 't', questions: Array.from({ length: questions }, (_, i) => `q${i}`), keywords: [], answer });
const entry = (change: Partial<KnowledgeEntry> = {}): KnowledgeEntry => ({
  id: 'permit.renewal',
  desk: 'immigration-desk',
  sensitive: false,
  reviewed: '2026-11-01',
  sources: ['https://www.poste.it/a'],
  text: { it: text('Marca da bollo 16 €, 60 giorni prima.'), en: text('Revenue stamp €16, 60 days before.'), ur: text('16 یورو') },
  ...change,
});

describe('what a new version changes', () => {
  it('names the fields', () => {
    const after = entry({ sources: ['https://www.poste.it/b'], text: { ...entry().text, it: { ...text('Marca da bollo 17 €, 60 giorni prima.') } } });
    expect(changedFields(entry(), after)).toEqual(['sources', 'text.it.answer']);
  });

  it('asks a second editor for numbers, sources and sensitive entries, not for a new variant', () => {
    const fee = entry({ text: { ...entry().text, it: text('Marca da bollo 17 €, 60 giorni prima.') } });
    expect(approvalReasons(entry(), fee)).toEqual(['fee-or-deadline']);
    const variant = entry({ text: { ...entry().text, it: { ...text('Marca da bollo 16 €, 60 giorni prima.'), questions: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] } } });
    expect(approvalReasons(entry(), variant)).toEqual([]);
    expect(approvalReasons(entry(), entry({ sources: ['https://x.gov.it/'] }))).toEqual(['sources']);
    expect(approvalReasons(entry({ sensitive: true }), entry({ sensitive: true }))).toEqual(['sensitive']);
  });

  it('flags every other language when the Italian answer changes, except those rewritten with it, until confirmed', () => {
    const fee = entry({ text: { ...entry().text, it: text('Marca da bollo 17 €.'), en: text('Revenue stamp €17.') } });
    expect(needsReviewAfter(entry(), fee, [])).toEqual(['ur']);
    expect(needsReviewAfter(entry(), fee, [], ['ur'])).toEqual([]);
    const urduFixed = entry({ text: { ...fee.text, ur: text('17 یورو') } });
    expect(needsReviewAfter(fee, urduFixed, ['ur'])).toEqual([]);
    expect(needsReviewAfter(fee, fee, ['ur'])).toEqual(['ur']); // an unrelated save keeps the flag
  });
});

describe('a topic\'s status per language', () => {
  it('says what is missing, long, thin, old or to be checked', () => {
    const flags = languageFlags(entry({ reviewed: '2024-01-01', text: { it: text('x'.repeat(700)), en: text('ok', 3) } }), ['en'], new Date('2026-11-25'));
    expect(flags.it).toEqual(['too-long', 'stale-review']);
    expect(flags.en).toEqual(['needs-review', 'few-variants', 'stale-review']);
    expect(flags.fr).toEqual(['missing']);
  });
});

describe('grouping the inbox', () => {
  // A stand-in for the retrieval analyzer: words without fillers.
  const words = (t: string) => t.toLowerCase().split(/\W+/).filter((w) => w.length > 2 && !['per', 'cosa', 'faccio', 'aiuto'].includes(w));
  it('puts the same question in other words together, per language, most asked first', () => {
    const groups = groupQuestions(
      [
        { id: '1', text: 'sfratto per morosita cosa faccio', lang: 'it' as const, at: 1 },
        { id: '2', text: 'sfratto morosita aiuto', lang: 'it' as const, at: 2 },
        { id: '3', text: 'adottare un cane', lang: 'it' as const, at: 3 },
        { id: '4', text: 'sfratto morosita', lang: 'en' as const, at: 4 },
      ],
      words,
    );
    expect(groups.map((g) => [g.lang, g.questions.map((q) => q.id)])).toEqual([
      ['it', ['2', '1']],
      ['en', ['4']],
      ['it', ['3']],
    ]);
  });
});

it('scrubs phone numbers and e-mail addresses from inbox questions', () => {
  expect(scrub('chiamami al +39 333 123 4567 o scrivi a amina.h@example.com, costa 16 €?')).toBe('chiamami al [number] o scrivi a [email], costa 16 €?');
});
