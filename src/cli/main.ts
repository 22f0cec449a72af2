import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../config';
import { TelegramApi } from '../channels/telegram/telegramApi';
import { ALLOWED_UPDATES } from '../channels/telegram/telegramPolling';
import { ConfigError, PonteError } from '../core/errors';
import { summarizeEvaluation } from '../core/evaluation';
import { runEvaluationFiles } from './evaluationRun';
import { LocalSession } from './localSession';
import { choicesOf } from '../bot/replies';
import { formatEvaluation, formatProblems } from './report';
import { importDeskCsv, writeDeskFiles } from '../knowledge/deskImport';
import { lombardyMunicipalities } from '../knowledge/municipalities';
import { USERS_USAGE, usersCommand } from './usersCommand';
import type { CliIO } from './cliIO';
import { KB_USAGE, kbCommand } from './kbCommands';

export type { CliIO } from './cliIO';

/** Flags followed by a value (`--role admin`), as opposed to switches (`--json`). */
const VALUE_FLAGS = new Set(['--out', '--role', '--desk', '--languages']);

const USAGE = `Usage: ponte <command>

  chat                       chat with Ponte in the terminal (buttons are numbered: type the number)
  ask "text" [--json]        print Ponte's reply to one message
  ask --jsonl                read {"id","text","lang"} lines from stdin, one new conversation each,
                             write one JSON line per input: {id, lang, topic, confidence, options, desk, reply}
  eval FILE.jsonl... [--json] [--misses] [--hint]
                             score labelled lines {"text","expect","lang"} (routing lines: {"text",
                             "expectType","expectProvince","lang"}): top-1 accuracy, per language,
                             out-of-scope answered (--hint passes "lang" to the bot as the channel's hint)
${KB_USAGE}
  telegram set-webhook       register PUBLIC_URL/webhooks/telegram with a fresh secret (printed)
  telegram info              show Telegram's view of the webhook
  desks import FILE.csv [--out DIR] [--dry-run]
                             validate a desk list (columns in docs/desks-format.md) and write
                             knowledge/desks/<PROVINCE>.yaml for each province in it
${USERS_USAGE}
`;

