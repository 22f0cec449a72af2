import { ComponentDialog, Dialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { matchChoice } from '../src/core/choices';
import { tokenize } from '../src/core/text/normalize';
import type { DeskType } from '../src/core/knowledge/types';
import type { Desk, Municipality } from '../src/core/routing/desks';
import type { MunicipalityMatch } from '../src/core/routing/municipalityFinder';
import { INTENTS, reply } from '../src/bot/replies';
import { turnLang } from '../src/bot/turnState';
import { BUTTON, parseButton } from '../src/bot/buttons';
import { deskCard, deskMeta } from './deskCard';
import type { DialogDependencies } from './dialogDependencies';

export const FIND_DESK_DIALOG = 'findDeskDialog';
const FIND_DESK_STEPS = 'findDeskDialog.steps';

export interface FindDeskOptions {
  /** The message that asked ("sportello badanti a Treviglio"). */
  text?: string;
  /** The topic just answered, whose desk type is wanted. */
  topicId?: string;
  deskType?: DeskType;
  location?: { lat: number; lon: number };
  /** A municipality already picked from a choice. */
  municipality?: string;
  /** The question was just asked again: wait for the answer without repeating it. */
  quiet?: boolean;
  /** The place the message names, already looked up by the main dialog (`null`: it names none). */
  place?: MunicipalityMatch | null;
}

interface Pending {
  deskType: DeskType;
  text?: string;
  choices?: { value: string; title: string }[];
}

/** A reply this long to "which municipality?" is a new question, not a town name with typos. */
const MAX_PLACE_WORDS = 4;

/** Reads a shared location: Bot Framework's GeoCoordinates entity (channels map their own to it). */
export function sharedLocation(context: TurnContext): { lat: number; lon: number } | undefined {
  const geo = (context.activity.entities ?? []).find((e) => e.type === 'GeoCoordinates') as { latitude?: number; longitude?: number } | undefined;
  return geo && typeof geo.latitude === 'number' && typeof geo.longitude === 'number' ? { lat: geo.latitude, lon: geo.longitude } : undefined;
}

/**
 * Finds the right desk: its type from the request or the topic, the place from the message, the
 * person's saved municipality, a shared location, or by asking. Ambiguous names get a choice; the
 * municipality is remembered for the person (and erased with the rest of their data).
 */
export class FindDeskDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDependencies) {
    super(FIND_DESK_DIALOG);
    this.addDialog(new WaterfallDialog(FIND_DESK_STEPS, [this.placeStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = FIND_DESK_STEPS;
  }

  private async placeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as FindDeskOptions;
    const { words, municipalities } = this.deps.routing;
    const topicDesk = options.topicId ? this.deps.knowledge().entry(options.topicId)?.desk : undefined;
    const deskType = options.deskType ?? (options.text ? words.deskType(options.text) : undefined) ?? (topicDesk && topicDesk !== 'other' ? topicDesk : 'immigration-desk');
    const pending: Pending = { deskType, text: options.text };
    Object.assign(step.values, pending);

    if (options.location) return this.showNearest(step, options.location, deskType);
    if (options.municipality) {
      const named = municipalities.byExactName(options.municipality);
      if (named) return this.showFor(step, named, deskType, options.text);
    }
    const match = options.place !== undefined ? (options.place ?? undefined) : options.text ? this.deps.routing.findPlace(options.text) : undefined;
    if (match?.candidates.length === 1) return this.showFor(step, match.candidates[0], deskType, options.text);
    if (match && match.candidates.length > 1) return this.askWhich(step, match.candidates);
    const saved = (await this.deps.profile.get(step.context, {})).municipality;
    if (saved) return this.showFor(step, saved, deskType, options.text);
    if (options.quiet) return Dialog.EndOfTurn;
    const lang = turnLang(step.context);
    await step.context.sendActivity(reply(this.deps.t(lang, 'desk.askMunicipality'), { topic: INTENTS.deskFind, confidence: 1, lang }));
    return Dialog.EndOfTurn;
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const pending = step.values as Pending;
    const text = step.context.activity.text ?? '';
    const location = sharedLocation(step.context);
    if (location) return this.showNearest(step, location, pending.deskType);
    const picked = parseButton(matchChoice(text, pending.choices ?? [])?.value ?? text);
    const { municipalities } = this.deps.routing;
    if (picked?.kind === 'place' && picked.arg) {
      const named = municipalities.byExactName(picked.arg);
      if (named) return this.showFor(step, named, pending.deskType, pending.text);
    }
    if (tokenize(text).length > MAX_PLACE_WORDS) return step.endDialog({ unhandled: text });
    const match = this.deps.routing.findPlace(text, true);
    if (match?.candidates.length === 1) return this.showFor(step, match.candidates[0], pending.deskType, pending.text);
    if (match && match.candidates.length > 1) return step.replaceDialog(FIND_DESK_DIALOG, { deskType: pending.deskType, text } satisfies FindDeskOptions);
    const lang = turnLang(step.context);
    await step.context.sendActivity(reply(this.deps.t(lang, 'desk.unknownMunicipality'), { topic: INTENTS.deskFind, confidence: 0, lang }));
    return step.replaceDialog(FIND_DESK_DIALOG, { deskType: pending.deskType, quiet: true } satisfies FindDeskOptions);
  }

  private async askWhich(step: WaterfallStepContext, candidates: Municipality[]): Promise<DialogTurnResult> {
    const lang = turnLang(step.context);
    const choices = candidates.map((m) => ({ value: BUTTON.place(m.name), title: `${m.name} (${m.province})` }));
    (step.values as Pending).choices = choices;
    await step.context.sendActivity(reply(this.deps.t(lang, 'desk.whichMunicipality'), { topic: INTENTS.deskFind, confidence: 0.5, lang }, choices));
    return Dialog.EndOfTurn;
  }

  private async showFor(step: WaterfallStepContext, municipality: Municipality, deskType: DeskType, text?: string): Promise<DialogTurnResult> {
    const profile = await this.deps.profile.get(step.context, {});
    profile.municipality = municipality;
    const [desk] = this.deps.knowledge().desks.forMunicipality(municipality, deskType);
    const lang = turnLang(step.context);
    if (!desk) {
      await step.context.sendActivity(reply(this.deps.t(lang, 'desk.none', { municipality: municipality.name }), { topic: INTENTS.deskFind, confidence: 0, lang }));
      return step.endDialog();
    }
    return this.show(step, desk, text);
  }

  private async showNearest(step: WaterfallStepContext, location: { lat: number; lon: number }, deskType: DeskType): Promise<DialogTurnResult> {
    const nearest = this.deps.knowledge().desks.nearest(location, deskType);
    if (!nearest) return step.endDialog();
    const lang = turnLang(step.context);
    return this.show(step, nearest.desk, undefined, this.deps.t(lang, 'desk.nearest', { km: nearest.km.toFixed(1) }));
  }

  private async show(step: WaterfallStepContext, desk: Desk, text?: string, heading?: string): Promise<DialogTurnResult> {
    const lang = turnLang(step.context);
    const now = this.deps.now();
    const asked = text ? this.deps.routing.words.askedDay(text, lang, now) : undefined;
    const card = deskCard(desk, lang, this.deps.t, now, asked);
    const conversation = await this.deps.conversation.get(step.context, {});
    conversation.lastDeskId = desk.id;
    const meta = { topic: INTENTS.deskFind, confidence: 1, lang, desk: deskMeta(desk) };
    const activity = reply(heading ? `${heading}\n${card}` : card, meta);
    // Channels that can show a map pin (Telegram, WhatsApp) send the desk's location natively too.
    activity.entities = [{ type: 'GeoCoordinates', latitude: desk.location.lat, longitude: desk.location.lon, name: desk.name, address: desk.address }];
    await step.context.sendActivity(activity);
    return step.endDialog();
  }
}
