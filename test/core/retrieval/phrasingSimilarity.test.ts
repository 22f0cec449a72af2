import { PhrasingSimilarity } from '../../../src/core/retrieval/phrasingSimilarity';
import { Analyzer } from '../../../src/core/retrieval/analyzer';

const analyzer = new Analyzer([{ id: 'permesso-di-soggiorno', forms: { it: ['permesso di soggiorno', 'permesso'] } }]);
const phrasings = [
  { topicId: 'permit.renewal', text: 'kifach njdded l permesso dyali' },
  { topicId: 'permit.renewal', text: 'bghit njdded l permesso' },
  { topicId: 'school.enrollment', text: 'ana 3ayez asagel wladi fel madrasa' },
  { topicId: 'school.enrollment', text: 'kifach nsajjel weldi f lmadrasa' },
].map(({ topicId, text }) => ({ topicId, terms: analyzer.analyze(text, 'ar') }));
const similarity = new PhrasingSimilarity(phrasings);
const best = (text: string) => similarity.topics(analyzer.analyze(text, 'ar'))[0];

describe('PhrasingSimilarity', () => {
  it('forgives the spellings of Arabizi that share no whole word with the phrasings', () => {
    expect(best('kifash njaded lpermesso')).toMatchObject({ topicId: 'permit.renewal' });
    expect(best('3ayz asajjel wladi f madrasa')).toMatchObject({ topicId: 'school.enrollment' });
  });

  it('scores a message with nothing in common at zero, and an unrelated one low', () => {
    expect(similarity.topics(analyzer.analyze('xyz', 'ar'))).toEqual([]);
    expect(best('weather tomorrow in milan football')?.similarity ?? 0).toBeLessThan(0.2);
  });
});
