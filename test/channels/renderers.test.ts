import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { renderForTelegram, escapeHtml } from '../../src/channels/telegram/telegramRenderer';
import { renderForWhatsApp } from '../../src/channels/whatsapp/whatsappRenderer';
import { splitMessage } from '../../src/channels/base/splitMessage';
import { ButtonIds } from '../../src/channels/base/buttonIds';

const withButtons = (n: number, text = 'Scegli'): Partial<Activity> => ({
  type: 'message',
  text,
  suggestedActions: { to: [], actions: Array.from({ length: n }, (_, i) => ({ type: 'postBack', title: `Argomento numero ${i + 1} con un titolo lungo`, value: `#topic:topic.number-${i + 1}` })) },
});

describe('splitMessage', () => {
  it('splits at paragraphs and sentences, never inside a word, under the limit', () => {
    const text = `${'Prima frase del paragrafo. '.repeat(20)}\n\n${'Seconda parte, molto lunga. '.repeat(30)}`;
    const parts = splitMessage(text, 300);
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) expect([...part].length).toBeLessThanOrEqual(300);
    expect(parts.join(' ').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' ').trim());
    for (const part of parts) expect(part).toMatch(/[.,]$/);
  });
});

describe('Telegram rendering', () => {
  it('escapes <, > and & so an answer arrives intact, and leaves _ and * alone', async () => {
    const [call] = await renderForTelegram('1', { text: 'a < b & c > d, *bold* _x_ [link]' }, async (v) => v);
    expect(call.payload.text).toBe('a &lt; b &amp; c &gt; d, *bold* _x_ [link]');
    expect(escapeHtml('<script>')).toBe('&lt;script&gt;');
  });

  it('maps button values longer than 64 bytes instead of truncating them into collisions', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ponte-buttons-'));
    const ids = await ButtonIds.open(dir);
    const long1 = `#place:${'Sant'.repeat(20)}A`;
    const long2 = `#place:${'Sant'.repeat(20)}B`;
    const [a, b] = [await ids.shorten(long1, 64), await ids.shorten(long2, 64)];
    expect(a).not.toBe(b);
    expect(Buffer.byteLength(a)).toBeLessThanOrEqual(64);
    expect(ids.resolve(a)).toBe(long1);
    expect(ids.resolve(b)).toBe(long2);
    expect(await ids.shorten('#topic:permit.renewal', 64)).toBe('#topic:permit.renewal');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('puts the keyboard on the last part of a long answer', async () => {
    const calls = await renderForTelegram('1', withButtons(2, 'Frase lunga. '.repeat(500)), async (v) => v);
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.slice(0, -1).every((c) => !c.payload.reply_markup)).toBe(true);
    expect(calls[calls.length - 1].payload.reply_markup).toBeDefined();
  });
});

describe('WhatsApp rendering', () => {
  const render = (activity: Partial<Activity>) => renderForWhatsApp(activity, async (v) => v, 'Scegli');

  it('uses reply buttons up to 3, with titles cut to 20 characters', async () => {
    const [message] = await render(withButtons(3));
    expect(message).toMatchObject({ type: 'interactive', interactive: { type: 'button' } });
    const buttons = (message.interactive as { action: { buttons: { reply: { title: string } }[] } }).action.buttons;
    for (const button of buttons) expect([...button.reply.title].length).toBeLessThanOrEqual(20);
  });

  it('uses a list from 4 to 10 choices, keeping whole titles in the descriptions', async () => {
    const [message] = await render(withButtons(7));
    const rows = (message.interactive as { type: string; action: { sections: { rows: { title: string; description?: string }[] }[] } }).action.sections[0].rows;
    expect((message.interactive as { type: string }).type).toBe('list');
    expect(rows).toHaveLength(7);
    for (const row of rows) expect([...row.title].length).toBeLessThanOrEqual(24);
    expect(rows[0].description).toContain('con un titolo lungo');
  });

  it('numbers more than 10 choices in the text', async () => {
    const messages = await render(withButtons(12));
    const text = messages.map((m) => (m.text as { body: string }).body).join('\n');
    expect(text).toMatch(/^12\. Argomento numero 12/m);
    expect(messages.every((m) => m.type === 'text')).toBe(true);
  });

  it('sends a desk location as a native location message', async () => {
    const messages = await render({ text: 'Sportello', entities: [{ type: 'GeoCoordinates', latitude: 45.5, longitude: 9.6, name: 'Sportello' }] });
    expect(messages[messages.length - 1]).toMatchObject({ type: 'location', location: { latitude: 45.5, longitude: 9.6, name: 'Sportello' } });
  });
});
