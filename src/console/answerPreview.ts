import type { KnowledgeEntry } from '../core/knowledge/types';
import type { Lang } from '../core/language/languages';
import type { Translate } from '../i18n';
import { renderForTelegram } from '../channels/telegram/telegramRenderer';
import { renderForWhatsApp } from '../channels/whatsapp/whatsappRenderer';
import { answerActivity } from '../../dialogs/answerMessage';

const RIGHT_TO_LEFT: readonly Lang[] = ['ar', 'ur'];

export interface AnswerPreview {
  rtl: boolean;
  telegram: { html: string; buttons: string[][] }[];
  whatsapp: { text: string; buttons?: string[]; list?: { button: string; rows: string[] } }[];
}

/**
 * A draft answer exactly as each channel would send it: the bot's own reply (sources, buttons) through
 * the channels' own renderers (HTML escaping, splitting, button limits), so what editors see is what
 * people get.
 */
export async function previewAnswer(entry: KnowledgeEntry, lang: Lang, t: Translate): Promise<AnswerPreview | undefined> {
  const text = entry.text[lang];
  if (!text) return undefined;
  const { activity } = answerActivity(entry, text, lang, t, 1);
  const same = async (value: string) => value;
  const telegram = (await renderForTelegram('preview', activity, same))
    .filter((call) => call.method === 'sendMessage')
    .map(({ payload }) => ({
      html: String(payload.text),
      buttons: ((payload.reply_markup as { inline_keyboard?: { text: string }[][] } | undefined)?.inline_keyboard ?? []).map((row) => row.map((button) => button.text)),
    }));
  const whatsapp = (await renderForWhatsApp(activity, same, t(lang, 'choices.open'))).map((message) => {
    const m = message as {
      type?: string;
      text?: { body: string };
      interactive?: { type: string; body: { text: string }; action: { buttons?: { reply: { title: string } }[]; button?: string; sections?: { rows: { title: string }[] }[] } };
    };
    if (m.type === 'interactive' && m.interactive?.type === 'button') return { text: m.interactive.body.text, buttons: (m.interactive.action.buttons ?? []).map((b) => b.reply.title) };
    if (m.type === 'interactive' && m.interactive) return { text: m.interactive.body.text, list: { button: m.interactive.action.button ?? '', rows: (m.interactive.action.sections ?? []).flatMap((s) => s.rows.map((r) => r.title)) } };
    return { text: m.text?.body ?? '' };
  });
  return { rtl: RIGHT_TO_LEFT.includes(lang), telegram, whatsapp };
}
