/**
 * Slows down password guessing: after `maxFailures` wrong passwords for one account, or four times as
 * many from one address, sign-in is refused until the window has passed. A correct password clears
 * the account's count. Kept in memory: a restart forgives, which an attacker cannot trigger.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60 * 1000,
  ) {}

  /** Seconds to wait before trying again, or 0 when a try is allowed. */
  retryAfter(username: string, address: string, now = Date.now()): number {
    const wait = (key: string, max: number) => {
      const recent = this.recent(key, now);
      return recent.length >= max ? Math.ceil((recent[recent.length - max] + this.windowMs - now) / 1000) : 0;
    };
    return Math.max(wait(`user:${username.toLowerCase()}`, this.maxFailures), wait(`addr:${address}`, this.maxFailures * 4));
  }

  failed(username: string, address: string, now = Date.now()): void {
    for (const key of [`user:${username.toLowerCase()}`, `addr:${address}`]) this.failures.set(key, [...this.recent(key, now), now]);
  }

  succeeded(username: string): void {
    this.failures.delete(`user:${username.toLowerCase()}`);
  }

  private recent(key: string, now: number): number[] {
    const recent = (this.failures.get(key) ?? []).filter((at) => now - at < this.windowMs);
    if (recent.length) this.failures.set(key, recent);
    else this.failures.delete(key);
    return recent;
  }
}
