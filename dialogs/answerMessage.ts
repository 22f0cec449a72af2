import type { Lang } from '../src/core/language/languages';
import type { KnowledgeEntry } from '../src/core/knowledge/types';
import type { Activity } from 'botbuilder';
import type { Translate } from '../src/i18n';
import type { Choice } from '../src/core/choices';
import type { LocalizedTopic } from '../src/core/knowledge/types';
import { reply } from '../src/bot/replies';
import { BUTTON } from '../src/bot/buttons';

/** At most this many sources are listed under an answer: a phone screen is small. */
const MAX_SOURCES = 2;

/**
 * An answer as the person reads it: the text, then where it comes from and when it was last checked,
 * so they can verify it and a desk can see how fresh it is.
 */
export function answerMessage(body: string, entry: KnowledgeEntry, lang: Lang, t: Translate): string {
  const sources = entry.sources.slice(0, MAX_SOURCES).map((url) => t(lang, 'answer.source', { url }));
  const reviewed = t(lang, 'answer.reviewed', { date: formatDate(entry.reviewed, lang) });
  return `${body.trim()}\n\n${sources.join('\n')}\n${reviewed}`;
}

const dateFormats = new Map<Lang, Intl.DateTimeFormat>();

export function formatDate(isoDate: string, lang: Lang): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  let format = dateFormats.get(lang);
  if (!format) dateFormats.set(lang, (format = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'Europe/Rome' })));
  return Number.isNaN(date.getTime()) ? isoDate : format.format(date);
}

/** A best guess: the answer is framed as such, with the other close topics and a person offered. */
export interface BestGuess {
  alternatives: { id: string; title: string }[];
}

/**
 * An answer as the bot sends it: the text with its sources, and the buttons under it ("more details",
 * "talk to a person" for sensitive topics, "find my nearest desk"). A best guess says so first, ends by
 * asking whether it was the question, and offers the close alternatives and a person before the rest.
 * The editors' preview renders the very same activity for each channel.
 */
export function answerActivity(
  entry: KnowledgeEntry,
  text: LocalizedTopic,
  lang: Lang,
  t: Translate,
  confidence: number,
  guess?: BestGuess,
): { activity: Partial<Activity>; choices: Choice[] } {
  const choices: Choice[] = [];
  if (guess) {
    choices.push(...guess.alternatives.map((alternative) => ({ value: BUTTON.topic(alternative.id), title: alternative.title })));
    choices.push({ value: BUTTON.person, title: t(lang, 'person.button') });
  }
  if (text.more) choices.push({ value: BUTTON.more(entry.id), title: t(lang, 'answer.more') });
  if (entry.sensitive && !guess) choices.push({ value: BUTTON.person, title: t(lang, 'person.button') });
  choices.push({ value: BUTTON.desk(entry.id), title: t(lang, 'desk.findButton') });
  const body = answerMessage(text.answer, entry, lang, t);
  const message = guess ? `${t(lang, 'answer.bestGuess')}\n\n${body}\n\n${t(lang, 'answer.notThis')}` : body;
  const meta = { topic: entry.id, confidence, lang, ...(guess ? { options: guess.alternatives.map((a) => a.id) } : {}) };
  return { activity: reply(message, meta, choices), choices };
}
