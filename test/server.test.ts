import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../src/index';
import { DataDirLockedError, KnowledgeError } from '../src/core/errors';
import { startFakeConnector } from './support/fakeConnector';
import { config } from './support/session';

let dataDir: string;
let stop: () => Promise<void>;
let base: string;

async function start(env: Record<string, string> = {}) {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const stopper = await main({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
  return { stopper, base: `http://127.0.0.1:${port}` };
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ponte-server-'));
  ({ stopper: stop, base } = await start());
});
afterAll(async () => {
  await stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const activity = (serviceUrl: string, text: string, id = 'act-1') => ({
  type: 'message',
  id,
  text,
  channelId: 'emulator',
  serviceUrl,
  from: { id: 'user-1', name: 'User' },
  conversation: { id: 'conv-1' },
  recipient: { id: 'ponte', name: 'Ponte' },
  locale: 'it-IT',
});

describe('the server', () => {
  it('reports health: version, knowledge loaded and languages', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { languages: string[] };
    expect(body).toMatchObject({ status: 'ok', version: expect.any(String), knowledge: { entries: 40 } });
    expect(body.languages).toHaveLength(10);
  });

  it('answers a Bot Framework message through the connector, with its metadata', async () => {
    const connector = await startFakeConnector();
    try {
      const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity(connector.url, 'come rinnovo il permesso di soggiorno')) });
      expect(res.status).toBe(200);
      const answer = connector.replies[connector.replies.length - 1] as { text: string; channelData: { ponte: { topic: string; lang: string } } };
      expect(answer.channelData.ponte).toMatchObject({ topic: 'permit.renewal', lang: 'it' });
      expect(answer.text).toContain('https://');
    } finally {
      await connector.close();
    }
  });

  it('keeps no phone number or message text in its data files', async () => {
    const connector = await startFakeConnector();
    try {
      const message = { ...activity(connector.url, 'il mio numero è 3331234567 e ho perso il permesso', 'act-2'), from: { id: '393331234567', name: 'Amina' } };
      await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) });
      const stored = fs.readdirSync(path.join(dataDir, 'state')).map((f) => fs.readFileSync(path.join(dataDir, 'state', f), 'utf8')).join('');
      expect(stored.length).toBeGreaterThan(10);
      expect(stored).not.toContain('393331234567');
      expect(stored).not.toContain('Amina');
    } finally {
      await connector.close();
    }
  });

  it('refuses malformed JSON with 400 and a body that is not an activity with 400', async () => {
    const broken = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type": "message",' });
    expect(broken.status).toBe(400);
    const notActivity = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[1,2,3]' });
    expect(notActivity.status).toBe(400);
  });

  it('refuses a huge body with 413 and keeps serving', async () => {
    const huge = JSON.stringify({ type: 'message', text: 'x'.repeat(2_000_000) });
    const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: huge });
    expect(res.status).toBe(413);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('fails to start, instead of hanging, when its port is taken, and frees its data directory', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'ponte-port-'));
    const port = new URL(base).port;
    try {
      await expect(main({ PORT: port, HOST: '127.0.0.1', DATA_DIR: other, LOG_LEVEL: 'silent' })).rejects.toMatchObject({ code: 'EADDRINUSE' });
      expect(fs.existsSync(path.join(other, 'ponte.lock'))).toBe(false);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('refuses to start on a data directory another running process holds', async () => {
    const held = fs.mkdtempSync(path.join(os.tmpdir(), 'ponte-held-'));
    fs.writeFileSync(path.join(held, 'ponte.lock'), String(process.ppid)); // a live process that is not us
    try {
      await expect(main({ PORT: '0', DATA_DIR: held, LOG_LEVEL: 'silent' })).rejects.toBeInstanceOf(DataDirLockedError);
      expect(fs.existsSync(path.join(held, 'state'))).toBe(false);
    } finally {
      fs.rmSync(held, { recursive: true, force: true });
    }
  });

  it('refuses to start on broken knowledge, listing each problem with its file', async () => {
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'ponte-kb-'));
    fs.cpSync(config.knowledgeDir, broken, { recursive: true });
    fs.writeFileSync(path.join(broken, 'topics', 'permit.renewal.yaml'), 'id: permit.renewal\ntext: [unclosed');
    const otherData = fs.mkdtempSync(path.join(os.tmpdir(), 'ponte-data-'));
    try {
      await expect(main({ PORT: '0', DATA_DIR: otherData, KNOWLEDGE_DIR: broken, LOG_LEVEL: 'silent' })).rejects.toThrow(KnowledgeError);
      await expect(main({ PORT: '0', DATA_DIR: otherData, KNOWLEDGE_DIR: broken, LOG_LEVEL: 'silent' })).rejects.toThrow(/topics\/permit\.renewal\.yaml/);
    } finally {
      fs.rmSync(broken, { recursive: true, force: true });
      fs.rmSync(otherData, { recursive: true, force: true });
    }
  });
});

describe('the server with Bot Framework credentials', () => {
  it('refuses an unauthenticated activity with 401, as Azure Bot Service expects', async () => {
    const secured = fs.mkdtempSync(path.join(os.tmpdir(), 'ponte-secured-'));
    const port = 20000 + Math.floor(Math.random() * 20000);
    const stopSecured = await main({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: secured, LOG_LEVEL: 'silent', MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' });
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity('http://127.0.0.1:9', 'ciao')) });
      expect(res.status).toBe(401);
    } finally {
      await stopSecured();
      fs.rmSync(secured, { recursive: true, force: true });
    }
  });
});

describe('health of the desk directory', () => {
  it('says how many sample desks are live', async () => {
    const body = (await (await fetch(`${base}/healthz`)).json()) as { desks: { total: number; samples: number } };
    expect(body.desks.total).toBeGreaterThanOrEqual(48);
    expect(body.desks.samples).toBe(body.desks.total);
  });
});
