import type { DeskType } from '../knowledge/types';
import type { Lang } from '../language/languages';
import type { Province } from '../routing/desks';

export const ESCALATION_STATUSES = ['waiting', 'assigned', 'resolved', 'abandoned'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

/** Why the assistant handed the chat to a person. */
export type EscalationReason = 'asked' | 'fallbacks' | 'sensitive';

/** Why a platform refused a message (see ChannelAdapter). */
export type DeliveryProblem = 'blocked' | 'outside-window' | 'rejected';

/** One line of the conversation as the operator reads it. */
export interface EscalationMessage {
  from: 'user' | 'bot' | 'operator' | 'system';
  text: string;
  /** Epoch milliseconds. */
  at: number;
  /** The knowledge topic of a bot answer, so the console can show its sources. */
  topic?: string;
  operator?: string;
  /** The platform refused this operator message. */
  problem?: DeliveryProblem;
}

/**
 * A conversation handed to a person. It holds what the operator needs (language, topic, place, the last
 * turns) and nothing that names the person: `user` is their pseudonym; the address to reply to is kept
 * sealed (see src/storage/sealedBox.ts) and only the server can open it.
 */
export interface Escalation {
  id: string;
  channel: string;
  user: string;
  lang: Lang;
  reason: EscalationReason;
  topic?: string;
  municipality?: string;
  province?: Province;
  deskType: DeskType;
  /** The desk whose queue holds it; none when the person's province is unknown (admins route it). */
  deskId?: string;
  status: EscalationStatus;
  assignedTo?: string;
  createdAt: number;
  firstReplyAt?: number;
  closedAt?: number;
  /** Who closed it: an operator's name, or "user" when the person typed "cancel". */
  closedBy?: string;
  /** When the person last wrote: WhatsApp only lets us write freely for 24 hours after that. */
  lastUserMessageAt: number;
  messages: EscalationMessage[];
  /** The last refusal by the platform, shown to the operator until a message gets through. */
  delivery?: { problem: DeliveryProblem; at: number };
  /** 1 (not at all) to 5 (very much), asked when the operator resolves it. */
  satisfaction?: number;
  /** The person was told once that the desk is closed and their message is saved. */
  toldClosed?: boolean;
  /** Sealed conversation reference (where to send replies); erased when the person erases their data. */
  replyTo?: string;
}

/** A turn remembered for a possible hand-off; Ponte's replies by topic only (see PonteBot). */
export type RecentTurn = Pick<EscalationMessage, 'from' | 'text' | 'at' | 'topic'> & { from: 'user' | 'bot' };

/** The question answered last and how sure Ponte was, to report a shaky answer followed by "a person, please". */
export interface LastAnswer {
  text: string;
  confidence: number;
  topics: string[];
}

/** Who is acting in the console. */
export interface Operator {
  name: string;
  role: 'operator' | 'editor' | 'admin';
  /** Desk ids whose queues they work. */
  desks: string[];
  languages: string[];
}

/** At most this many earlier turns travel with an escalation: enough context, not a whole history. */
export const TRANSCRIPT_TURNS = 10;

/** Two answers in a row that the assistant could not give: time for a person. */
export const FALLBACKS_BEFORE_ESCALATION = 2;

export function isOpen(escalation: Pick<Escalation, 'status'>): boolean {
  return escalation.status === 'waiting' || escalation.status === 'assigned';
}

/** Operators see the queues of their desks; admins see everything, including escalations with no desk. */
export function canSee(operator: Operator, escalation: Pick<Escalation, 'deskId'>): boolean {
  if (operator.role === 'admin') return true;
  return escalation.deskId !== undefined && operator.desks.includes(escalation.deskId);
}

export type ConsoleAction =
  | { kind: 'claim' }
  | { kind: 'transfer'; deskId?: string; operator?: string }
  | { kind: 'resolve' }
  | { kind: 'abandon' }
  | { kind: 'reply' };

export class TransitionError extends Error {
  constructor(readonly code: 'closed' | 'conflict', message: string) {
    super(message);
  }
}

/**
 * The rules of the queue, as one pure function: what an action does to an escalation. Closed
 * escalations stay closed; replying to a waiting one claims it; a transfer to another desk puts it back
 * in that desk's waiting queue, a transfer to a person assigns it to them.
 */
export function transition(escalation: Escalation, action: ConsoleAction, by: string, now: number): Escalation {
  if (!isOpen(escalation)) throw new TransitionError('closed', `escalation ${escalation.id} is ${escalation.status}`);
  switch (action.kind) {
    case 'claim':
      return { ...escalation, status: 'assigned', assignedTo: by };
    case 'reply':
      return {
        ...escalation,
        status: 'assigned',
        assignedTo: escalation.assignedTo ?? by,
        firstReplyAt: escalation.firstReplyAt ?? now,
      };
    case 'transfer':
      if (action.operator) return { ...escalation, deskId: action.deskId ?? escalation.deskId, status: 'assigned', assignedTo: action.operator };
      if (action.deskId) return { ...escalation, deskId: action.deskId, status: 'waiting', assignedTo: undefined };
      throw new TransitionError('conflict', 'a transfer names a desk or an operator');
    case 'resolve':
      return { ...escalation, status: 'resolved', closedAt: now, closedBy: by, assignedTo: escalation.assignedTo ?? by };
    case 'abandon':
      return { ...escalation, status: 'abandoned', closedAt: now, closedBy: by };
  }
}

/** Keeps the last `TRANSCRIPT_TURNS` lines. */
export function lastTurns<T>(turns: readonly T[]): T[] {
  return turns.slice(-TRANSCRIPT_TURNS);
}

const ID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: read aloud on the phone

/** A short id an operator can say or type ("K7F3Q9"), from random bytes the caller supplies. */
export function shortId(randomBytes: Uint8Array, length = 6): string {
  let id = '';
  for (let i = 0; i < length; i++) id += ID_ALPHABET[randomBytes[i] % ID_ALPHABET.length];
  return id;
}
