import { detectLanguage } from '../../../src/core/language/detectLanguage';
import { KnowledgeStore } from '../../../src/knowledge/knowledgeStore';
import type { LetterModel } from '../../../src/core/language/letterModel';
import { config } from '../../support/session';

let letters: LetterModel;
beforeAll(async () => {
  letters = (await KnowledgeStore.load(config.knowledgeDir)).store.current().index.letters;
});
import { chooseReplyLanguage } from '../../../src/core/language/chooseReplyLanguage';

describe('detectLanguage', () => {
  it.each([
    ['come posso rinnovare il mio permesso di soggiorno', 'it'],
    ['how can i renew my residence permit', 'en'],
    ['comment je peux renouveler mon titre de séjour', 'fr'],
    ['cómo puedo renovar mi permiso de residencia', 'es'],
    ['كيف يمكنني تجديد تصريح الإقامة', 'ar'],
    ['як мені продовжити посвідку на проживання', 'uk'],
    ['我怎么续签居留许可', 'zh'],
    ['si mund ta rinovoj lejen e qëndrimit', 'sq'],
    ['میں اپنا رہائشی اجازت نامہ کیسے تجدید کروں', 'ur'],
    ['আমি কিভাবে আমার থাকার অনুমতি নবায়ন করব', 'bn'],
  ])('recognises "%s" as %s', (text, lang) => {
    expect(detectLanguage(text).lang).toBe(lang);
  });

  it('is not derailed by Italian administrative terms inside another language', () => {
    expect(detectLanguage('كيف أجدد permesso di soggiorno في questura').lang).toBe('ar');
    expect(detectLanguage('I lost my permesso di soggiorno and the ricevuta').lang).toBe('en');
    expect(detectLanguage('我的permesso di soggiorno过期了').lang).toBe('zh');
  });

  it('tells Urdu from Arabic by the letters only Urdu uses', () => {
    expect(detectLanguage('مجھے کیا کرنا چاہیے').lang).toBe('ur');
    expect(detectLanguage('ماذا يجب أن أفعل').lang).toBe('ar');
  });

  it('recognises romanised Urdu', () => {
    expect(detectLanguage('mera permesso khatam ho gaya hai kya karna chahiye').lang).toBe('ur');
  });

  it('is unsure about a message of Italian terms only', () => {
    expect(detectLanguage('permesso di soggiorno questura').confidence).toBeLessThan(0.6);
  });

  it.each([
    ['wach n9der nkhdem b had l kart?', 'ar'],
    ['ana 3ayez asagel wladi fel madrasa', 'ar'],
    ['kifach njdded l permesso dyali', 'ar'],
    ['amar permesso sesh hoye geche ki korbo', 'bn'],
    ['bhai ricevuta pe bahar ja sakte hain?', 'ur'],
    ['si te kerkoj azil ne itali', 'sq'],
    ['jveux savoir ce ke je dois faire pour le permesso', 'fr'],
  ])('reads "%s" as %s with the letter model trained on the knowledge', (text, lang) => {
    expect(detectLanguage(text, letters).lang).toBe(lang);
  });

  it('never guesses Arabizi without the letter model', () => {
    expect(detectLanguage('wach n9der nkhdem').lang).not.toBe('ar');
  });
});

describe('chooseReplyLanguage', () => {
  const guess = (lang: 'it' | 'en' | undefined, confidence: number, evidence: number) => ({ lang, confidence, evidence });

  it.each([
    ['a clear sentence switches language', { guess: guess('en', 0.9, 4), chosen: 'ar' as const }, 'en'],
    ['a short word keeps the chosen language', { guess: guess('it', 0.3, 1), chosen: 'ar' as const }, 'ar'],
    ['a short word keeps the conversation language', { guess: guess('it', 0.3, 1), previous: 'fr' as const }, 'fr'],
    ['a weak guess beats nothing', { guess: guess('en', 0.3, 1) }, 'en'],
    ['the channel hint comes next', { guess: guess(undefined, 0, 0), channelHint: 'uk' as const }, 'uk'],
    ['the channel hint beats a weak guess from a word or two', { guess: guess('en', 0.4, 1), channelHint: 'fr' as const }, 'fr'],
    ['the default comes last', { guess: guess(undefined, 0, 0) }, 'it'],
  ])('%s', (_name, signals, expected) => {
    expect(chooseReplyLanguage({ fallback: 'it', ...signals }).lang).toBe(expected);
  });
});

describe('a word shared by Urdu and Arabic', () => {
  it('keeps the conversation in Urdu', () => {
    const guess = detectLanguage('منسوخ');
    expect(chooseReplyLanguage({ guess, previous: 'ur', fallback: 'it' }).lang).toBe('ur');
    expect(chooseReplyLanguage({ guess: detectLanguage('کیا میں اپنا پرمیسو تجدید کر سکتا ہوں'), previous: 'ar', fallback: 'it' }).lang).toBe('ur');
  });
});
