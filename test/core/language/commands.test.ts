import { recognizeCommand } from '../../../src/core/language/commands';
import { loadLocales } from '../../../src/i18n';
import { config } from '../../support/session';

const { commands } = loadLocales(config.localesDir);

describe('recognizeCommand', () => {
  it.each([
    ['cancella i miei dati', 'deleteData'],
    ['delete my data please', 'deleteData'],
    ['operatore', 'person'],
    ['i want to talk to a mediator about my permit', 'person'],
    ['aiuto', 'help'],
    ['annulla', 'cancel'],
    ['grazie mille', 'thanks'],
    ['lingua', 'language'],
  ])('"%s" is %s', (text, kind) => {
    expect(recognizeCommand(text, commands)?.kind).toBe(kind);
  });

  it.each([
    ['english', 'en'],
    ['عربي', 'ar'],
    ['in italiano', 'it'],
    ['中文', 'zh'],
    ['shqip', 'sq'],
    ['français', 'fr'],
  ])('"%s" switches to %s', (text, lang) => {
    expect(recognizeCommand(text, commands)).toMatchObject({ kind: 'language', switchTo: lang });
  });

  it('forgives a typo in a long command word', () => {
    expect(recognizeCommand('cancela i miei dati', commands)?.kind).toBe('deleteData');
  });

  it('does not take a question that mentions a mediator for a hand-off', () => {
    expect(recognizeCommand('mediatore per la scuola di mio figlio che non parla italiano', commands)).toBeUndefined();
  });

  it('does not take an ordinary question for a command', () => {
    expect(recognizeCommand('come rinnovo il permesso di soggiorno', commands)).toBeUndefined();
  });
});
