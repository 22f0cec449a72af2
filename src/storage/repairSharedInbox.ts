import fs from 'node:fs';
import path from 'node:path';
import { DataFileError } from '../core/errors';
import { ShardedJsonStore } from './shardedJsonStore';
import { STORES } from './storeLayouts';

/** The folder that the processed updates and the unanswered questions both wrote until 0.1.0. */
const SHARED_FOLDER = 'inbox';

interface ProcessedRecord {
  ids: string[];
  at: number;
}

interface QuestionRecord {
  id: string;
  text: string;
  at: number;
}

export interface InboxRepair {
  processedUpdates: number;
  questions: number;
}

/**
 * Splits the `inbox/` folder of a data directory written by 0.1.0 into the two stores that shared it.
 * Both stores rewrote whole shard files holding whatever they had read, so one file can mix both kinds
 * of record: each record is told apart by its shape and copied to its own store, then the old folder
 * goes. Nothing is removed before both copies are on disk, and a record of neither shape stops the
 * repair with the folder untouched. Running it again after a crash merges instead of duplicating.
 *
 * @returns what was moved, or `undefined` when there was nothing to repair
 */
export async function repairSharedInbox(dataDir: string): Promise<InboxRepair | undefined> {
  const legacy = path.join(dataDir, SHARED_FOLDER);
  if (!fs.existsSync(legacy)) return undefined;
  const processed: [string, ProcessedRecord][] = [];
  const questions: [string, QuestionRecord][] = [];
  for (const file of shardFiles(legacy)) {
    for (const [key, value] of Object.entries(readShard(file))) {
      if (isProcessedRecord(value)) processed.push([key, value]);
      else if (isQuestionRecord(value)) questions.push([key, value]);
      else throw new DataFileError(file, `the record "${key}" is neither a processed update nor an unanswered question`);
    }
  }
  const updates = await ShardedJsonStore.open<ProcessedRecord>(dataDir, STORES.processedUpdates);
  const inbox = await ShardedJsonStore.open<QuestionRecord>(dataDir, STORES.unansweredQuestions);
  try {
    for (const [key, record] of processed) updates.set(key, mergeProcessed(updates.get(key), record));
    for (const [key, record] of questions) {
      const current = inbox.get(key);
      if (!current || current.at < record.at) inbox.set(key, record);
    }
  } finally {
    await Promise.all([updates.close(), inbox.close()]);
  }
  fs.rmSync(legacy, { recursive: true, force: true });
  return { processedUpdates: processed.length, questions: questions.length };
}

function shardFiles(folder: string): string[] {
  return fs
    .readdirSync(folder)
    .filter((name) => /^shard-\d+\.json$/.test(name))
    .map((name) => path.join(folder, name));
}

function readShard(file: string): Record<string, unknown> {
  try {
    const data: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof data === 'object' && data !== null && !Array.isArray(data)) return data as Record<string, unknown>;
  } catch (error) {
    throw new DataFileError(file, (error as Error).message);
  }
  throw new DataFileError(file, 'not a JSON object');
}

function isProcessedRecord(value: unknown): value is ProcessedRecord {
  const record = value as Partial<ProcessedRecord> | null;
  return typeof record === 'object' && record !== null && Array.isArray(record.ids) && record.ids.every((id) => typeof id === 'string') && typeof record.at === 'number';
}

function isQuestionRecord(value: unknown): value is QuestionRecord {
  const record = value as Partial<QuestionRecord> | null;
  return typeof record === 'object' && record !== null && typeof record.id === 'string' && typeof record.text === 'string' && typeof record.at === 'number';
}

function mergeProcessed(current: ProcessedRecord | undefined, legacy: ProcessedRecord): ProcessedRecord {
  if (!current) return legacy;
  return { ids: [...new Set([...legacy.ids, ...current.ids])], at: Math.max(current.at, legacy.at) };
}
