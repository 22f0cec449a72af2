/**
 * Values carried by buttons. They come back as the message text when a button is pressed, so they
 * start with "#" to never be confused with something a person types.
 */
export const BUTTON = {
  topic: (id: string) => `#topic:${id}`,
  more: (id: string) => `#more:${id}`,
  language: (lang: string) => `#lang:${lang}`,
  desk: (topicId: string) => `#desk:${topicId}`,
  place: (name: string) => `#place:${name}`,
  /** A satisfaction score for a closed escalation: `#rate:K7F3Q9:4`. */
  rate: (escalationId: string, score: number) => `#rate:${escalationId}:${score}`,
  none: '#none',
  person: '#person',
  yes: '#yes',
  no: '#no',
} as const;

/** Reads a button value back: `#topic:permit.renewal` -> `{ kind: 'topic', arg: 'permit.renewal' }`. */
export function parseButton(text: string | undefined): { kind: string; arg?: string } | undefined {
  const match = /^#([a-z]+)(?::(.+))?$/.exec((text ?? '').trim());
  return match ? { kind: match[1], arg: match[2] } : undefined;
}

/** A satisfaction button read back: `#rate:K7F3Q9:4` -> `{ escalationId: 'K7F3Q9', score: 4 }`. */
export function parseRating(text: string | undefined): { escalationId: string; score: number } | undefined {
  const button = parseButton(text);
  const match = button?.kind === 'rate' ? /^([A-Z0-9]+):([1-5])$/.exec(button.arg ?? '') : null;
  return match ? { escalationId: match[1], score: Number(match[2]) } : undefined;
}