/** Runs the `ponte` command line; returns the exit code. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  const flags = new Set(rest.filter((arg) => arg.startsWith('--')));
  const args = rest.filter((arg, i) => !arg.startsWith('--') && !VALUE_FLAGS.has(rest[i - 1]));
  const print = (text: string) => io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  try {
    const config = loadConfig(io.env);
    switch (command) {
      case 'kb': {
        const code = await kbCommand(args, config, print);
        if (code !== undefined) return code;
        break;
      }
      case 'desks':
        if (args[0] !== 'import' || !args[1]) break;
        return deskImport(args[1], flags, flagValue(rest, '--out') ?? path.join(config.knowledgeDir, 'desks'), print);
      case 'users': {
        const code = await usersCommand(args, { role: flagValue(rest, '--role'), desk: flagValue(rest, '--desk'), languages: flagValue(rest, '--languages') }, config, io, print);
        if (code !== undefined) return code;
        break;
      }
      case 'telegram':
        if (args[0] === 'set-webhook' || args[0] === 'info') return await telegramCommand(args[0], config, print);
        break;
      case 'ask': {
        const session = await LocalSession.open(config);
        if (flags.has('--jsonl')) return await askLines(session, io, print);
        const outcome = await session.say(args.join(' '), { userId: 'cli-user', conversationId: 'cli' });
        const { choices, ...json } = outcome;
        print(flags.has('--json') ? JSON.stringify(json) : renderReply(outcome.reply, choices));
        return 0;
      }
      case 'eval': {
        if (args.length === 0) break;
        const session = await LocalSession.open(config);
        return await evaluate(session, args, flags, print);
      }
      case 'chat': {
        const session = await LocalSession.open(config);
        return await chat(session, io, print);
      }
    }
    io.stderr.write(USAGE);
    return 2;
  } catch (error) {
    io.stderr.write(`${error instanceof PonteError ? error.message : (error as Error).stack}\n`);
    return 1;
  }
}

function deskImport(file: string, flags: Set<string>, outDir: string, print: (text: string) => void): number {
  const { byProvince, problems } = importDeskCsv(fs.readFileSync(file, 'utf8'), lombardyMunicipalities());
  if (problems.length) print(formatProblems(problems));
  if (!byProvince) return 1;
  const count = [...byProvince.values()].reduce((n, desks) => n + desks.length, 0);
  if (flags.has('--dry-run')) {
    print(`OK: ${count} desks in ${byProvince.size} provinces (dry run: nothing written).`);
    return 0;
  }
  const written = writeDeskFiles(byProvince, outDir);
  print(`OK: ${count} desks written:\n  ${written.join('\n  ')}\nRun \`npx ponte kb check\`, then restart the server or send it SIGHUP.`);
  return 0;
}

async function telegramCommand(command: 'set-webhook' | 'info', config: Config, print: (text: string) => void): Promise<number> {
  if (!config.telegram) throw new ConfigError(['TELEGRAM_BOT_TOKEN must be set (from @BotFather)']);
  const api = new TelegramApi({ token: config.telegram.token, baseUrl: config.telegram.apiBaseUrl });
  try {
    if (command === 'info') {
      print(JSON.stringify(await api.call('getWebhookInfo'), null, 2));
      return 0;
    }
    if (!config.telegram.publicUrl) throw new ConfigError(['PUBLIC_URL must be set to the https address where Telegram can reach this server']);
    const secret = randomBytes(32).toString('base64url');
    const url = `${config.telegram.publicUrl.replace(/\/$/, '')}/webhooks/telegram`;
    await api.call('setWebhook', { url, secret_token: secret, allowed_updates: ALLOWED_UPDATES, drop_pending_updates: false });
    print(`Webhook set to ${url}.\nStart (or restart) the server with this secret, which Telegram now sends with every update:\n\n  TELEGRAM_WEBHOOK_SECRET=${secret}\n`);
    return 0;
  } finally {
    api.close();
  }
}

function flagValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

async function askLines(session: LocalSession, io: CliIO, print: (text: string) => void): Promise<number> {
  let n = 0;
  for await (const line of readline.createInterface({ input: io.stdin, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    n++;
    let input: { id?: unknown; text?: unknown; lang?: unknown };
    try {
      input = JSON.parse(line);
    } catch {
      print(JSON.stringify({ id: null, error: `line ${n}: not valid JSON` }));
      continue;
    }
    if (typeof input.text !== 'string') {
      print(JSON.stringify({ id: input.id ?? null, error: `line ${n}: "text" must be a string` }));
      continue;
    }
    const { choices, ...outcome } = await session.say(input.text, {
      userId: `jsonl-user-${n}`,
      conversationId: `jsonl-${n}`,
      locale: typeof input.lang === 'string' ? input.lang : undefined,
    });
    print(JSON.stringify({ id: input.id ?? n, ...outcome }));
  }
  return 0;
}

async function evaluate(session: LocalSession, files: string[], flags: Set<string>, print: (text: string) => void): Promise<number> {
  const rows = await runEvaluationFiles(session, files, flags.has('--hint'));
  const summary = summarizeEvaluation(rows);
  print(flags.has('--json') ? JSON.stringify(flags.has('--misses') ? summary : { ...summary, misses: undefined }) : formatEvaluation(summary, flags.has('--misses')));
  return 0;
}

async function chat(session: LocalSession, io: CliIO, print: (text: string) => void): Promise<number> {
  const prompt = readline.createInterface({ input: io.stdin, output: io.stdout, terminal: Boolean((io.stdin as NodeJS.ReadStream).isTTY) });
  print('Ponte: write a message (Ctrl+D to quit).');
  let choices: { value: string; title: string }[] = [];
  prompt.setPrompt('> ');
  prompt.prompt();
  for await (const line of prompt) {
    const text = line.trim();
    if (text) {
      const picked = /^\d+$/.test(text) ? choices[Number(text) - 1] : undefined;
      // Everything the bot says is shown, the first-contact welcome included.
      const replies = (await session.exchange(picked ? picked.value : text, { userId: 'chat-user', conversationId: 'chat' })).filter((a) => a.type === 'message');
      choices = replies.length ? choicesOf(replies[replies.length - 1]) : [];
      print(renderReply(replies.map((activity) => activity.text ?? '').join('\n\n'), choices));
    }
    prompt.prompt();
  }
  return 0;
}

function renderReply(text: string, choices: readonly { title: string }[]): string {
  const buttons = choices.map((choice, i) => `  ${i + 1}) ${choice.title}`).join('\n');
  return buttons ? `${text}\n${buttons}` : text;
}
