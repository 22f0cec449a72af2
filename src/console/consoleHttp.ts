import type { Request, Response } from 'restify';
import type { Logger } from 'pino';
import { TransitionError } from '../core/handoff/escalation';
import { sameSecret } from '../core/privacy/sameSecret';
import { EscalationNotFound, InvalidTransfer } from '../handoff/handoffService';
import { WorkspaceError } from '../editors/knowledgeWorkspace';
import type { Account, UserStore } from '../storage/userStore';
import { InvalidAccount } from './accounts';
import type { Sessions } from './sessions';

export const SESSION_COOKIE = 'ponte_session';

const SECURITY_HEADERS = {
  // No inline script or style: a message that slipped into the page as HTML still could not run.
  'content-security-policy': "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

/** The headers every console answer carries, page, files and API alike. */
export function secureHeaders(res: Response): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.header(name, value);
}

export interface Caller {
  account: Account;
  token: string;
  csrf: string;
}

export type Handler = (req: Request, res: Response, caller: Caller) => Promise<void>;

/** Who may call a route: everybody signed in, or only some roles. */
export interface Access {
  roles?: readonly Account['role'][];
}

export interface ConsoleHttp {
  send: (res: Response, status: number, body?: unknown) => void;
  caller: (req: Request) => Promise<Caller | undefined>;
  /** A signed-in route: state-changing calls need the session's CSRF token; errors become JSON answers. */
  api: (handler: Handler, access?: Access) => (req: Request, res: Response) => Promise<void>;
}

/** The one place sessions, roles, CSRF and error answers are decided, for every console route. */
export function consoleHttp(parts: { sessions: Sessions; users: UserStore; logger: Logger; now: () => number }): ConsoleHttp {
  const send = (res: Response, status: number, body?: unknown) => {
    secureHeaders(res);
    if (body === undefined) res.send(status);
    else res.json(status, body);
  };

  const caller = async (req: Request): Promise<Caller | undefined> => {
    const token = cookieOf(req, SESSION_COOKIE);
    const session = await parts.sessions.get(token, parts.now());
    const account = session ? await parts.users.get(session.user) : undefined;
    return session && account && token ? { account, token, csrf: session.csrf } : undefined;
  };

  const api = (handler: Handler, access: Access = {}) => async (req: Request, res: Response) => {
    try {
      const who = await caller(req);
      if (!who) return send(res, 401, { error: 'signed-out' });
      if (req.method !== 'GET' && !sameSecret(String(req.headers['x-csrf-token'] ?? ''), who.csrf)) return send(res, 403, { error: 'csrf' });
      if (access.roles && !access.roles.includes(who.account.role)) return send(res, 403, { error: 'forbidden' });
      await handler(req, res, who);
    } catch (error) {
      if (error instanceof EscalationNotFound) return send(res, 404, { error: 'not-found' });
      if (error instanceof TransitionError) return send(res, 409, { error: error.code });
      if (error instanceof InvalidTransfer) return send(res, 400, { error: 'invalid', problems: [{ field: 'transfer', message: error.message }] });
      if (error instanceof InvalidAccount) return send(res, 400, { error: 'invalid', problems: error.problems });
      if (error instanceof WorkspaceError) return send(res, error.code === 'not-found' ? 404 : error.code === 'same-editor' ? 403 : 409, { error: error.code });
      parts.logger.error({ err: error, event: 'consoleError', path: req.path() }, 'console request failed');
      return send(res, 500, { error: 'internal' });
    }
  };

  return { send, caller, api };
}

export function cookieOf(req: Request, name: string): string | undefined {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=') || undefined;
  }
  return undefined;
}
