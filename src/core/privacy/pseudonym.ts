import { createHmac } from 'node:crypto';

/**
 * A stable pseudonymous id for a person or a storage key: a keyed hash (HMAC-SHA256) of the channel and
 * the channel's own id. Without the key, kept only in the data directory, the stored data cannot be
 * tied back to a phone number or a Telegram account.
 *
 * @example pseudonymize(key, 'whatsapp', '393331234567') // 'u_Xf3…' (22 characters after the prefix)
 */
export function pseudonymize(key: Buffer, channel: string, id: string, prefix = 'u_'): string {
  return prefix + createHmac('sha256', key).update(`${channel}\u0000${id}`).digest('base64url').slice(0, 22);
}
