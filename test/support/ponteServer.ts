import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/index';
import { Accounts } from '../../src/console/accounts';
import { UserStore } from '../../src/storage/userStore';
import { KnowledgeStore } from '../../src/knowledge/knowledgeStore';
import { config } from './session';

export const TELEGRAM_TOKEN = '123456789:TEST-token-for-the-fake-bot-api';
export const TELEGRAM_SECRET = 'test-secret-0123456789abcdef';
export const WHATSAPP = { accessToken: 'EAAtest-access-token', appSecret: 'test-app-secret', verifyToken: 'test-verify-token', phoneNumberId: '106540352242922', version: 'v21.0' };

export interface RunningPonte {
  base: string;
  dataDir: string;
  /** Stops the server; the data directory goes too unless `keepData` (to start again on it). */
  stop: (options?: { keepData?: boolean }) => Promise<void>;
}

/** A real Ponte server on 127.0.0.1 with its own data directory, talking to the given fake platforms. */
export async function startPonte(
  env: Record<string, string>,
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ponte-channels-')),
  /** A fixed port, to start again where a browser page expects the server. */
  port = 20000 + Math.floor(Math.random() * 20000),
): Promise<RunningPonte> {
  const stop = await main({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', CONSOLE_SECURE_COOKIES: 'false', ...env });
  return {
    base: `http://127.0.0.1:${port}`,
    dataDir,
    stop: async (options = {}) => {
      await stop();
      if (!options.keepData) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestAccount {
  name: string;
  password: string;
  role: 'operator' | 'editor' | 'admin';
  desks?: string[];
  languages?: string[];
}

/** A data directory with console accounts in it, as `npx ponte users add` leaves it. */
export async function dataDirWithAccounts(accounts: TestAccount[]): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ponte-console-'));
  const { store } = await KnowledgeStore.load(config.knowledgeDir);
  const saver = new Accounts(await UserStore.open(dataDir), () => store.current().desks);
  for (const account of accounts) await saver.save({ desks: [], languages: [], ...account }, true);
  return dataDir;
}
