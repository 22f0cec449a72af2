import { ActionTypes, ActivityTypes, type Activity } from 'botbuilder';
import type { Choice } from '../core/choices';
import type { Lang } from '../core/language/languages';

/**
 * Machine-readable facts about a reply, in `channelData.ponte`, so analytics, tests, the CLI and the
 * console never parse text. `topic` is a knowledge id or one of the intents below.
 */
export interface PonteMeta {
  topic: string;
  confidence: number;
  lang: Lang;
  /** Topic ids offered as choices (clarifications and fallbacks). */
  options?: string[];
  /** The desk a routing reply names. */
  desk?: { id: string; type: string; province: string; name: string };
}

export { INTENTS } from '../core/intents';

/** A text reply with its metadata and, optionally, buttons (rendered natively by each channel). */
export function reply(text: string, meta: PonteMeta, choices: readonly Choice[] = []): Partial<Activity> {
  const activity: Partial<Activity> = {
    type: ActivityTypes.Message,
    text,
    locale: meta.lang,
    channelData: { ponte: meta },
  };
  if (choices.length > 0) {
    activity.suggestedActions = {
      to: [],
      actions: choices.map((choice) => ({ type: ActionTypes.PostBack, title: choice.title, value: choice.value })),
    };
  }
  return activity;
}

export function metaOf(activity: Partial<Activity>): PonteMeta | undefined {
  return (activity.channelData as { ponte?: PonteMeta } | undefined)?.ponte;
}

export function choicesOf(activity: Partial<Activity>): Choice[] {
  return (activity.suggestedActions?.actions ?? []).map((action) => ({ value: String(action.value), title: action.title ?? '' }));
}
