import type { Activity } from 'botbuilder';
import { splitMessage } from '../base/splitMessage';

/** Telegram's limit is 4096 characters a message; a margin keeps escaping from pushing past it. */
const MESSAGE_LIMIT = 3900;
/** callback_data may be at most 64 bytes. */
export const CALLBACK_DATA_BYTES = 64;

export interface TelegramCall {
  method: 'sendMessage' | 'sendLocation';
  payload: Record<string, unknown>;
}

/** Text is sent as HTML: only &, < and > need escaping, so "_", "*" and "[" arrive as typed. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * One reply activity as Bot API calls: the text split under the limit, the buttons as an inline
 * keyboard on the last part, and a native location pin when the reply carries one (a desk).
 */
export async function renderForTelegram(
  chatId: string,
  activity: Partial<Activity>,
  shortenButton: (value: string) => Promise<string>,
): Promise<TelegramCall[]> {
  const calls: TelegramCall[] = [];
  const parts = splitMessage(activity.text ?? '', MESSAGE_LIMIT);
  const actions = activity.suggestedActions?.actions ?? [];
  const keyboard = await Promise.all(actions.map(async (action) => [{ text: String(action.title ?? action.value).slice(0, 64), callback_data: await shortenButton(String(action.value)) }]));
  parts.forEach((part, index) => {
    const payload: Record<string, unknown> = { chat_id: chatId, text: escapeHtml(part), parse_mode: 'HTML', link_preview_options: { is_disabled: true } };
    if (index === parts.length - 1 && keyboard.length > 0) payload.reply_markup = { inline_keyboard: keyboard };
    calls.push({ method: 'sendMessage', payload });
  });
  const geo = (activity.entities ?? []).find((entity) => entity.type === 'GeoCoordinates') as { latitude?: number; longitude?: number } | undefined;
  if (geo?.latitude !== undefined && geo.longitude !== undefined) {
    calls.push({ method: 'sendLocation', payload: { chat_id: chatId, latitude: geo.latitude, longitude: geo.longitude } });
  }
  return calls;
}
