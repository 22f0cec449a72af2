/** Intent ids reported in `channelData.ponte.topic` beside the knowledge ids (see the catalogue). */
export const MEDIATOR_REQUEST = 'mediator.request';
export const DESK_FIND = 'desk.find';
export const DESK_OPENING_HOURS = 'desk.opening-hours';
/** Retrieval's stand-in for knowledge/out-of-scope.yaml: when it is the closest "topic", nothing fits. */
export const OUT_OF_SCOPE = 'out-of-scope';

/** Every topic a reply can carry that is not a knowledge id: one list for the bot and the evaluation. */
export const INTENTS = {
  clarify: 'clarify',
  fallback: 'fallback',
  deskFind: DESK_FIND,
  deskHours: DESK_OPENING_HOURS,
  mediator: MEDIATOR_REQUEST,
  outOfScope: OUT_OF_SCOPE,
  /** The chat is with a person: relayed messages, the desk's replies, its closing and the rating. */
  handoff: 'handoff',
  smalltalk: 'smalltalk',
  welcome: 'welcome',
  help: 'help',
  language: 'language',
  privacy: 'privacy',
  cancel: 'cancel',
  error: 'error',
  unsupported: 'unsupported',
} as const;

const INTENT_IDS: ReadonlySet<string> = new Set(Object.values(INTENTS));

/** True for a knowledge id (`permit.renewal`), false for an intent (`clarify`, `desk.find`...). */
export function isKnowledgeTopic(topic: string): boolean {
  return !INTENT_IDS.has(topic);
}
