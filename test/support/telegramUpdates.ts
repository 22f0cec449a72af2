/**
 * Builders of real Telegram Bot API `Update` objects (https://core.telegram.org/bots/api#update), as a
 * bot receives them from getUpdates or a webhook, for private chats: chat.id === from.id, chat.type
 * 'private', from.is_bot false, dates in Unix seconds. Only the fields Telegram sends are present;
 * optional ones are left out unless asked for (language_code, say).
 */

export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface TgChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
}

export interface TgMessageEntity {
  type: string;
  offset: number;
  length: number;
}

export interface TgPhotoSize {
  file_id: string;
  file_unique_id: string;
  width: number;
  height: number;
  file_size?: number;
}

export interface TgVoice {
  file_id: string;
  file_unique_id: string;
  duration: number;
  mime_type?: string;
  file_size?: number;
}

export interface TgSticker {
  file_id: string;
  file_unique_id: string;
  type: 'regular' | 'mask' | 'custom_emoji';
  width: number;
  height: number;
  is_animated: boolean;
  is_video: boolean;
  thumbnail?: TgPhotoSize;
  emoji?: string;
  set_name?: string;
  file_size?: number;
}

export interface TgDocument {
  file_id: string;
  file_unique_id: string;
  thumbnail?: TgPhotoSize;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}

export interface TgLocation {
  latitude: number;
  longitude: number;
  horizontal_accuracy?: number;
}

export interface TgInlineKeyboardButton {
  text: string;
  callback_data?: string;
  url?: string;
}

export interface TgInlineKeyboardMarkup {
  inline_keyboard: TgInlineKeyboardButton[][];
}

export interface TgMessage {
  message_id: number;
  from?: TgUser;
  chat: TgChat;
  date: number;
  edit_date?: number;
  text?: string;
  entities?: TgMessageEntity[];
  caption?: string;
  caption_entities?: TgMessageEntity[];
  location?: TgLocation;
  voice?: TgVoice;
  photo?: TgPhotoSize[];
  sticker?: TgSticker;
  document?: TgDocument;
  reply_markup?: TgInlineKeyboardMarkup;
}

export interface TgCallbackQuery {
  id: string;
  from: TgUser;
  message?: TgMessage;
  inline_message_id?: string;
  chat_instance: string;
  data?: string;
}

export type TgChatMember =
  | { status: 'creator'; user: TgUser; is_anonymous: boolean }
  | { status: 'administrator'; user: TgUser }
  | { status: 'member'; user: TgUser; until_date?: number }
  | { status: 'restricted'; user: TgUser; until_date: number }
  | { status: 'left'; user: TgUser }
  | { status: 'kicked'; user: TgUser; until_date: number };

export interface TgChatMemberUpdated {
  chat: TgChat;
  from: TgUser;
  date: number;
  old_chat_member: TgChatMember;
  new_chat_member: TgChatMember;
}

export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  edited_message?: TgMessage;
  callback_query?: TgCallbackQuery;
  my_chat_member?: TgChatMemberUpdated;
}

/** Who the person is and when they wrote; everything is optional. */
export interface TgUserOptions {
  /** IETF tag as Telegram sends it ('it', 'en', 'uk', 'pt-br'...); left out when not given. */
  languageCode?: string;
  firstName?: string;
  lastName?: string;
  username?: string;
  /** message_id of the person's message; defaults to the update id. */
  messageId?: number;
  /** Unix seconds; defaults to now. */
  date?: number;
}

/**
 * The bot as Telegram describes it inside updates (the author of the message under a callback query,
 * the member whose status my_chat_member reports). Its id matches the fake's getMe when the fake's
 * token starts with "7000000001:".
 */
export const TEST_BOT: TgUser = { id: 7000000001, is_bot: true, first_name: 'Ponte', username: 'ponte_test_bot' };

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export function tgUser(chatId: number, options: TgUserOptions = {}): TgUser {
  return {
    id: chatId,
    is_bot: false,
    first_name: options.firstName ?? 'Amina',
    ...(options.lastName !== undefined ? { last_name: options.lastName } : {}),
    ...(options.username !== undefined ? { username: options.username } : {}),
    ...(options.languageCode !== undefined ? { language_code: options.languageCode } : {}),
  };
}

export function tgPrivateChat(chatId: number, options: TgUserOptions = {}): TgChat {
  return {
    id: chatId,
    first_name: options.firstName ?? 'Amina',
    ...(options.lastName !== undefined ? { last_name: options.lastName } : {}),
    ...(options.username !== undefined ? { username: options.username } : {}),
    type: 'private',
  };
}

function baseMessage(updateId: number, chatId: number, options: TgUserOptions): TgMessage {
  return {
    message_id: options.messageId ?? updateId,
    from: tgUser(chatId, options),
    chat: tgPrivateChat(chatId, options),
    date: options.date ?? nowSeconds(),
  };
}

/** Telegram marks a leading "/command" (with an optional "@botname") as a bot_command entity. */
function commandEntities(text: string): TgMessageEntity[] | undefined {
  const match = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  return match ? [{ offset: 0, length: match[0].length, type: 'bot_command' }] : undefined;
}

/** File ids look like Telegram's: opaque base64url strings, unique per update. */
function fileIds(kind: string, updateId: number): { file_id: string; file_unique_id: string } {
  const tail = Buffer.from(`${kind}:${updateId}`).toString('base64url');
  return { file_id: `AwACAgQAAxkBAAI${tail}AAHkYGJjZGVm`, file_unique_id: `AgAD${tail}` };
}

