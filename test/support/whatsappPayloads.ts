import { createHmac } from 'node:crypto';

/**
 * Builders of real WhatsApp Cloud API webhook bodies (the `messages` field of a WhatsApp Business
 * Account), as Meta POSTs them: object 'whatsapp_business_account', entry[].changes[] with field
 * 'messages' and a value holding metadata plus either contacts + messages (something a person sent)
 * or statuses (what became of something the business sent). Timestamps are Unix seconds as strings.
 *
 * Meta signs the raw body it sends (X-Hub-Signature-256) and escapes non-ASCII characters as \uXXXX
 * in it: `metaJson` serialises the same way, `signWhatsApp` signs the exact string you POST.
 */

export const WA_BUSINESS_ACCOUNT_ID = '102290129340398';
export const WA_DISPLAY_PHONE_NUMBER = '15550783881';

export interface WaMetadata {
  display_phone_number: string;
  phone_number_id: string;
}

export interface WaContact {
  profile: { name: string };
  wa_id: string;
}

export interface WaError {
  code: number;
  title: string;
  message?: string;
  error_data?: { details: string };
  href?: string;
}

interface WaMessageBase {
  from: string;
  id: string;
  timestamp: string;
  /** Present when the message answers one of the business's (a button or list reply, a quote). */
  context?: { from: string; id: string };
}

export interface WaMediaObject {
  id: string;
  mime_type: string;
  sha256: string;
  url?: string;
}

export type WaInboundMessage = WaMessageBase &
  (
    | { type: 'text'; text: { body: string } }
    | { type: 'interactive'; interactive: { type: 'button_reply'; button_reply: { id: string; title: string } } }
    | { type: 'interactive'; interactive: { type: 'list_reply'; list_reply: { id: string; title: string; description?: string } } }
    | { type: 'location'; location: { latitude: number; longitude: number; name?: string; address?: string; url?: string } }
    | { type: 'audio'; audio: WaMediaObject & { voice: boolean } }
    | { type: 'image'; image: WaMediaObject & { caption?: string } }
    | { type: 'sticker'; sticker: WaMediaObject & { animated: boolean } }
    | { type: 'reaction'; reaction: { message_id: string; emoji?: string } }
    | { type: 'unsupported'; errors: WaError[]; unsupported: { type: string } }
  );

export type WaStatusName = 'sent' | 'delivered' | 'read' | 'failed';

export interface WaStatus {
  id: string;
  status: WaStatusName;
  timestamp: string;
  recipient_id: string;
  pricing?: { billable: boolean; pricing_model: string; category: string; type: string };
  errors?: WaError[];
}

export interface WaChangeValue {
  messaging_product: 'whatsapp';
  metadata: WaMetadata;
  contacts?: WaContact[];
  messages?: WaInboundMessage[];
  statuses?: WaStatus[];
}

export interface WaWebhookBody {
  object: 'whatsapp_business_account';
  entry: { id: string; changes: { field: 'messages'; value: WaChangeValue }[] }[];
}

export interface WaMessageOptions {
  /** The person's WhatsApp profile name; defaults to 'Amina'. */
  name?: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
}

/** Keys of every message variant that are not common to all of them. */
type WaMessageContent = WaInboundMessage extends infer M ? (M extends WaInboundMessage ? Omit<M, keyof WaMessageBase> : never) : never;

function seconds(options: WaMessageOptions): string {
  return String(options.timestamp ?? Math.floor(Date.now() / 1000));
}

function metadata(phoneNumberId: string): WaMetadata {
  return { display_phone_number: WA_DISPLAY_PHONE_NUMBER, phone_number_id: phoneNumberId };
}

function envelope(value: WaChangeValue): WaWebhookBody {
  return { object: 'whatsapp_business_account', entry: [{ id: WA_BUSINESS_ACCOUNT_ID, changes: [{ field: 'messages', value }] }] };
}

