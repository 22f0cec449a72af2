import type { Escalation } from '../core/handoff/escalation';
import { isOpen } from '../core/handoff/escalation';
import { ShardedJsonStore } from './shardedJsonStore';
import { STORES } from './storeLayouts';

type Records = Pick<ShardedJsonStore<Escalation>, 'get' | 'set' | 'entries' | 'commit' | 'close'>;

/**
 * Escalations in the data directory (lowdb, `escalations/`). Every change is on disk before it is
 * acknowledged, so a restart in the middle of a conversation with a mediator loses nothing.
 */
export class EscalationStore {
  private constructor(private readonly store: Records) {}

  static async open(dataDir: string): Promise<EscalationStore> {
    return new EscalationStore(await ShardedJsonStore.open<Escalation>(dataDir, STORES.escalations));
  }

  /** Writes what is pending and releases the store's folder. */
  async close(): Promise<void> {
    await this.store.close();
  }

  /** For the command line, which never touches the server's data directory. */
  static inMemory(): EscalationStore {
    const map = new Map<string, Escalation>();
    return new EscalationStore({
      get: (key) => map.get(key),
      set: (key, value) => void map.set(key, value),
      entries: () => map.entries(),
      commit: async () => undefined,
      close: async () => undefined,
    });
  }

  get(id: string): Escalation | undefined {
    return this.store.get(id);
  }

  has(id: string): boolean {
    return this.store.get(id) !== undefined;
  }

  all(): Escalation[] {
    return [...this.store.entries()].map(([, escalation]) => escalation);
  }

  async save(escalation: Escalation): Promise<void> {
    this.store.set(escalation.id, escalation);
    await this.store.commit();
  }

  /**
   * The person erased their data: what they wrote, their pseudonym and the address to reply to go;
   * the bare fact that an escalation happened (desk, language, topic, times) stays for the figures.
   */
  async anonymizeUser(user: string, now: number): Promise<number> {
    const theirs = this.all().filter((e) => e.user === user);
    for (const e of theirs) this.store.set(e.id, anonymized(e, now));
    await this.store.commit();
    return theirs.length;
  }

  /** Retention: closed escalations older than `cutoff` keep only their figures. */
  async purgeOlderThan(cutoff: number): Promise<number> {
    const expired = this.all().filter((e) => !isOpen(e) && (e.closedAt ?? e.createdAt) < cutoff && (e.user !== '' || e.messages.length > 0));
    for (const e of expired) this.store.set(e.id, anonymized(e, e.closedAt ?? cutoff));
    await this.store.commit();
    return expired.length;
  }
}

function anonymized(escalation: Escalation, now: number): Escalation {
  const { replyTo: _replyTo, municipality: _municipality, ...rest } = escalation;
  return {
    ...rest,
    user: '',
    messages: [],
    ...(isOpen(escalation) ? { status: 'abandoned', closedAt: now, closedBy: 'user' } : {}),
  };
}
