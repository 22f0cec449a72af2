/** The console's JSON API as the page uses it: a session cookie and the CSRF token from sign-in. */
export class ConsoleClient {
  private constructor(
    readonly base: string,
    readonly cookie: string,
    readonly csrf: string,
  ) {}

  static async signIn(base: string, username: string, password: string): Promise<ConsoleClient> {
    const res = await signInRequest(base, username, password);
    if (res.status !== 200) throw new Error(`sign-in as ${username} failed: ${res.status} ${await res.text()}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    const { csrf } = (await res.json()) as { csrf: string };
    return new ConsoleClient(base, cookie, csrf);
  }

  get(path: string): Promise<Response> {
    return fetch(`${this.base}${path}`, { headers: { cookie: this.cookie } });
  }

  /** A state-changing call; `csrf: null` leaves the token out, as a forged cross-site request would. */
  post(path: string, body?: unknown, options: { csrf?: string | null; method?: string } = {}): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.cookie, 'content-type': 'application/json' };
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (csrf !== null) headers['x-csrf-token'] = csrf;
    return fetch(`${this.base}${path}`, { method: options.method ?? 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  async json<T = any>(path: string): Promise<T> {
    const res = await this.get(path);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
}

export function signInRequest(base: string, username: string, password: string): Promise<Response> {
  return fetch(`${base}/console/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
}

/** Waits until `check` returns something truthy (a live update, a message arriving), or fails after `ms`. */
export async function eventually<T>(check: () => T | Promise<T>, ms = 5000): Promise<NonNullable<T>> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
