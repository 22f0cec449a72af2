import { randomBytes } from 'node:crypto';
import { MemoryStorage } from 'botbuilder';
import { Writable } from 'node:stream';
import { DirectAdapter } from '../../src/channels/direct/directAdapter';
import { KnowledgeStore } from '../../src/knowledge/knowledgeStore';
import { loadLocales } from '../../src/i18n';
import { createLogger } from '../../src/logger';
import { createPonteBot } from '../../src/ponte';
import { config } from '../support/session';
import { inMemoryHandoff } from '../../src/cli/inMemoryHandoff';

it('logs the decision of a turn, but no message text, name or phone number', async () => {
  let logged = '';
  const sink = new Writable({ write: (chunk, _encoding, done) => ((logged += chunk), done()) });
  const logger = createLogger('trace', sink);
  const locales = loadLocales(config.localesDir);
  const { store } = await KnowledgeStore.load(config.knowledgeDir);
  const key = randomBytes(32);
  const handoff = inMemoryHandoff(() => store.current(), locales.t, key);
  const { bot } = createPonteBot({ knowledge: () => store.current(), locales, storage: new MemoryStorage(), pseudonymKey: key, defaultLanguage: 'it', retentionDays: 30, logger, municipalities: [], handoff });
  const adapter = new DirectAdapter();
  await adapter.send(
    { text: 'sono Amina Haddad, il mio numero è 3331234567, come rinnovo il permesso di soggiorno', from: { id: '393331234567', name: 'Amina Haddad' }, conversation: { id: '393331234567', isGroup: false, conversationType: 'personal', name: '' } },
    (context) => bot.run(context),
  );
  const lines = logged.trim().split('\n').map((line) => JSON.parse(line));
  expect(lines).toContainEqual(expect.objectContaining({ event: 'turn', topic: expect.any(String), lang: 'it', user: expect.stringMatching(/^u_/) }));
  for (const secret of ['Amina', 'Haddad', '3331234567', 'rinnovo']) expect(logged).not.toContain(secret);
});
