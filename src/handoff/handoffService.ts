import { randomBytes } from 'node:crypto';
import type { Activity, ConversationReference } from 'botbuilder';
import {
  canSee,
  isOpen,
  shortId,
  transition,
  TransitionError,
  type ConsoleAction,
  type DeliveryProblem,
  type Escalation,
  type EscalationMessage,
  type EscalationReason,
  type Operator,
} from '../core/handoff/escalation';
import { expectedAnswer, type ExpectedAnswer } from '../core/handoff/expectedAnswer';
import type { DeskType } from '../core/knowledge/types';
import type { Lang } from '../core/language/languages';
import type { DeskDirectory } from '../core/routing/deskDirectory';
import type { Desk, Municipality } from '../core/routing/desks';
import type { EscalationStore } from '../storage/escalationStore';
import type { SealedBox } from '../storage/sealedBox';

/** What the bot knows when a person asks for a human. */
export interface HandoffRequest {
  channel: string;
  user: string;
  lang: Lang;
  reason: EscalationReason;
  topic?: string;
  municipality?: Municipality;
  deskType: DeskType;
  /** The desk Ponte has just shown the person: "talk to a person" right after it means that desk. */
  deskId?: string;
  /** The last turns with the assistant, oldest first. */
  transcript: EscalationMessage[];
  /** Where the operator's replies go; sealed before it is stored. */
  replyTo: Partial<ConversationReference>;
}

export interface StartedHandoff {
  escalation: Escalation;
  desk?: Desk;
  expected: ExpectedAnswer;
}

/** Sends to a person outside of their turn, on the channel they wrote from. */
export interface Outbox {
  send(channel: string, replyTo: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<DeliveryProblem | undefined>;
  /** WhatsApp's approved template, the only message allowed outside the 24-hour window. */
  sendTemplate(channel: string, replyTo: Partial<ConversationReference>, lang: Lang): Promise<DeliveryProblem | undefined>;
  canSendTemplate(channel: string, lang: Lang): boolean;
}

/** The words the person reads when the desk acts (dialogs/handoffMessages.ts). */
export interface HandoffMessages {
  operatorReply(lang: Lang, text: string): Partial<Activity>;
  resolved(lang: Lang, escalationId: string): Partial<Activity>[];
  abandoned(lang: Lang): Partial<Activity>[];
}

export type HandoffChange = 'created' | 'message' | 'updated';
export type HandoffListener = (escalation: Escalation, change: HandoffChange) => void;

/** Not there, or not for this operator: the console answers both the same way, so ids cannot be probed. */
export class EscalationNotFound extends Error {}
export class InvalidTransfer extends Error {}

const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface HandoffServiceParts {
  store: EscalationStore;
  seal: SealedBox;
  outbox: Outbox;
  messages: HandoffMessages;
  desks: () => DeskDirectory;
  operators: () => readonly Operator[];
  now?: () => number;
}

/**
 * The hand-off from the assistant to a person and back. The bot starts escalations and relays what the
 * person writes; the console claims, replies, transfers and closes them. Every change is saved before
 * anyone is told, and listeners (the console's live queue) hear of it after.
 */
export class HandoffService {
  private readonly listeners = new Set<HandoffListener>();
  private readonly now: () => number;

  constructor(private readonly parts: HandoffServiceParts) {
    this.now = parts.now ?? Date.now;
  }

