import { ChannelApiError, JsonHttpClient, type RetryPolicy } from '../base/jsonHttpClient';

export interface TelegramApiOptions {
  token: string;
  /** https://api.telegram.org, a self-hosted Bot API server, or a local fake: only the host is replaced. */
  baseUrl: string;
  retry?: RetryPolicy;
}

interface TelegramReply<T> {
  ok: boolean;
  result?: T;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

/** The Bot API: `${baseUrl}/bot<token>/<method>`, JSON in and out, retries on 429 and 5xx. */
export class TelegramApi {
  private readonly http: JsonHttpClient;

  constructor(private readonly options: TelegramApiOptions) {
    this.http = new JsonHttpClient('telegram', options.retry, (body) => (body as TelegramReply<unknown> | undefined)?.parameters?.retry_after);
  }

  async call<T = unknown>(method: string, payload: Record<string, unknown> = {}): Promise<T> {
    const response = await this.http.post(`${this.options.baseUrl.replace(/\/$/, '')}/bot${this.options.token}/${method}`, payload);
    const body = response.body as TelegramReply<T> | undefined;
    if (response.status === 200 && body?.ok) return body.result as T;
    // The token is part of the URL: never put the URL in an error or a log.
    throw new ChannelApiError('telegram', response.status, body?.error_code, body?.description ?? `HTTP ${response.status}`);
  }

  close(): void {
    this.http.close();
  }
}
