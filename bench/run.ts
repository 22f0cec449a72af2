/**
 * Benchmarks, kept out of `npm test`: `npm run bench` runs them all; `npm run bench -- NAME` one.
 */
import { compareEngines } from './retrievalEngines';
import { timeAskJsonl } from './askThroughput';
import { telegramThroughput } from './telegramThroughput';
import { retrievalScale } from './retrievalScale';
import { handoffLatency } from './handoffLatency';
import { publishLatency } from './publishLatency';
import { inboxGrouping } from './inboxGrouping';
import { understandingSweep } from './understandingSweep';

const BENCHES: Record<string, (print: (line: string) => void) => Promise<void>> = {
  engines: compareEngines,
  ask: timeAskJsonl,
  retrieval: retrievalScale,
  telegram: telegramThroughput,
  handoff: handoffLatency,
  publish: publishLatency,
  inbox: inboxGrouping,
  understanding: understandingSweep,
};

async function main() {
  const wanted = process.argv.slice(2);
  for (const [name, bench] of Object.entries(BENCHES)) {
    if (wanted.length && !wanted.includes(name)) continue;
    console.log(`\n## ${name}`);
    await bench((line) => console.log(line));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
