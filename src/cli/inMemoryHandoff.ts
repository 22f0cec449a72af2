import { handoffMessages } from '../../dialogs/handoffMessages';
import type { KnowledgeSnapshot } from '../core/knowledge/knowledgeSnapshot';
import type { Translate } from '../i18n';
import { EscalationStore } from '../storage/escalationStore';
import { SealedBox } from '../storage/sealedBox';
import { ChannelOutbox } from '../handoff/channelOutbox';
import { HandoffService } from '../handoff/handoffService';

/**
 * Hand-off for the command line: escalations in memory, and no channel that could carry an operator's
 * reply. `ponte chat` shows what a person would read; the desks work in the server's console.
 */
export function inMemoryHandoff(knowledge: () => KnowledgeSnapshot, t: Translate, key: Buffer, now?: () => Date): HandoffService {
  return new HandoffService({
    store: EscalationStore.inMemory(),
    seal: new SealedBox(key, 'reply-to'),
    outbox: new ChannelOutbox({}),
    messages: handoffMessages(t),
    desks: () => knowledge().desks,
    operators: () => [],
    now: now ? () => now().getTime() : undefined,
  });
}
