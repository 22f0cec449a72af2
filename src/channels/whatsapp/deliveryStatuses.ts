import type { Logger } from 'pino';
import { ShardedJsonStore } from '../../storage/shardedJsonStore';
import { STORES } from '../../storage/storeLayouts';
import type { WhatsAppStatus } from './whatsappUpdates';

export interface StatusRecord {
  status: string;
  at: number;
  errors?: { code: number; title?: string }[];
}

/** Sent, delivered, read, failed: what WhatsApp reports about each message Ponte sent, by wamid. */
export class DeliveryStatuses {
  private constructor(private readonly store: ShardedJsonStore<StatusRecord>) {}

  static async open(dataDir: string): Promise<DeliveryStatuses> {
    return new DeliveryStatuses(await ShardedJsonStore.open<StatusRecord>(dataDir, STORES.whatsappStatuses));
  }

  /** Writes what is pending and releases the store's folder. */
  async close(): Promise<void> {
    await this.store.close();
  }

  get(messageId: string): StatusRecord | undefined {
    return this.store.get(messageId);
  }

  /** Retention: forgets statuses older than `cutoff`; returns how many. */
  async purgeOlderThan(cutoff: number): Promise<number> {
    return this.store.deleteWhere((record) => (record.at ?? 0) < cutoff);
  }

  async record(status: WhatsAppStatus, logger: Logger): Promise<void> {
    const errors = status.errors?.map((e) => ({ code: e.code, title: e.title }));
    this.store.set(status.id, { status: status.status, at: Date.now(), ...(errors ? { errors } : {}) });
    if (status.status === 'failed') logger.warn({ event: 'whatsappFailed', codes: errors?.map((e) => e.code) }, 'WhatsApp reports a message failed');
    await this.store.commit();
  }
}
