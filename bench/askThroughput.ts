/**
 * Times `ponte ask --jsonl` on 500 messages (each a new conversation), the way a person would run it,
 * and prints messages per second and peak memory of that process.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/projectRoot';

export async function timeAskJsonl(print: (line: string) => void): Promise<void> {
  const evalDir = path.join(PROJECT_ROOT, 'test', 'eval');
  const lines = fs
    .readdirSync(evalDir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => fs.readFileSync(path.join(evalDir, f), 'utf8').trim().split('\n'));
  const input = Array.from({ length: 500 }, (_, i) => lines[i % lines.length]).join('\n');
  const file = path.join(os.tmpdir(), `ponte-ask-${process.pid}.jsonl`);
  fs.writeFileSync(file, input);
  const started = Date.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, path.join(PROJECT_ROOT, 'bin', 'ponte.js'), 'ask', '--jsonl'], {
    input: fs.readFileSync(file),
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (Date.now() - started) / 1000;
  fs.rmSync(file, { force: true });
  const outputLines = result.stdout.toString().trim().split('\n').length;
  const peakKb = Number(result.stderr.toString().trim().split('\n').pop());
  print(`ponte ask --jsonl: ${outputLines} lines in ${seconds.toFixed(1)} s (${(outputLines / seconds).toFixed(0)} messages/s, start-up included), peak RSS ${Number.isFinite(peakKb) ? (peakKb / 1024).toFixed(0) + ' MB' : 'n/a (needs /usr/bin/time)'}`);
}
