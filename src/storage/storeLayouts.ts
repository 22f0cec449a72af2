/** Where a store lives in the data directory and how many shard files it spreads its records over. */
export interface StoreLayout {
  folder: string;
  shards: number;
}

/**
 * Every store of the data directory, in one place. Two stores once both wrote `inbox/` and
 * overwrote each other's shards (see repairSharedInbox.ts): a test checks that no two stores share a
 * folder, and `ShardedJsonStore.open` refuses a folder that is already open. A store's shard count is
 * part of its file format (a key's shard is its hash modulo the count): change it only with a migration.
 */
export const STORES = {
  state: { folder: 'state', shards: 16 },
  processedUpdates: { folder: 'processed-updates', shards: 64 },
  unansweredQuestions: { folder: 'unanswered-questions', shards: 4 },
  recipients: { folder: 'recipients', shards: 4 },
  buttons: { folder: 'buttons', shards: 4 },
  whatsappStatuses: { folder: 'whatsapp-statuses', shards: 4 },
  escalations: { folder: 'escalations', shards: 4 },
  conversationMemory: { folder: 'conversation-memory', shards: 4 },
  figures: { folder: 'figures', shards: 1 },
  knowledgeVersions: { folder: 'knowledge-versions', shards: 4 },
  consoleSessions: { folder: 'console-sessions', shards: 1 },
} as const satisfies Record<string, StoreLayout>;
