import { createHash } from 'node:crypto';
import { ShardedJsonStore } from '../../storage/shardedJsonStore';
import { STORES } from '../../storage/storeLayouts';

/**
 * Button values longer than a platform allows (Telegram callback_data: 64 bytes) are replaced by a
 * short hash and mapped back when pressed: never truncated, which could make two buttons collide.
 */
export class ButtonIds {
  private constructor(private readonly store: ShardedJsonStore<string>) {}

  static async open(dataDir: string): Promise<ButtonIds> {
    return new ButtonIds(await ShardedJsonStore.open<string>(dataDir, STORES.buttons));
  }

  /** Writes what is pending and releases the store's folder. */
  async close(): Promise<void> {
    await this.store.close();
  }

  /** The value itself when it fits in `maxBytes`, else "~" and a hash that `resolve` maps back. */
  async shorten(value: string, maxBytes: number): Promise<string> {
    if (Buffer.byteLength(value) <= maxBytes && !value.startsWith('~')) return value;
    const id = `~${createHash('sha256').update(value).digest('base64url').slice(0, 16)}`;
    if (this.store.get(id) !== value) {
      this.store.set(id, value);
      await this.store.commit();
    }
    return id;
  }

  resolve(id: string): string {
    return id.startsWith('~') ? (this.store.get(id) ?? id) : id;
  }
}
