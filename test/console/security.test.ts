import { randomBytes } from 'node:crypto';
import { hashPassword, verifyPassword } from '../../src/console/passwords';
import { LoginLimiter } from '../../src/console/loginLimiter';
import { SealedBox } from '../../src/storage/sealedBox';

describe('passwords', () => {
  it('are stored as salted scrypt hashes: the same password hashes differently, and only it verifies', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct');
    expect(await verifyPassword(a, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(a, 'correct horse batterY')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
});

describe('sign-in limiter', () => {
  it('locks an account after five failures for the rest of the window, per name and per address', () => {
    const limiter = new LoginLimiter(5, 15 * 60_000);
    const t = 1_000_000;
    for (let i = 0; i < 5; i++) {
      expect(limiter.retryAfter('Giulia', '10.0.0.1', t + i)).toBe(0);
      limiter.failed('giulia', '10.0.0.1', t + i);
    }
    expect(limiter.retryAfter('giulia', '10.0.0.9', t + 10)).toBeGreaterThan(14 * 60);
    expect(limiter.retryAfter('marco', '10.0.0.9', t + 10)).toBe(0);
    expect(limiter.retryAfter('giulia', '10.0.0.9', t + 15 * 60_000 + 10)).toBe(0);
  });

  it('stops one address trying many names', () => {
    const limiter = new LoginLimiter(5, 60_000);
    for (let i = 0; i < 20; i++) limiter.failed(`user${i}`, '10.0.0.2', 1000);
    expect(limiter.retryAfter('someone-else', '10.0.0.2', 1001)).toBeGreaterThan(0);
  });
});

describe('sealed reply addresses', () => {
  it('round-trip with the key, and reveal nothing without it', () => {
    const key = randomBytes(32);
    const box = new SealedBox(key, 'reply-to');
    const sealed = box.seal({ conversation: { id: '393331234567' } });
    expect(sealed).not.toContain('393331234567');
    expect(box.open(sealed)).toEqual({ conversation: { id: '393331234567' } });
    expect(() => new SealedBox(randomBytes(32), 'reply-to').open(sealed)).toThrow();
    expect(() => new SealedBox(key, 'other-purpose').open(sealed)).toThrow();
  });
});
