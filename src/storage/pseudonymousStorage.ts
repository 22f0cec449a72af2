import type { Storage, StoreItems } from 'botbuilder';
import { pseudonymize } from '../core/privacy/pseudonym';

/**
 * Wraps a `Storage` so that keys are stored as keyed hashes: botbuilder builds state keys from the
 * channel's ids (`whatsapp/users/393331234567`), and a phone number must never be a key on disk.
 */
export class PseudonymousStorage implements Storage {
  constructor(
    private readonly inner: Storage,
    private readonly key: Buffer,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    const hashed = keys.map((key) => this.hash(key));
    const items = await this.inner.read(hashed);
    const result: StoreItems = {};
    keys.forEach((key, i) => {
      if (items[hashed[i]] !== undefined) result[key] = items[hashed[i]];
    });
    return result;
  }

  async write(changes: StoreItems): Promise<void> {
    await this.inner.write(Object.fromEntries(Object.entries(changes).map(([key, value]) => [this.hash(key), value])));
  }

  async delete(keys: string[]): Promise<void> {
    await this.inner.delete(keys.map((key) => this.hash(key)));
  }

  private hash(key: string): string {
    return pseudonymize(this.key, 'state', key, 'k_');
  }
}
