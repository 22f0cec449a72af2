import { DEFAULT_VALIDATION, validateKnowledge, type KnowledgeFile } from '../../../src/core/knowledge/validateKnowledge';

const today = new Date('2026-11-25T12:00:00Z');
const options = { ...DEFAULT_VALIDATION, requiredLanguages: ['it', 'en'] as const, today };

function topic(id: string, overrides: Record<string, unknown> = {}) {
  const text = (lang: string) => ({
    title: `${id} ${lang}`,
    questions: [1, 2, 3, 4, 5, 6].map((n) => `${id} ${lang} question ${n}`),
    keywords: ['a'],
    answer: `${id} answer in ${lang}`,
  });
  return { id, desk: 'immigration-desk', reviewed: '2026-11-01', sources: ['https://www.poste.it/x'], text: { it: text('it'), en: text('en') }, ...overrides };
}

const file = (data: unknown, name = (data as { id: string }).id): KnowledgeFile => ({ file: `topics/${name}.yaml`, data });
const errors = (files: KnowledgeFile[]) => validateKnowledge(files, options).problems.filter((p) => p.severity === 'error');

describe('validateKnowledge', () => {
  it('accepts good topics', () => {
    const result = validateKnowledge([file(topic('permit.renewal')), file(topic('permit.first-issue'))], options);
    expect(result.problems).toEqual([]);
    expect(result.knowledge?.entries).toHaveLength(2);
  });

  it('names the file and field of a missing language', () => {
    const data = topic('permit.renewal');
    delete (data.text as Record<string, unknown>).en;
    expect(errors([file(data)])).toEqual([expect.objectContaining({ file: 'topics/permit.renewal.yaml', field: 'text.en', message: expect.stringMatching(/missing language/) })]);
  });

  it('rejects a duplicate id', () => {
    expect(errors([file(topic('permit.renewal')), file(topic('permit.renewal'), 'permit.renewal-copy')]).map((p) => p.message).join()).toMatch(/duplicate id/);
  });

  it('rejects an empty answer', () => {
    const data = topic('permit.renewal');
    data.text.it.answer = '   ';
    expect(errors([file(data)])).toEqual([expect.objectContaining({ field: 'text.it.answer' })]);
  });

  it('rejects a source that is not https', () => {
    expect(errors([file(topic('permit.renewal', { sources: ['http://www.poste.it/x'] }))])).toEqual([expect.objectContaining({ field: 'sources.0', message: 'must be an https:// URL' })]);
  });

  it('rejects the same question variant in two topics', () => {
    const a = topic('permit.renewal');
    const b = topic('permit.first-issue');
    b.text.it.questions[0] = 'Permit.Renewal IT question 1!';
    expect(errors([file(a), file(b)])).toEqual([expect.objectContaining({ file: 'topics/permit.first-issue.yaml', field: 'text.it.questions.0' })]);
  });

  it('rejects an unknown desk type and a reviewed date in the future', () => {
    const fields = errors([file(topic('permit.renewal', { desk: 'bakery', reviewed: '2027-06-01' }))]).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['desk']));
    expect(errors([file(topic('permit.renewal', { reviewed: '2027-06-01' }))]).map((p) => p.field)).toEqual(['reviewed']);
  });

  it('reports a file that does not parse, with the rest', () => {
    const result = validateKnowledge([{ file: 'topics/broken.yaml', parseError: 'YAML error at line 3, column 1: bad indentation' }, file(topic('permit.renewal'))], options);
    expect(result.knowledge).toBeUndefined();
    expect(result.problems[0]).toMatchObject({ file: 'topics/broken.yaml', message: expect.stringMatching(/line 3/) });
  });

  it('warns, without failing, about long answers, few variants and old reviews', () => {
    const data = topic('permit.renewal', { reviewed: '2024-01-01' });
    data.text.it.answer = 'x'.repeat(700);
    data.text.en.questions = ['only one'];
    const result = validateKnowledge([file(data)], options);
    expect(result.knowledge).toBeDefined();
    expect(result.problems.map((p) => `${p.severity} ${p.field}`).sort()).toEqual(['warning reviewed', 'warning text.en.questions', 'warning text.it.answer']);
  });
});