export function textUpdate(updateId: number, chatId: number, text: string, options: TgUserOptions = {}): TgUpdate {
  const entities = commandEntities(text);
  return { update_id: updateId, message: { ...baseMessage(updateId, chatId, options), text, ...(entities ? { entities } : {}) } };
}

/** "/start", as sent when someone opens the bot (or presses Restart after unblocking it). */
export function startUpdate(updateId: number, chatId: number, languageCode?: string, options: TgUserOptions = {}): TgUpdate {
  return textUpdate(updateId, chatId, '/start', { ...options, ...(languageCode !== undefined ? { languageCode } : {}) });
}

/**
 * A press on an inline keyboard button. `messageId` is the bot's message that carries the keyboard;
 * Telegram includes that message (from the bot, with its reply_markup).
 */
export function callbackUpdate(updateId: number, chatId: number, data: string, messageId = 1, options: TgUserOptions = {}): TgUpdate {
  const date = options.date ?? nowSeconds();
  return {
    update_id: updateId,
    callback_query: {
      id: `${Math.abs(chatId)}${String(updateId).padStart(6, '0')}`,
      from: tgUser(chatId, options),
      message: {
        message_id: messageId,
        from: TEST_BOT,
        chat: tgPrivateChat(chatId, options),
        date: date - 5,
        text: 'Scegli:',
        reply_markup: { inline_keyboard: [[{ text: data, callback_data: data }]] },
      },
      chat_instance: `-${String(Math.abs(chatId)).split('').reverse().join('')}7919`,
      data,
    },
  };
}

export function locationUpdate(updateId: number, chatId: number, lat: number, lon: number, options: TgUserOptions = {}): TgUpdate {
  return { update_id: updateId, message: { ...baseMessage(updateId, chatId, options), location: { latitude: lat, longitude: lon } } };
}

export function voiceUpdate(updateId: number, chatId: number, duration = 4, options: TgUserOptions = {}): TgUpdate {
  return {
    update_id: updateId,
    message: { ...baseMessage(updateId, chatId, options), voice: { duration, mime_type: 'audio/ogg', ...fileIds('voice', updateId), file_size: 12_345 } },
  };
}

/** A photo arrives as several sizes of the same picture, smallest first. */
export function photoUpdate(updateId: number, chatId: number, caption?: string, options: TgUserOptions = {}): TgUpdate {
  const sizes: [number, number, number][] = [
    [90, 67, 1_203],
    [320, 240, 17_854],
    [800, 600, 73_221],
    [1280, 960, 141_562],
  ];
  const photo = sizes.map(([width, height, fileSize], i) => {
    const ids = fileIds(`photo${i}`, updateId);
    return { ...ids, file_size: fileSize, width, height };
  });
  return { update_id: updateId, message: { ...baseMessage(updateId, chatId, options), photo, ...(caption !== undefined ? { caption } : {}) } };
}

export function stickerUpdate(updateId: number, chatId: number, emoji = '👍', options: TgUserOptions = {}): TgUpdate {
  return {
    update_id: updateId,
    message: {
      ...baseMessage(updateId, chatId, options),
      sticker: {
        width: 512,
        height: 512,
        emoji,
        set_name: 'HotCherry',
        is_animated: false,
        is_video: false,
        type: 'regular',
        thumbnail: { ...fileIds('stickerthumb', updateId), file_size: 5_416, width: 128, height: 128 },
        ...fileIds('sticker', updateId),
        file_size: 24_358,
      },
    },
  };
}

export function documentUpdate(
  updateId: number,
  chatId: number,
  fileName = 'permesso.pdf',
  mimeType = 'application/pdf',
  options: TgUserOptions & { caption?: string } = {},
): TgUpdate {
  return {
    update_id: updateId,
    message: {
      ...baseMessage(updateId, chatId, options),
      document: { file_name: fileName, mime_type: mimeType, ...fileIds('document', updateId), file_size: 184_320 },
      ...(options.caption !== undefined ? { caption: options.caption } : {}),
    },
  };
}

/** The person edited an earlier text message: an `edited_message` with the original date and an edit_date. */
export function editedTextUpdate(updateId: number, chatId: number, messageId: number, text: string, options: TgUserOptions = {}): TgUpdate {
  const editDate = options.date ?? nowSeconds();
  const entities = commandEntities(text);
  return {
    update_id: updateId,
    edited_message: {
      ...baseMessage(updateId, chatId, { ...options, messageId }),
      date: editDate - 60,
      edit_date: editDate,
      text,
      ...(entities ? { entities } : {}),
    },
  };
}

function myChatMember(updateId: number, chatId: number, from: 'member' | 'kicked', options: TgUserOptions): TgUpdate {
  const member: TgChatMember = { status: 'member', user: TEST_BOT };
  const kicked: TgChatMember = { status: 'kicked', user: TEST_BOT, until_date: 0 };
  return {
    update_id: updateId,
    my_chat_member: {
      chat: tgPrivateChat(chatId, options),
      from: tgUser(chatId, options),
      date: options.date ?? nowSeconds(),
      old_chat_member: from === 'member' ? member : kicked,
      new_chat_member: from === 'member' ? kicked : member,
    },
  };
}

/** The person blocked the bot: my_chat_member, the bot going from "member" to "kicked" (until_date 0: for good). */
export function blockedUpdate(updateId: number, chatId: number, options: TgUserOptions = {}): TgUpdate {
  return myChatMember(updateId, chatId, 'member', options);
}

/** The person unblocked the bot (Telegram then usually sends /start too): "kicked" back to "member". */
export function unblockedUpdate(updateId: number, chatId: number, options: TgUserOptions = {}): TgUpdate {
  return myChatMember(updateId, chatId, 'kicked', options);
}
