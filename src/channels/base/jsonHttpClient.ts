import http from 'node:http';
import https from 'node:https';
import { PonteError } from '../../core/errors';

/** A platform refused a call for good (blocked user, bad request, closed 24-hour window...). */
export class ChannelApiError extends PonteError {
  constructor(
    readonly channel: string,
    readonly status: number,
    readonly code: number | undefined,
    readonly description: string,
  ) {
    super(`${channel} API error ${status}${code !== undefined ? ` (code ${code})` : ''}: ${description}`);
  }
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** First wait after a 5xx or network error; doubles each time. */
  backoffMs: number;
  /** Longest wait honoured for a 429's retry-after; longer means give up now. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, backoffMs: 250, maxRetryAfterMs: 30_000 };

export interface JsonResponse {
  status: number;
  body: unknown;
  headers: http.IncomingHttpHeaders;
}

/**
 * JSON over HTTP with keep-alive connections (stack notes: 3× the throughput of global fetch on
 * loopback), retrying 429 after the platform's retry-after and 5xx or network errors with bounded
 * exponential backoff. `retryAfterOf` reads the platform's own retry hint from an error body.
 */
export class JsonHttpClient {
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });

  constructor(
    private readonly channel: string,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    private readonly retryAfterOf: (body: unknown) => number | undefined = () => undefined,
  ) {}

  async post(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<JsonResponse> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.retry.attempts; attempt++) {
      try {
        const response = await this.once(url, payload, headers);
        if (response.status === 429) {
          const seconds = this.retryAfterOf(response.body) ?? Number(response.headers['retry-after'] ?? 1);
          const waitMs = Math.max(0, seconds) * 1000;
          if (waitMs > this.retry.maxRetryAfterMs || attempt === this.retry.attempts) return response;
          await sleep(waitMs);
          continue;
        }
        if (response.status >= 500 && attempt < this.retry.attempts) {
          await sleep(this.retry.backoffMs * 2 ** (attempt - 1));
          continue;
        }
        return response;
      } catch (error) {
        lastError = error;
        if (attempt === this.retry.attempts) break;
        await sleep(this.retry.backoffMs * 2 ** (attempt - 1));
      }
    }
    throw new ChannelApiError(this.channel, 0, undefined, `network error: ${(lastError as Error)?.message ?? 'unknown'}`);
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private once(url: string, payload: unknown, headers: Record<string, string>): Promise<JsonResponse> {
    const target = new URL(url);
    const body = Buffer.from(JSON.stringify(payload));
    const transport = target.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const request = transport.request(
        target,
        {
          method: 'POST',
          agent: target.protocol === 'https:' ? this.httpsAgent : this.httpAgent,
          headers: { 'content-type': 'application/json', 'content-length': body.length, ...headers },
          timeout: 30_000,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              // keep the text: an HTML error page from a proxy, say
            }
            resolve({ status: response.statusCode ?? 0, body: parsed, headers: response.headers });
          });
          response.on('error', reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error('timed out')));
      request.on('error', reject);
      request.end(body);
    });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
