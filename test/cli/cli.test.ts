import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli/main';
import { config } from '../support/session';

async function ponte(args: string[], stdin = '', env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  const code = await runCli(args, { stdin: Readable.from([stdin]), stdout, stderr, env });
  return { code, out, err };
}

describe('ponte ask', () => {
  it('prints the reply to one message', async () => {
    const { code, out } = await ponte(['ask', 'come rinnovo il permesso di soggiorno']);
    expect(code).toBe(0);
    expect(out).toMatch(/60 giorni/);
  });

  it('--json prints lang, topic, confidence, options, desk and reply', async () => {
    const { out } = await ponte(['ask', '--json', 'كيف أجدد permesso di soggiorno']);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ lang: 'ar', topic: 'permit.renewal', options: [], desk: null });
    expect(json.confidence).toBeGreaterThan(0);
    expect(json.reply).toContain('https://');
  });

  it('--jsonl answers each line as a new conversation, keeping ids, and reports bad lines', async () => {
    const input = ['{"id":"a","text":"come rinnovo il permesso"}', 'not json', '{"id":"b","text":"english"}', '{"id":"c","text":"permesso","lang":"en"}'].join('\n');
    const { out } = await ponte(['ask', '--jsonl'], input);
    const lines = out.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ id: 'a', topic: 'permit.renewal', lang: 'it' });
    expect(lines[1].error).toMatch(/line 2/);
    expect(lines[2]).toMatchObject({ id: 'b', topic: 'language', lang: 'en' });
    expect(lines[3]).toMatchObject({ id: 'c', lang: 'en' }); // a new user: the hint decides, not the earlier switch
  });
});