  onChange(listener: HandoffListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Opens an escalation in the queue of the desk that serves the person (province and desk type). */
  async start(request: HandoffRequest): Promise<StartedHandoff> {
    const now = this.now();
    const shown = request.deskId ? this.parts.desks().byId(request.deskId) : undefined;
    const desk = shown ?? (request.municipality ? this.parts.desks().forMunicipality(request.municipality, request.deskType)[0] : undefined);
    const escalation: Escalation = {
      id: this.newId(),
      channel: request.channel,
      user: request.user,
      lang: request.lang,
      reason: request.reason,
      topic: request.topic,
      municipality: request.municipality?.name,
      province: request.municipality?.province ?? shown?.province,
      deskType: shown?.type ?? request.deskType,
      deskId: desk?.id,
      status: 'waiting',
      createdAt: now,
      lastUserMessageAt: now,
      messages: request.transcript,
      replyTo: this.parts.seal.seal(request.replyTo),
    };
    await this.save(escalation, 'created');
    return { escalation, desk, expected: expectedAnswer(desk, new Date(now)) };
  }

  get(id: string): Escalation | undefined {
    return this.parts.store.get(id);
  }

  /**
   * The person wrote while the chat is with the desk: the message joins the escalation. Returns whether
   * to tell them, once, that the desk is closed and their message is saved for when it opens.
   */
  async userWrote(id: string, text: string): Promise<{ tellDeskClosed: boolean }> {
    const escalation = this.mustGet(id);
    const now = this.now();
    const desk = escalation.deskId ? this.parts.desks().byId(escalation.deskId) : undefined;
    const closed = escalation.status === 'waiting' && expectedAnswer(desk, new Date(now)).when !== 'now';
    const tellDeskClosed = closed && !escalation.toldClosed;
    // Writing reopens WhatsApp's 24-hour window: an earlier "outside the window" no longer holds.
    const delivery = escalation.delivery?.problem === 'outside-window' || escalation.delivery?.problem === 'blocked' ? undefined : escalation.delivery;
    await this.save(
      { ...escalation, messages: [...escalation.messages, { from: 'user', text, at: now }], lastUserMessageAt: now, delivery, toldClosed: escalation.toldClosed || tellDeskClosed },
      'message',
    );
    return { tellDeskClosed };
  }

  /** The person typed "cancel" (or erased their data): back to the assistant. */
  async cancelByUser(id: string): Promise<void> {
    const escalation = this.mustGet(id);
    if (!isOpen(escalation)) return;
    const now = this.now();
    await this.save(
      { ...escalation, status: 'abandoned', closedAt: now, closedBy: 'user', messages: [...escalation.messages, { from: 'system', text: 'cancelled-by-user', at: now }] },
      'updated',
    );
  }

  /** Stores the person's 1-5 answer; only the person the escalation was for can give it, once. */
  async rate(id: string, user: string, score: number): Promise<boolean> {
    const escalation = this.parts.store.get(id);
    if (!escalation || escalation.user !== user || isOpen(escalation) || escalation.satisfaction !== undefined) return false;
    if (!Number.isInteger(score) || score < 1 || score > 5) return false;
    await this.save({ ...escalation, satisfaction: score }, 'updated');
    return true;
  }

  async eraseUser(user: string): Promise<void> {
    const theirs = this.parts.store.all().filter((e) => e.user === user);
    await this.parts.store.anonymizeUser(user, this.now());
    for (const e of theirs) this.notify(this.parts.store.get(e.id)!, 'updated');
  }

  /** The escalations an operator may see: open ones oldest first, or closed ones of the last week. */
  list(operator: Operator, which: 'open' | 'closed'): Escalation[] {
    const weekAgo = this.now() - 7 * 86_400_000;
    const visible = this.visibleTo(operator);
    if (which === 'open') return visible.filter(isOpen).sort((a, b) => a.createdAt - b.createdAt);
    return visible.filter((e) => !isOpen(e) && (e.closedAt ?? 0) >= weekAgo).sort((a, b) => (b.closedAt ?? 0) - (a.closedAt ?? 0));
  }

  /** Every escalation an operator may see, for the summary. */
  visibleTo(operator: Operator): Escalation[] {
    return this.parts.store.all().filter((e) => canSee(operator, e));
  }

  forOperator(operator: Operator, id: string): Escalation {
    const escalation = this.parts.store.get(id);
    if (!escalation || !canSee(operator, escalation)) throw new EscalationNotFound(id);
    return escalation;
  }

  /** Claim, transfer, resolve or abandon. Resolving and abandoning tell the person; resolving asks for a score. */
  async act(operator: Operator, id: string, action: Exclude<ConsoleAction, { kind: 'reply' }>): Promise<Escalation> {
    const current = this.forOperator(operator, id);
    if (action.kind === 'transfer') this.checkTransfer(action);
    const now = this.now();
    const next = transition(current, action, operator.name, now);
    const note: EscalationMessage = { from: 'system', text: systemNote(action, operator.name), at: now, operator: operator.name };
    let updated: Escalation = { ...next, messages: [...next.messages, note] };
    if (action.kind === 'resolve' || action.kind === 'abandon') {
      const activities = action.kind === 'resolve' ? this.parts.messages.resolved(current.lang, current.id) : this.parts.messages.abandoned(current.lang);
      const problem = await this.deliver(current, activities);
      if (problem) updated = { ...updated, delivery: { problem, at: now } };
    }
    await this.save(updated, 'updated');
    return updated;
  }

  /** An operator's message, sent on the person's channel; when the platform refuses, the operator sees why. */
  async reply(operator: Operator, id: string, text: string): Promise<{ escalation: Escalation; problem?: DeliveryProblem }> {
    const current = this.forOperator(operator, id);
    const now = this.now();
    const next = transition(current, { kind: 'reply' }, operator.name, now);
    const problem = await this.deliver(current, [this.parts.messages.operatorReply(current.lang, text)]);
    const message: EscalationMessage = { from: 'operator', text, at: now, operator: operator.name, ...(problem ? { problem } : {}) };
    const escalation: Escalation = {
      ...next,
      // A message that did not arrive is not a first reply: the person is still waiting.
      firstReplyAt: problem ? current.firstReplyAt : next.firstReplyAt,
      messages: [...next.messages, message],
      delivery: problem ? { problem, at: now } : undefined,
    };
    await this.save(escalation, 'message');
    return { escalation, problem };
  }

  /** Outside WhatsApp's window: the approved template invites the person to write, which reopens it. */
  async sendTemplate(operator: Operator, id: string): Promise<{ escalation: Escalation; problem?: DeliveryProblem }> {
    const current = this.forOperator(operator, id);
    if (!isOpen(current)) throw new TransitionError('closed', `escalation ${id} is ${current.status}`);
    if (!this.canSendTemplate(current)) throw new TransitionError('conflict', 'no template for this channel and language');
    const now = this.now();
    const problem = await this.parts.outbox.sendTemplate(current.channel, this.replyTo(current), current.lang);
    const note: EscalationMessage = { from: 'system', text: 'template-sent', at: now, operator: operator.name, ...(problem ? { problem } : {}) };
    const escalation: Escalation = { ...current, messages: [...current.messages, note], delivery: problem ? { problem, at: now } : current.delivery };
    await this.save(escalation, 'message');
    return { escalation, problem };
  }

  /** A template is offered on WhatsApp once the person has been silent for 24 hours, or a send was refused for that. */
  canSendTemplate(escalation: Escalation): boolean {
    if (!isOpen(escalation) || !this.parts.outbox.canSendTemplate(escalation.channel, escalation.lang)) return false;
    return escalation.delivery?.problem === 'outside-window' || this.now() - escalation.lastUserMessageAt > WHATSAPP_WINDOW_MS;
  }

  private async deliver(escalation: Escalation, activities: Partial<Activity>[]): Promise<DeliveryProblem | undefined> {
    if (!escalation.replyTo) return 'rejected';
    return this.parts.outbox.send(escalation.channel, this.replyTo(escalation), activities);
  }

  private replyTo(escalation: Escalation): Partial<ConversationReference> {
    return this.parts.seal.open<Partial<ConversationReference>>(escalation.replyTo!);
  }

  private checkTransfer(action: Extract<ConsoleAction, { kind: 'transfer' }>): void {
    if (action.deskId && !this.parts.desks().byId(action.deskId)) throw new InvalidTransfer(`no desk ${action.deskId}`);
    if (action.operator && !this.parts.operators().some((o) => o.name === action.operator)) throw new InvalidTransfer(`no operator ${action.operator}`);
  }

  private mustGet(id: string): Escalation {
    const escalation = this.parts.store.get(id);
    if (!escalation) throw new EscalationNotFound(id);
    return escalation;
  }

  private newId(): string {
    for (;;) {
      const id = shortId(randomBytes(6));
      if (!this.parts.store.has(id)) return id;
    }
  }

  private async save(escalation: Escalation, change: HandoffChange): Promise<void> {
    await this.parts.store.save(escalation);
    this.notify(escalation, change);
  }

  private notify(escalation: Escalation, change: HandoffChange): void {
    for (const listener of this.listeners) listener(escalation, change);
  }
}

/** System lines in the transcript are codes; the console words them in the operator's language. */
function systemNote(action: Exclude<ConsoleAction, { kind: 'reply' }>, by: string): string {
  if (action.kind === 'transfer') return action.operator ? `transferred-to-operator:${action.operator}` : `transferred-to-desk:${action.deskId}`;
  return `${action.kind === 'claim' ? 'claimed' : action.kind === 'resolve' ? 'resolved' : 'abandoned'}:${by}`;
}
