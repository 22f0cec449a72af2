import { ComponentDialog, Dialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { matchChoice } from '../src/core/choices';
import { INTENTS, reply } from '../src/bot/replies';
import { turnLang } from '../src/bot/turnState';
import { BUTTON } from '../src/bot/buttons';
import type { DialogDependencies } from './dialogDependencies';

export const DELETE_DATA_DIALOG = 'deleteDataDialog';
const DELETE_STEPS = 'deleteDataDialog.steps';

/** "Delete my data": one tap to confirm, then everything stored about the person is erased. */
export class DeleteDataDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDependencies) {
    super(DELETE_DATA_DIALOG);
    this.addDialog(new WaterfallDialog(DELETE_STEPS, [this.confirmStep.bind(this), this.eraseStep.bind(this)]));
    this.initialDialogId = DELETE_STEPS;
  }

  private choices(lang: ReturnType<typeof turnLang>) {
    return [
      { value: BUTTON.yes, title: this.deps.t(lang, 'delete.yes') },
      { value: BUTTON.no, title: this.deps.t(lang, 'delete.no') },
    ];
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const lang = turnLang(step.context);
    await step.context.sendActivity(reply(this.deps.t(lang, 'delete.confirm'), { topic: INTENTS.privacy, confidence: 1, lang }, this.choices(lang)));
    return Dialog.EndOfTurn;
  }

  private async eraseStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const lang = turnLang(step.context);
    const confirmed = matchChoice(step.context.activity.text ?? '', this.choices(lang))?.value === BUTTON.yes;
    if (!confirmed) {
      await step.context.sendActivity(reply(this.deps.t(lang, 'delete.kept'), { topic: INTENTS.privacy, confidence: 1, lang }));
      return step.endDialog();
    }
    await this.deps.eraseUserData(step.context);
    await step.context.sendActivity(reply(this.deps.t(lang, 'delete.done'), { topic: INTENTS.privacy, confidence: 1, lang }));
    return step.endDialog(); // nothing is saved after an erasure (see PonteBot.run)
  }
}
