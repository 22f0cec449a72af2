import { isKnowledgeTopic } from '../core/intents';
import { isOpen, type Escalation, type Operator } from '../core/handoff/escalation';
import { expectedAnswer } from '../core/handoff/expectedAnswer';
import type { KnowledgeSnapshot } from '../core/knowledge/knowledgeSnapshot';

export interface ViewContext {
  knowledge: KnowledgeSnapshot;
  operators: readonly Operator[];
  canSendTemplate: (escalation: Escalation) => boolean;
  now: number;
  /** The list shows the newest few messages; the conversation view all of them. */
  messages: 'newest' | 'all';
}

const NEWEST = 3;

/**
 * An escalation as the console shows it (docs/console-api.md): names for ids, the sources of the bot's
 * answers, who at the desk speaks the person's language. The sealed reply address never leaves the server.
 */
export function escalationView(escalation: Escalation, context: ViewContext) {
  const { knowledge, operators, now } = context;
  const desk = escalation.deskId ? knowledge.desks.byId(escalation.deskId) : undefined;
  const messages = context.messages === 'all' ? escalation.messages : escalation.messages.slice(-NEWEST);
  return {
    id: escalation.id,
    channel: escalation.channel,
    user: escalation.user ? `u-${escalation.user.slice(2, 8).toLowerCase()}` : '',
    lang: escalation.lang,
    topic: escalation.topic,
    topicTitle: escalation.topic ? knowledge.text(escalation.topic, 'it')?.text.title : undefined,
    reason: escalation.reason,
    municipality: escalation.municipality,
    province: escalation.province,
    deskType: escalation.deskType,
    deskId: escalation.deskId,
    deskName: desk?.name,
    status: escalation.status,
    assignedTo: escalation.assignedTo,
    createdAt: iso(escalation.createdAt),
    firstReplyAt: iso(escalation.firstReplyAt),
    closedAt: iso(escalation.closedAt),
    waitingSeconds: Math.round(((escalation.firstReplyAt ?? (isOpen(escalation) ? now : escalation.closedAt ?? now)) - escalation.createdAt) / 1000),
    satisfaction: escalation.satisfaction,
    deskOpenNow: expectedAnswer(desk, new Date(now)).when === 'now',
    speakers: operators
      .filter((o) => escalation.deskId && o.desks.includes(escalation.deskId) && o.languages.includes(escalation.lang))
      .map((o) => o.name),
    delivery: escalation.delivery ? { problem: escalation.delivery.problem, at: iso(escalation.delivery.at) } : undefined,
    canSendTemplate: context.canSendTemplate(escalation),
    messages: messages.map((message) => ({
      from: message.from,
      text: message.text,
      at: iso(message.at),
      operator: message.operator,
      topic: message.topic,
      sources: message.topic && isKnowledgeTopic(message.topic) ? knowledge.entry(message.topic)?.sources : undefined,
      problem: message.problem,
    })),
  };
}

export type EscalationView = ReturnType<typeof escalationView>;

function iso(at: number | undefined): string | undefined {
  return at === undefined ? undefined : new Date(at).toISOString();
}
