import { ComponentDialog, Dialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { matchChoice } from '../src/core/choices';
import { ENDONYMS, LANGUAGES, isLang, type Lang } from '../src/core/language/languages';
import { INTENTS, reply } from '../src/bot/replies';
import { setTurnLang, turnLang } from '../src/bot/turnState';
import { BUTTON, parseButton } from '../src/bot/buttons';
import type { DialogDependencies } from './dialogDependencies';

export const LANGUAGE_DIALOG = 'languageDialog';
const LANGUAGE_STEPS = 'languageDialog.steps';

/** Started with a language to switch to straight away ("english", "عربي"), or with none to show the menu. */
export interface LanguageOptions {
  switchTo?: Lang;
}

/** Lets the person pick the language Ponte writes in; the choice is remembered for them. */
export class LanguageDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDependencies) {
    super(LANGUAGE_DIALOG);
    this.addDialog(new WaterfallDialog(LANGUAGE_STEPS, [this.menuStep.bind(this), this.chosenStep.bind(this)]));
    this.initialDialogId = LANGUAGE_STEPS;
  }

  /** Switches to `lang` for this turn and for the person's next conversations. */
  static async switchLanguage(step: WaterfallStepContext, deps: DialogDependencies, lang: Lang): Promise<DialogTurnResult> {
    const profile = await deps.profile.get(step.context, {});
    profile.lang = lang;
    setTurnLang(step.context, lang);
    await step.context.sendActivity(reply(deps.t(lang, 'language.changed'), { topic: INTENTS.language, confidence: 1, lang }));
    return step.endDialog(lang);
  }

  private async menuStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { switchTo } = (step.options ?? {}) as LanguageOptions;
    if (switchTo) return LanguageDialog.switchLanguage(step, this.deps, switchTo);
    const lang = turnLang(step.context);
    const choices = LANGUAGES.map((code) => ({ value: BUTTON.language(code), title: ENDONYMS[code] }));
    await step.context.sendActivity(reply(this.deps.t(lang, 'language.ask'), { topic: INTENTS.language, confidence: 1, lang }, choices));
    return Dialog.EndOfTurn;
  }

  private async chosenStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const choices = LANGUAGES.map((code) => ({ value: BUTTON.language(code), title: ENDONYMS[code] }));
    const picked = parseButton(matchChoice(step.context.activity.text ?? '', choices)?.value);
    if (picked?.kind === 'lang' && isLang(picked.arg)) return LanguageDialog.switchLanguage(step, this.deps, picked.arg);
    // Not a language: leave the menu and let the main dialog treat the message as a question.
    return step.endDialog({ unhandled: step.context.activity.text });
  }
}
