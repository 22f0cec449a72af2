import { MemoryStorage, type Activity } from 'botbuilder';
import { loadConfig } from '../../src/config';
import { LocalSession, type Speaker } from '../../src/cli/localSession';
import { metaOf, choicesOf, type PonteMeta } from '../../src/bot/replies';

export const config = loadConfig({});

/** A person chatting with the real bot pipeline (shipped knowledge and locales, memory storage). */
export class Person {
  private static seq = 0;
  readonly who: Speaker;

  constructor(
    private readonly session: LocalSession,
    locale?: string,
  ) {
    const n = ++Person.seq;
    this.who = { userId: `person-${n}`, conversationId: `conversation-${n}`, locale };
  }

  /** Sends a message; returns the bot's replies after the first-contact welcome. */
  async says(text: string): Promise<Reply[]> {
    const activities = await this.session.exchange(text, this.who);
    return activities.map(toReply);
  }

  /** Shares a location pin, as Telegram and WhatsApp let people do. */
  async sharesLocation(lat: number, lon: number): Promise<Reply> {
    const activities = await this.session.exchange('', this.who, [{ type: 'GeoCoordinates', latitude: lat, longitude: lon }]);
    return toReply(activities[activities.length - 1]);
  }

  /** The last reply to a message: the one that carries the turn's outcome. */
  async asks(text: string): Promise<Reply> {
    const replies = await this.says(text);
    return replies[replies.length - 1];
  }
}

export interface Reply {
  text: string;
  meta: PonteMeta;
  buttons: { value: string; title: string }[];
}

function toReply(activity: Partial<Activity>): Reply {
  return { text: activity.text ?? '', meta: metaOf(activity)!, buttons: choicesOf(activity) };
}

export async function openSession(storage = new MemoryStorage(), now?: () => Date): Promise<LocalSession> {
  return LocalSession.open(config, storage, now);
}