/** One inbound message from `from`, wrapped the way Meta wraps it. */
export function waInbound(
  phoneNumberId: string,
  from: string,
  messageId: string,
  content: WaMessageContent,
  options: WaMessageOptions & { context?: { from: string; id: string } } = {},
): WaWebhookBody {
  const message = {
    ...(options.context ? { context: options.context } : {}),
    from,
    id: messageId,
    timestamp: seconds(options),
    ...content,
  } as WaInboundMessage;
  return envelope({
    messaging_product: 'whatsapp',
    metadata: metadata(phoneNumberId),
    contacts: [{ profile: { name: options.name ?? 'Amina' }, wa_id: from }],
    messages: [message],
  });
}

function mediaObject(kind: string, messageId: string, mimeType: string): WaMediaObject {
  const id = String(1_000_000_000_000_000 + (hashNumber(`${kind}:${messageId}`) % 1_000_000_000_000));
  return {
    mime_type: mimeType,
    sha256: createHmac('sha256', kind).update(messageId).digest('base64'),
    id,
    url: `https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=${id}&ext=1700000000&hash=ARfake`,
  };
}

function hashNumber(text: string): number {
  return parseInt(createHmac('sha256', 'id').update(text).digest('hex').slice(0, 12), 16);
}

/** The id of the business message a reply answers (Meta includes it as context). */
function contextFor(messageId: string): { from: string; id: string } {
  return { from: WA_DISPLAY_PHONE_NUMBER, id: `wamid.${Buffer.from(`context:${messageId}`).toString('base64')}` };
}

export function waText(phoneNumberId: string, from: string, messageId: string, text: string, name?: string, options: WaMessageOptions = {}): WaWebhookBody {
  return waInbound(phoneNumberId, from, messageId, { type: 'text', text: { body: text } }, { ...options, ...(name !== undefined ? { name } : {}) });
}

/** A tap on a reply button of an interactive message the business sent. */
export function waButtonReply(
  phoneNumberId: string,
  from: string,
  messageId: string,
  id: string,
  title: string,
  options: WaMessageOptions & { contextId?: string } = {},
): WaWebhookBody {
  const context = options.contextId ? { from: WA_DISPLAY_PHONE_NUMBER, id: options.contextId } : contextFor(messageId);
  return waInbound(phoneNumberId, from, messageId, { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id, title } } }, { ...options, context });
}

/** A choice of a row in an interactive list message the business sent. */
export function waListReply(
  phoneNumberId: string,
  from: string,
  messageId: string,
  id: string,
  title: string,
  description?: string,
  options: WaMessageOptions & { contextId?: string } = {},
): WaWebhookBody {
  const context = options.contextId ? { from: WA_DISPLAY_PHONE_NUMBER, id: options.contextId } : contextFor(messageId);
  const listReply = { id, title, ...(description !== undefined ? { description } : {}) };
  return waInbound(phoneNumberId, from, messageId, { type: 'interactive', interactive: { type: 'list_reply', list_reply: listReply } }, { ...options, context });
}

/** A shared location; a place picked from the map also has a name (`placeName`) and an address. */
export function waLocation(
  phoneNumberId: string,
  from: string,
  messageId: string,
  lat: number,
  lon: number,
  options: WaMessageOptions & { placeName?: string; address?: string } = {},
): WaWebhookBody {
  const location = {
    latitude: lat,
    longitude: lon,
    ...(options.placeName !== undefined ? { name: options.placeName } : {}),
    ...(options.address !== undefined ? { address: options.address } : {}),
  };
  return waInbound(phoneNumberId, from, messageId, { type: 'location', location }, options);
}

/** A voice note (voice: true, OGG/Opus) or an audio file (voice: false). */
export function waAudio(phoneNumberId: string, from: string, messageId: string, voice = true, options: WaMessageOptions = {}): WaWebhookBody {
  const audio = { ...mediaObject('audio', messageId, voice ? 'audio/ogg; codecs=opus' : 'audio/mpeg'), voice };
  return waInbound(phoneNumberId, from, messageId, { type: 'audio', audio }, options);
}

