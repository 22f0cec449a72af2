import readline from 'node:readline';
import { Writable } from 'node:stream';
import type { Config } from '../config';
import { PonteError } from '../core/errors';
import { DeskDirectory } from '../core/routing/deskDirectory';
import { validateDesks } from '../core/routing/validateDesks';
import { readDeskFiles } from '../knowledge/knowledgeFiles';
import { lombardyMunicipalities } from '../knowledge/municipalities';
import { Accounts, InvalidAccount } from '../console/accounts';
import { UserStore } from '../storage/userStore';
import type { CliIO } from './cliIO';

export const USERS_USAGE = `  users add NAME --role operator|editor|admin [--desk ID,...|PROVINCE] [--languages it,ar,...]
                             create a console account; the password is asked (or read from stdin)
  users passwd NAME          set a new password
  users list                 list the accounts
  users remove NAME          delete an account`;

/**
 * `ponte users ...`: console accounts from the shell, so the first admin exists before the server
 * starts. It writes the data directory's users file; a running server notices the change.
 */
export async function usersCommand(args: string[], options: Record<string, string | undefined>, config: Config, io: CliIO, print: (text: string) => void): Promise<number | undefined> {
  const [action, name] = args;
  const store = await UserStore.open(config.dataDir);
  // Desk ids are checked against the desk files the server publishes.
  const directory = new DeskDirectory(validateDesks(await readDeskFiles(config.knowledgeDir), lombardyMunicipalities()).desks ?? []);
  const accounts = new Accounts(store, () => directory);
  try {
    switch (action) {
      case 'list':
        for (const user of await accounts.list()) print(`${user.name}\t${user.role}\t${user.desks.join(',') || '-'}\t${user.languages.join(',') || '-'}`);
        return 0;
      case 'remove':
        if (!name) return undefined;
        if (!(await accounts.remove(name))) throw new PonteError(`no account named ${name}`);
        print(`Removed ${name}. Their open sessions end at their next request.`);
        return 0;
      case 'add':
      case 'passwd': {
        if (!name) return undefined;
        const existing = (await store.get(name)) ?? undefined;
        if (action === 'passwd' && !existing) throw new PonteError(`no account named ${name}`);
        const password = await readPassword(io);
        const saved = await accounts.save(
          action === 'add'
            ? { name, password, role: options.role ?? '', desks: split(options.desk), languages: split(options.languages) }
            : { name, password, role: existing!.role, desks: existing!.desks, languages: existing!.languages },
          action === 'add',
        );
        print(`${action === 'add' ? 'Created' : 'Updated'} ${saved.name} (${saved.role}${saved.desks.length ? `; desks: ${saved.desks.join(', ')}` : ''}${saved.languages.length ? `; speaks: ${saved.languages.join(', ')}` : ''}).`);
        return 0;
      }
    }
    return undefined;
  } catch (error) {
    if (error instanceof InvalidAccount) throw new PonteError(`Account not saved:\n${error.problems.map((p) => `  ${p.field}: ${p.message}`).join('\n')}`);
    throw error;
  }
}

function split(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** At a terminal: asked twice without echo. Piped (scripts, tests): the first line of stdin. */
async function readPassword(io: CliIO): Promise<string> {
  const tty = Boolean((io.stdin as NodeJS.ReadStream).isTTY);
  if (!tty) {
    for await (const line of readline.createInterface({ input: io.stdin, crlfDelay: Infinity })) return line;
    return '';
  }
  const ask = async (question: string) => {
    io.stdout.write(question);
    const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
    const rl = readline.createInterface({ input: io.stdin, output: muted, terminal: true });
    const answer = await new Promise<string>((resolve) => rl.question('', resolve));
    rl.close();
    io.stdout.write('\n');
    return answer;
  };
  const first = await ask('Password: ');
  if ((await ask('Again: ')) !== first) throw new PonteError('The two passwords differ; nothing was saved.');
  return first;
}
