import {
  ComponentDialog,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { recognizeCommand, type RecognizedCommand } from '../src/core/language/commands';
import { isLang } from '../src/core/language/languages';
import { INTENTS, reply } from '../src/bot/replies';
import { turnLang } from '../src/bot/turnState';
import { parseButton } from './buttons';
import type { DialogDependencies } from './dialogDependencies';
import { DELETE_DATA_DIALOG, DeleteDataDialog } from './deleteDataDialog';
import { FAQ_DIALOG, FaqDialog, type FaqOptions, type FaqResult } from './faqDialog';
import { LANGUAGE_DIALOG, LanguageDialog, type LanguageOptions } from './languageDialog';

export const MAIN_DIALOG = 'mainDialog';
const DISPATCH_STEPS = 'mainDialog.dispatch';

/** A command typed or pressed: the words of `recognizeCommand`, or a button such as "#person". */
type Interruption = Pick<RecognizedCommand, 'kind' | 'switchTo'>;

/**
 * The root dialog. Every message goes first through the commands that work from anywhere (help, cancel,
 * language, talk to a person, delete my data); everything else is a question for the FAQ dialog.
 */
export class MainDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDependencies) {
    super(MAIN_DIALOG);
    this.addDialog(new FaqDialog(deps))
      .addDialog(new LanguageDialog(deps))
      .addDialog(new DeleteDataDialog(deps))
      .addDialog(new WaterfallDialog(DISPATCH_STEPS, [this.dispatchStep.bind(this), this.afterChildStep.bind(this)]));
    this.initialDialogId = DISPATCH_STEPS;
  }

  /** Commands interrupt whatever is waiting (a clarification, the language menu, a confirmation). */
  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    const command = this.recognize(inner.context.activity.text);
    if (command && command.kind !== 'greeting' && command.kind !== 'thanks') {
      await inner.cancelAllDialogs();
      return this.run(inner, command);
    }
    return super.onContinueDialog(inner);
  }

  private async dispatchStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const text = step.context.activity.text ?? '';
    const command = this.recognize(text);
    if (command) return this.run(step, command);
    const button = parseButton(text);
    if (button?.kind === 'topic') return step.beginDialog(FAQ_DIALOG, { topicId: button.arg } satisfies FaqOptions);
    return step.beginDialog(FAQ_DIALOG, { text } satisfies FaqOptions);
  }

  /**
   * The language menu hands back a message that was not a language: it is a question. The FAQ hands
   * back a question that was really a request for a person.
   */
  private async afterChildStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as (FaqResult & { unhandled?: string }) | undefined;
    if (result?.unhandled) return step.replaceDialog(FAQ_DIALOG, { text: result.unhandled } satisfies FaqOptions);
    if (result?.wantsPerson) return this.run(step, { kind: 'person' });
    return step.endDialog();
  }

  private recognize(text: string | undefined): Interruption | undefined {
    const button = parseButton(text);
    if (button?.kind === 'person') return { kind: 'person' };
    if (button?.kind === 'lang' && isLang(button.arg)) return { kind: 'language', switchTo: button.arg };
    if (button) return undefined;
    return recognizeCommand(text ?? '', this.deps.commands);
  }

  private async run(dc: DialogContext, command: Interruption): Promise<DialogTurnResult> {
    const { t } = this.deps;
    const lang = turnLang(dc.context);
    const say = (key: string, topic: string, options?: Record<string, unknown>) =>
      dc.context.sendActivity(reply(t(lang, key, options), { topic, confidence: 1, lang }));
    switch (command.kind) {
      case 'deleteData':
        return dc.beginDialog(DELETE_DATA_DIALOG);
      case 'language':
        return dc.beginDialog(LANGUAGE_DIALOG, { switchTo: command.switchTo } satisfies LanguageOptions);
      case 'person':
        await say('person.noHandoffYet', INTENTS.mediator);
        break;
      case 'cancel':
        await say('cancel.done', INTENTS.cancel);
        break;
      case 'help':
        await say('help.text', INTENTS.help);
        break;
      case 'greeting':
        await say('smalltalk.hello', INTENTS.smalltalk);
        break;
      case 'thanks':
        await say('smalltalk.thanks', INTENTS.smalltalk);
        break;
    }
    return dc.endDialog();
  }
}
