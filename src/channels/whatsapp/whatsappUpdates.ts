import type { Activity } from 'botbuilder';
import type { InboundUpdate } from '../base/channelAdapter';

/** The parts of a Cloud API webhook that Ponte reads. */
export interface WhatsAppWebhook {
  object?: string;
  entry?: { changes?: { field?: string; value?: WhatsAppValue }[] }[];
}

interface WhatsAppValue {
  contacts?: { wa_id: string; profile?: { name?: string } }[];
  messages?: WhatsAppMessage[];
  statuses?: WhatsAppStatus[];
}

interface WhatsAppMessage {
  from: string;
  id: string;
  type: string;
  text?: { body: string };
  interactive?: { type: string; button_reply?: { id: string }; list_reply?: { id: string } };
  button?: { payload?: string; text?: string };
  location?: { latitude: number; longitude: number };
}

export interface WhatsAppStatus {
  id: string;
  status: 'sent' | 'delivered' | 'read' | 'failed' | string;
  recipient_id: string;
  errors?: { code: number; title?: string; message?: string }[];
}

export function isWhatsAppWebhook(body: unknown): body is WhatsAppWebhook {
  return typeof body === 'object' && body !== null && Array.isArray((body as WhatsAppWebhook).entry);
}

/**
 * Splits a webhook into the people's messages (as updates for the bot) and the delivery statuses of
 * our own messages (recorded, never treated as messages).
 */
export function fromWhatsApp(body: WhatsAppWebhook, resolveButton: (id: string) => string): { updates: InboundUpdate[]; statuses: WhatsAppStatus[] } {
  const updates: InboundUpdate[] = [];
  const statuses: WhatsAppStatus[] = [];
  for (const entry of body.entry ?? []) {
    for (const change of entry.changes ?? []) {
      const value = change.value ?? {};
      statuses.push(...(value.statuses ?? []));
      for (const message of value.messages ?? []) {
        const name = value.contacts?.find((c) => c.wa_id === message.from)?.profile?.name ?? '';
        updates.push({ updateId: message.id, chatId: message.from, activity: toActivity(message, name, resolveButton) });
      }
    }
  }
  return { updates, statuses };
}

function toActivity(message: WhatsAppMessage, name: string, resolveButton: (id: string) => string): Partial<Activity> {
  const activity: Partial<Activity> = { id: message.id, from: { id: message.from, name }, text: '', channelData: {} };
  switch (message.type) {
    case 'text':
      activity.text = message.text?.body ?? '';
      break;
    case 'interactive':
      activity.text = resolveButton(message.interactive?.button_reply?.id ?? message.interactive?.list_reply?.id ?? '');
      break;
    case 'button': // quick-reply button of a template message
      activity.text = message.button?.payload ?? message.button?.text ?? '';
      break;
    case 'location':
      activity.entities = [{ type: 'GeoCoordinates', latitude: message.location?.latitude, longitude: message.location?.longitude }];
      break;
    default:
      activity.channelData = { unsupported: message.type };
  }
  return activity;
}
