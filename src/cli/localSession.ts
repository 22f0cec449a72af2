import { randomBytes } from 'node:crypto';
import { MemoryStorage, type Activity, type Storage } from 'botbuilder';
import pino from 'pino';
import { DirectAdapter } from '../channels/direct/directAdapter';
import { KnowledgeStore } from '../knowledge/knowledgeStore';
import { loadLocales, personIntent } from '../i18n';
import { createPonteBot } from '../ponte';
import { createTurnErrorHandler } from '../bot/onTurnError';
import { choicesOf, metaOf } from '../bot/replies';
import type { Config } from '../config';
import { loadMunicipalityAliases, lombardyMunicipalities } from '../knowledge/municipalities';
import type { Choice } from '../core/choices';
import { inMemoryHandoff } from './inMemoryHandoff';
import { isKnowledgeTopic } from '../core/intents';
import type { HandoffService } from '../handoff/handoffService';

export interface Speaker {
  userId: string;
  conversationId: string;
  /** The channel's hint about the person's language (Telegram `language_code`). */
  locale?: string;
}

/** The outcome of one turn, as `ponte ask --json` prints it. */
export interface TurnOutcome {
  lang: string;
  topic: string;
  confidence: number;
  options: string[];
  desk: { id: string; type: string; province: string; name: string } | null;
  reply: string;
  choices: Choice[];
}

/**
 * The bot pipeline of the server, in memory: the command line uses it so that `ponte chat`, `ask` and
 * `eval` answer exactly as the server would, without touching the server's data directory.
 */
export class LocalSession {
  private constructor(
    private readonly run: (activity: Partial<Activity>) => Promise<Partial<Activity>[]>,
    /** The escalations this session opened (in memory): what a desk would see. */
    readonly handoff: HandoffService,
  ) {}

  static async open(
    config: Pick<Config, 'knowledgeDir' | 'localesDir' | 'defaultLanguage' | 'retentionDays'>,
    storage: Storage = new MemoryStorage(),
    now?: () => Date,
  ): Promise<LocalSession> {
    const locales = loadLocales(config.localesDir);
    const { store } = await KnowledgeStore.load(config.knowledgeDir, [personIntent(locales.commands)]);
    const logger = pino({ level: process.env.PONTE_DEBUG ? 'debug' : 'silent' });
    const pseudonymKey = randomBytes(32);
    const handoff = inMemoryHandoff(() => store.current(), locales.t, pseudonymKey, now);
    const { bot, conversationState } = createPonteBot({
      knowledge: () => store.current(),
      locales,
      storage,
      pseudonymKey,
      handoff,
      defaultLanguage: config.defaultLanguage,
      retentionDays: config.retentionDays,
      logger,
      municipalities: lombardyMunicipalities(),
      municipalityAliases: loadMunicipalityAliases(config.knowledgeDir),
      now,
    });
    const adapter = new DirectAdapter();
    adapter.onTurnError = createTurnErrorHandler({ logger, t: locales.t, conversationState });
    return new LocalSession((activity) => adapter.send(activity, (context) => bot.run(context)), handoff);
  }

  /** Sends one message as `userId` in `conversationId` and summarises the replies. */
  async say(text: string, who: Speaker): Promise<TurnOutcome> {
    return summarize(await this.exchange(text, who));
  }

  /** Sends one message (optionally with entities, such as a shared location) and returns every activity the bot sent back. */
  async exchange(text: string, who: Speaker, entities?: Activity['entities']): Promise<Partial<Activity>[]> {
    return this.run({
      text,
      entities,
      locale: who.locale,
      from: { id: who.userId, name: 'user' },
      conversation: { id: who.conversationId, isGroup: false, conversationType: 'personal', name: '' },
    });
  }
}

/**
 * The turn's outcome, leaving out the first-contact welcome: the topic of its knowledge answer when it
 * gave one (a question with a place gets the answer and then the desk), else of its last reply; the
 * desk of the last reply that named one.
 */
export function summarize(activities: Partial<Activity>[]): TurnOutcome {
  // Events (Bot Framework's handoff.initiate) are for contact-centre software, not part of the reply.
  const replies = activities.filter((activity) => activity.type === 'message');
  const content = replies.filter((activity) => metaOf(activity)?.topic !== 'welcome');
  const last = content[content.length - 1] ?? replies[replies.length - 1];
  const answer = content.find((activity) => isKnowledgeTopic(metaOf(activity)?.topic ?? 'none')) ?? last;
  const meta = answer ? metaOf(answer) : undefined;
  const desk = [...content].reverse().map((activity) => metaOf(activity)?.desk).find(Boolean);
  return {
    lang: (last && metaOf(last)?.lang) ?? meta?.lang ?? '',
    topic: meta?.topic ?? 'none',
    confidence: meta?.confidence ?? 0,
    options: meta?.options ?? [],
    desk: desk ?? null,
    reply: content.map((activity) => activity.text ?? '').join('\n\n'),
    choices: last ? choicesOf(last) : [],
  };
}
