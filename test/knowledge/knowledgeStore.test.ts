import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KnowledgeStore } from '../../src/knowledge/knowledgeStore';
import { config } from '../support/session';

describe('KnowledgeStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ponte-kb-'));
    fs.cpSync(config.knowledgeDir, dir, { recursive: true });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps the last good knowledge when a reload finds errors, and says why', async () => {
    const { store } = await KnowledgeStore.load(dir);
    const before = store.current();
    fs.writeFileSync(path.join(dir, 'topics', 'tax.isee.yaml'), 'id: tax.isee\ndesk: nowhere\n');
    const result = await store.reload();
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => `${p.file} ${p.field}`)).toEqual(expect.arrayContaining(['topics/tax.isee.yaml desk']));
    expect(store.current()).toBe(before);
    expect(store.current().entry('tax.isee')).toBeDefined();
  });

  it('publishes a good change on reload', async () => {
    const { store } = await KnowledgeStore.load(dir);
    const file = path.join(dir, 'topics', 'tax.isee.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/reviewed: .*/, 'reviewed: 2026-11-20'));
    expect((await store.reload()).ok).toBe(true);
    expect(store.current().entry('tax.isee')?.reviewed).toBe('2026-11-20');
  });
});
