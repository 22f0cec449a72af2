import { ChannelApiError, JsonHttpClient, type RetryPolicy } from '../base/jsonHttpClient';

export interface WhatsAppApiOptions {
  accessToken: string;
  phoneNumberId: string;
  /** https://graph.facebook.com or a local fake: only the host is replaced. */
  baseUrl: string;
  version: string;
  retry?: RetryPolicy;
}

interface GraphError {
  error?: { message?: string; code?: number; error_subcode?: number };
}

/** Cloud API codes that mean "outside the 24-hour customer-service window". */
export const OUTSIDE_WINDOW_CODES = new Set([131047]);
/** Codes that mean the number cannot receive messages from us. */
export const UNREACHABLE_CODES = new Set([131026, 131008, 131051]);

/** The Cloud API's messages endpoint: `${baseUrl}/${version}/${phoneNumberId}/messages`. */
export class WhatsAppApi {
  private readonly http: JsonHttpClient;

  constructor(private readonly options: WhatsAppApiOptions) {
    this.http = new JsonHttpClient('whatsapp', options.retry);
  }

  /** Sends one message object (text, interactive, location); returns its wamid. */
  async send(to: string, message: Record<string, unknown>): Promise<string> {
    const { baseUrl, version, phoneNumberId, accessToken } = this.options;
    const response = await this.http.post(
      `${baseUrl.replace(/\/$/, '')}/${version}/${phoneNumberId}/messages`,
      { messaging_product: 'whatsapp', recipient_type: 'individual', to, ...message },
      { authorization: `Bearer ${accessToken}` },
    );
    const body = response.body as ({ messages?: { id: string }[] } & GraphError) | undefined;
    if (response.status === 200 && body?.messages?.[0]?.id) return body.messages[0].id;
    throw new ChannelApiError('whatsapp', response.status, body?.error?.code, body?.error?.message ?? `HTTP ${response.status}`);
  }

  close(): void {
    this.http.close();
  }
}
