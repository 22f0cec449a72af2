import { looseKey, romanize, soundKey } from '../../../src/core/text/soundKey';
import { tokenize } from '../../../src/core/text/normalize';

/** The key of what a person typed: folded, romanised, spelled as heard, words run together. */
const heard = (text: string) =>
  tokenize(text)
    .map((word) => soundKey(romanize(word), 'heard'))
    .join('');

describe('sound keys', () => {
  it.each([
    ['permesso', 'البيرميسو'],
    ['permesso', 'пермессо'],
    ['permesso', 'পারমেসো'],
    ['questura', 'الكويستورا'],
    ['questura', 'квестура'],
    ['questura', 'কোয়েস্তুরা'],
    ['questura', 'kestura'],
    ['soggiorno', 'سوجورنو'],
    ['soggiorno', 'sojorno'],
    ['ricevuta', 'الريتشيفوتا'],
    ['patronato', 'پاترو ناتو'],
    ['nullaosta', 'النولا أوستا'],
    ['codice', 'kodiche'],
    ['civile', 'tchivile'],
  ])('hears the Italian "%s" in "%s"', (italian, written) => {
    expect(heard(written)).toBe(soundKey(italian));
  });

  it('keeps words that sound different apart', () => {
    expect(soundKey('questura')).not.toBe(soundKey('prefettura'));
    expect(soundKey('permesso')).not.toBe(soundKey('patente'));
  });

  it('drops the Arabic article and reads the Bengali nukta', () => {
    expect(romanize(tokenize('الكومونه')[0])).toBe('kumuna');
    expect(romanize(tokenize('কোয়েস্তুরা')[0])).toContain('y');
  });

  it('merges voicing and r/l in the loose key only', () => {
    expect(looseKey(soundKey('codice'))).toBe(looseKey('KTK'));
    expect(soundKey('codice')).not.toBe('KTK');
  });
});
