import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/index';

export const TELEGRAM_TOKEN = '123456789:TEST-token-for-the-fake-bot-api';
export const TELEGRAM_SECRET = 'test-secret-0123456789abcdef';
export const WHATSAPP = { accessToken: 'EAAtest-access-token', appSecret: 'test-app-secret', verifyToken: 'test-verify-token', phoneNumberId: '106540352242922', version: 'v21.0' };

/** A real Ponte server on 127.0.0.1 with its own data directory, talking to the given fake platforms. */
export async function startPonte(env: Record<string, string>): Promise<{ base: string; dataDir: string; stop: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ponte-channels-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const stop = await main({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
  return {
    base: `http://127.0.0.1:${port}`,
    dataDir,
    stop: async () => {
      await stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