export function waImage(phoneNumberId: string, from: string, messageId: string, caption?: string, options: WaMessageOptions = {}): WaWebhookBody {
  const image = { ...(caption !== undefined ? { caption } : {}), ...mediaObject('image', messageId, 'image/jpeg') };
  return waInbound(phoneNumberId, from, messageId, { type: 'image', image }, options);
}

export function waSticker(phoneNumberId: string, from: string, messageId: string, animated = false, options: WaMessageOptions = {}): WaWebhookBody {
  const sticker = { ...mediaObject('sticker', messageId, 'image/webp'), animated };
  return waInbound(phoneNumberId, from, messageId, { type: 'sticker', sticker }, options);
}

/** An emoji reaction to the business message `reactedMessageId`; without `emoji`, the reaction was removed. */
export function waReaction(
  phoneNumberId: string,
  from: string,
  messageId: string,
  reactedMessageId: string,
  emoji?: string,
  options: WaMessageOptions = {},
): WaWebhookBody {
  const reaction = { message_id: reactedMessageId, ...(emoji !== undefined ? { emoji } : {}) };
  return waInbound(phoneNumberId, from, messageId, { type: 'reaction', reaction }, options);
}

/** Something Cloud API cannot deliver to a business (an edit, a poll...). */
export function waUnsupported(phoneNumberId: string, from: string, messageId: string, unsupportedType = 'edit', options: WaMessageOptions = {}): WaWebhookBody {
  const errors: WaError[] = [
    { code: 131051, title: 'Message type unknown', message: 'Message type unknown', error_data: { details: 'Message type is currently not supported.' } },
  ];
  return waInbound(phoneNumberId, from, messageId, { type: 'unsupported', errors, unsupported: { type: unsupportedType } }, options);
}

/** Standard texts of errors that status webhooks report, by code. */
export const WA_STATUS_ERRORS: Record<number, { title: string; details: string }> = {
  131047: {
    title: 'Re-engagement message',
    details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  },
  131026: { title: 'Message undeliverable', details: 'Unable to deliver message.' },
  131000: { title: 'Something went wrong', details: 'Message failed to send due to an unknown error.' },
};

/** A status error as the webhook carries it, with Meta's standard texts for known codes. */
export function waStatusError(code: number, details?: string): WaError {
  const known = WA_STATUS_ERRORS[code] ?? { title: 'Error', details: 'Message failed to send.' };
  return {
    code,
    title: known.title,
    message: known.title,
    error_data: { details: details ?? known.details },
    href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
  };
}

/**
 * What became of message `messageId` sent to `recipient`. A failed status carries `errors` (default:
 * 131047, the 24-hour window); `errors` may be full error objects or just codes.
 */
export function waStatus(
  phoneNumberId: string,
  messageId: string,
  recipient: string,
  status: WaStatusName,
  errors?: (WaError | number)[],
  options: { timestamp?: number } = {},
): WaWebhookBody {
  const entry: WaStatus = { id: messageId, status, timestamp: seconds(options), recipient_id: recipient };
  if (status === 'failed') {
    entry.errors = (errors ?? [131047]).map((error) => (typeof error === 'number' ? waStatusError(error) : error));
  } else {
    if (errors) entry.errors = errors.map((error) => (typeof error === 'number' ? waStatusError(error) : error));
    entry.pricing = { billable: false, pricing_model: 'PMP', category: 'service', type: 'free_customer_service' };
  }
  return envelope({ messaging_product: 'whatsapp', metadata: metadata(phoneNumberId), statuses: [entry] });
}

/**
 * JSON as Meta sends it: non-ASCII characters escaped as \uXXXX with lowercase hex (UTF-16 code units,
 * so an emoji becomes a surrogate pair). Meta computes the signature over this form.
 */
export function metaJson(payload: unknown): string {
  return JSON.stringify(payload).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The X-Hub-Signature-256 header value for this exact raw body: "sha256=" and the hex HMAC-SHA256 under the app secret. */
export function signWhatsApp(rawBody: string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody, 'utf8').digest('hex')}`;
}