describe('ponte eval', () => {
  it('prints top-1, out-of-scope answered, desks, follow-ups and reply language, overall and per language', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ponte-eval-'));
    const file = path.join(dir, 'set.jsonl');
    const lines = [
      { text: 'come rinnovo il permesso di soggiorno', expect: 'permit.renewal', lang: 'it' },
      { text: 'who won the football match yesterday', expect: 'fallback', lang: 'en' },
      { text: 'how do i renew my permit', expect: 'tax.isee', lang: 'en', class: 'plain' },
      { text: 'dove trovo lo sportello badanti a treviglio', expectType: 'caregiver-counter', expectProvince: 'BG', lang: 'it' },
      { context: ['dove trovo lo sportello badanti a treviglio'], text: 'è aperto sabato?', expect: 'desk.opening-hours', expectType: 'caregiver-counter', expectProvince: 'BG', lang: 'it' },
    ];
    fs.writeFileSync(file, lines.map((line) => JSON.stringify(line)).join('\n'));
    const { out } = await ponte(['eval', file, '--json']);
    const summary = JSON.parse(out);
    expect(summary).toMatchObject({ messages: 5, topOne: { total: 2, correct: 1 }, outOfScopeAnswered: { total: 1, correct: 0 }, desk: { total: 2, correct: 2 }, followUps: { total: 1, correct: 1 } });
    expect(summary.perLanguage.en).toMatchObject({ messages: 2, topOne: { total: 1, correct: 0 }, replyLanguage: { total: 2, correct: 2 } });
    expect(summary.perKind).toEqual({ plain: { total: 1, correct: 0, rate: 0 } });
    const table = await ponte(['eval', file, '--misses']);
    expect(table.out).toMatch(/^all\s+5\s+0\.500 \(1\/2\)/m);
    expect(table.out).toMatch(/expected tax\.isee, got permit\.renewal/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('ponte kb check', () => {
  it('passes on the shipped knowledge', async () => {
    const { code, out } = await ponte(['kb', 'check', config.knowledgeDir]);
    expect(code).toBe(0);
    expect(out).toMatch(/OK: 40 topics/);
  });

  it('exits 1 and names file and field on a broken folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ponte-kb-'));
    fs.cpSync(config.knowledgeDir, dir, { recursive: true });
    const file = path.join(dir, 'topics', 'tax.isee.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/https:\/\/www\.inps\.it[^\s]*/, 'http://www.inps.it'));
    const { code, out } = await ponte(['kb', 'check', dir]);
    expect(code).toBe(1);
    expect(out).toMatch(/ERROR topics\/tax\.isee\.yaml \[sources\.0\]: must be an https:\/\/ URL/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints usage and exits 2 on an unknown command', async () => {
    const { code, err } = await ponte(['frobnicate']);
    expect(code).toBe(2);
    expect(err).toMatch(/Usage: ponte/);
  });
});

describe('ponte users', () => {
  it('creates console accounts with a hashed password, desks by province or id, and refuses bad input naming the field', async () => {
    const env = { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'ponte-users-')) };
    const created = await ponte(['users', 'add', 'amina', '--role', 'operator', '--desk', 'BG,mi.immigration-desk', '--languages', 'it,ar'], 'a long enough passphrase\n', env);
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/Created amina \(operator; desks: .*bg\.caregiver-counter.*mi\.immigration-desk/);
    const file = fs.readFileSync(path.join(env.DATA_DIR, 'console-users.json'), 'utf8');
    expect(file).toMatch(/scrypt\$/);
    expect(file).not.toContain('a long enough passphrase');
    expect((fs.statSync(path.join(env.DATA_DIR, 'console-users.json')).mode & 0o777).toString(8)).toBe('600');

    const refused = await ponte(['users', 'add', 'x', '--role', 'chief', '--desk', 'zz.none', '--languages', 'klingon'], 'short\n', env);
    expect(refused.code).toBe(1);
    for (const field of ['name', 'password', 'role', 'languages', 'desks']) expect(refused.err).toContain(`${field}:`);

    expect((await ponte(['users', 'list'], '', env)).out).toMatch(/^amina\toperator\t/m);
    expect((await ponte(['users', 'passwd', 'amina'], 'another long passphrase\n', env)).code).toBe(0);
    expect((await ponte(['users', 'remove', 'amina'], '', env)).code).toBe(0);
    expect((await ponte(['users', 'list'], '', env)).out).toBe('');
  });
});

describe('ponte kb export / import', () => {
  const filesOf = (dir: string): Record<string, string> =>
    Object.fromEntries(
      fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((d) => d.isFile())
        .map((d) => {
          const full = path.join(d.parentPath, d.name);
          return [path.relative(dir, full), fs.readFileSync(full, 'utf8')];
        }),
    );

  it('writes the live knowledge in the knowledge/ format and reads it back byte for byte', async () => {
    const env = { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'ponte-kb-')) };
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ponte-export-'));
    expect((await ponte(['kb', 'export', out], '', env)).code).toBe(0);
    expect(filesOf(out)).toEqual(filesOf(config.knowledgeDir)); // nothing edited yet: exactly the shipped folder

    const renewal = path.join(out, 'topics', 'permit.renewal.yaml');
    fs.writeFileSync(renewal, fs.readFileSync(renewal, 'utf8').replace('marca da bollo 16 €', 'marca da bollo 17 €'));
    const imported = await ponte(['kb', 'import', out], '', env);
    expect(imported.out).toMatch(/1 published as new versions \(39 unchanged\)/);
    const again = fs.mkdtempSync(path.join(os.tmpdir(), 'ponte-export-'));
    expect((await ponte(['kb', 'export', again], '', env)).code).toBe(0);
    expect(filesOf(again)).toEqual(filesOf(out));
  });

  it('imports nothing from a folder that does not pass kb check, and says why', async () => {
    const env = { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'ponte-kb-')) };
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ponte-export-'));
    await ponte(['kb', 'export', out], '', env);
    const renewal = path.join(out, 'topics', 'permit.renewal.yaml');
    fs.writeFileSync(renewal, fs.readFileSync(renewal, 'utf8').replace('https://www.poste.it', 'http://www.poste.it'));
    const refused = await ponte(['kb', 'import', out], '', env);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/permit\.renewal\.yaml \[sources\.0\]: must be an https/);
    expect(refused.out).toMatch(/Nothing imported/);
    const again = fs.mkdtempSync(path.join(os.tmpdir(), 'ponte-export-'));
    await ponte(['kb', 'export', again], '', env);
    expect(filesOf(again)).toEqual(filesOf(config.knowledgeDir));
  });
});
