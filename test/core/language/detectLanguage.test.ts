import { detectLanguage, refineGuess } from '../../../src/core/language/detectLanguage';
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

  it('lets vocabulary decide between Italian and Albanian typed without ë', () => {
    const weak = { lang: 'it' as const, confidence: 0.2, evidence: 2 };
    const evidence = new Map([['it', 1], ['sq', 4], ['en', 0]] as const);
    expect(refineGuess(weak, evidence).lang).toBe('sq');
    expect(refineGuess({ ...weak, confidence: 0.9 }, evidence).lang).toBe('it');
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
    ['the default comes last', { guess: guess(undefined, 0, 0) }, 'it'],
  ])('%s', (_name, signals, expected) => {
    expect(chooseReplyLanguage({ fallback: 'it', ...signals }).lang).toBe(expected);
  });
});
