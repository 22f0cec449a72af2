import type { Activity } from 'botbuilder';
import type { InboundUpdate } from '../base/channelAdapter';

/** The parts of a Telegram Update that Ponte reads (https://core.telegram.org/bots/api#update). */
export interface TelegramUpdate {
  update_id: number;
  message?: TelegramMessage;
  edited_message?: TelegramMessage;
  callback_query?: { id: string; from: TelegramUser; message?: TelegramMessage; data?: string };
  my_chat_member?: { chat: { id: number }; from: TelegramUser; new_chat_member: { status: string } };
}

interface TelegramUser {
  id: number;
  is_bot?: boolean;
  first_name?: string;
  language_code?: string;
}

interface TelegramMessage {
  message_id: number;
  from?: TelegramUser;
  chat: { id: number; type: string };
  text?: string;
  location?: { latitude: number; longitude: number };
  voice?: unknown;
  audio?: unknown;
  photo?: unknown;
  video?: unknown;
  video_note?: unknown;
  document?: unknown;
  sticker?: unknown;
  contact?: unknown;
}

const MEDIA = ['voice', 'audio', 'photo', 'video', 'video_note', 'document', 'sticker', 'contact'] as const;

/** Is this JSON shaped like a Telegram update at all? */
export function isTelegramUpdate(body: unknown): body is TelegramUpdate {
  return typeof body === 'object' && body !== null && Number.isInteger((body as TelegramUpdate).update_id);
}

/**
 * Translates an update into what the bot understands. Text and button presses become messages;
 * a shared location a GeoCoordinates entity; "/start" a greeting; media, edits and other kinds a
 * message the bot answers with what it can read. A block or unblock only updates delivery state.
 * `undefined` for updates Ponte has nothing to do with (group events, other bots).
 */
export function fromTelegram(update: TelegramUpdate, resolveButton: (data: string) => string): InboundUpdate | undefined {
  const updateId = String(update.update_id);
  if (update.my_chat_member) {
    const status = update.my_chat_member.new_chat_member.status;
    return { updateId, chatId: String(update.my_chat_member.chat.id), blocked: status === 'kicked' };
  }
  if (update.callback_query) {
    const query = update.callback_query;
    const chatId = String(query.message?.chat.id ?? query.from.id);
    return { updateId, chatId, activity: base(query.id, query.from, resolveButton(query.data ?? ''), { callbackQueryId: query.id }) };
  }
  const message = update.message ?? update.edited_message;
  if (!message || message.chat.type !== 'private' || message.from?.is_bot) return undefined;
  const chatId = String(message.chat.id);
  const from = message.from ?? { id: message.chat.id };
  const id = String(message.message_id);
  if (update.edited_message) return { updateId, chatId, activity: base(id, from, '', { unsupported: 'edit' }) };
  if (message.location) {
    const activity = base(id, from, '', {});
    activity.entities = [{ type: 'GeoCoordinates', latitude: message.location.latitude, longitude: message.location.longitude }];
    return { updateId, chatId, activity };
  }
  if (typeof message.text === 'string') {
    const text = /^\/start\b/.test(message.text) ? 'start' : message.text.replace(/^\/help\b/, 'help');
    return { updateId, chatId, activity: base(id, from, text, {}) };
  }
  const kind = MEDIA.find((key) => message[key] !== undefined) ?? 'other';
  return { updateId, chatId, activity: base(id, from, '', { unsupported: kind }) };
}

function base(id: string, from: TelegramUser, text: string, channelData: Record<string, unknown>): Partial<Activity> {
  return {
    id,
    text,
    from: { id: String(from.id), name: from.first_name ?? '' },
    // The device's language: a hint, weaker than what the person writes.
    locale: from.language_code,
    channelData,
  };
}
