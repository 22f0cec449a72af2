import type { ExpectedAnswer } from '../src/core/handoff/expectedAnswer';
import type { Lang } from '../src/core/language/languages';
import type { Translate } from '../src/i18n';
import type { HandoffMessages } from '../src/handoff/handoffService';
import { INTENTS, reply } from '../src/bot/replies';
import { BUTTON } from '../src/bot/buttons';
import { dayName } from './deskCard';

/** "The desk opens tomorrow at 09:00": when a person can expect an answer, in their language. */
export function whenLine(expected: ExpectedAnswer, lang: Lang, t: Translate): string {
  switch (expected.when) {
    case 'now':
      return t(lang, 'handoff.whenNow');
    case 'today':
      return t(lang, 'handoff.whenToday', { time: expected.time });
    case 'tomorrow':
      return t(lang, 'handoff.whenTomorrow', { time: expected.time });
    case 'later':
      return t(lang, 'handoff.whenLater', { time: expected.time, day: dayName(expected.date, lang) });
    case 'unknown':
      return t(lang, 'handoff.whenUnknown');
  }
}

/** What the person reads when the desk writes, closes the conversation, or asks how it went. */
export function handoffMessages(t: Translate): HandoffMessages {
  const meta = (lang: Lang) => ({ topic: INTENTS.handoff, confidence: 1, lang });
  return {
    operatorReply: (lang, text) => reply(`👤 ${t(lang, 'handoff.fromDesk')}:\n${text}`, meta(lang)),
    resolved: (lang, escalationId) => [
      reply(t(lang, 'handoff.resolved'), meta(lang)),
      reply(
        t(lang, 'handoff.rate'),
        meta(lang),
        [1, 2, 3, 4, 5].map((score) => ({ value: BUTTON.rate(escalationId, score), title: String(score) })),
      ),
    ],
    abandoned: (lang) => [reply(t(lang, 'handoff.abandoned'), meta(lang))],
  };
}
