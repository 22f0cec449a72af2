import type { Activity } from 'botbuilder';
import { splitMessage } from '../base/splitMessage';

const TEXT_LIMIT = 4000; // the Cloud API allows 4096 characters of text
const BUTTON_TITLE = 20; // reply button titles
const ROW_TITLE = 24; // list row titles
const ROW_DESCRIPTION = 72;
const BODY_LIMIT = 1024; // the body of an interactive message
export const BUTTON_ID_BYTES = 256;

/** Cuts a title to a platform limit, marking the cut, and keeps the whole title as a description. */
function fit(title: string, limit: number): string {
  return [...title].length <= limit ? title : `${[...title].slice(0, limit - 1).join('')}…`;
}

/**
 * One reply as Cloud API message objects. Choices become reply buttons (up to 3), a list (up to 10,
 * whole titles in the row descriptions), or numbered lines beyond that, which the bot also
 * understands as answers. A desk's location is sent as a native location message.
 */
export async function renderForWhatsApp(activity: Partial<Activity>, shortenButton: (value: string) => Promise<string>, listButtonLabel: string): Promise<Record<string, unknown>[]> {
  const actions = (activity.suggestedActions?.actions ?? []).map((a) => ({ title: String(a.title ?? a.value), value: String(a.value) }));
  let text = activity.text ?? '';
  if (actions.length > 10) text += `\n\n${actions.map((a, i) => `${i + 1}. ${a.title}`).join('\n')}`;
  const interactive = actions.length > 0 && actions.length <= 10;
  const parts = splitMessage(text, interactive ? BODY_LIMIT : TEXT_LIMIT);
  const messages: Record<string, unknown>[] = parts.slice(0, interactive ? -1 : undefined).map((body) => ({ type: 'text', text: { body, preview_url: false } }));
  if (interactive) {
    const body = { text: parts[parts.length - 1] ?? ' ' };
    const ids = await Promise.all(actions.map((a) => shortenButton(a.value)));
    messages.push(
      actions.length <= 3
        ? { type: 'interactive', interactive: { type: 'button', body, action: { buttons: actions.map((a, i) => ({ type: 'reply', reply: { id: ids[i], title: fit(a.title, BUTTON_TITLE) } })) } } }
        : {
            type: 'interactive',
            interactive: {
              type: 'list',
              body,
              action: {
                button: fit(listButtonLabel, BUTTON_TITLE),
                sections: [{ rows: actions.map((a, i) => ({ id: ids[i], title: fit(a.title, ROW_TITLE), ...([...a.title].length > ROW_TITLE ? { description: fit(a.title, ROW_DESCRIPTION) } : {}) })) }],
              },
            },
          },
    );
  }
  const geo = (activity.entities ?? []).find((entity) => entity.type === 'GeoCoordinates') as { latitude?: number; longitude?: number; name?: string; address?: string } | undefined;
  if (geo?.latitude !== undefined && geo.longitude !== undefined) {
    messages.push({ type: 'location', location: { latitude: geo.latitude, longitude: geo.longitude, ...(geo.name ? { name: geo.name } : {}), ...(geo.address ? { address: geo.address } : {}) } });
  }
  return messages;
}
