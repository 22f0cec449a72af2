import type { ApprovalReason } from '../core/editing/entryChanges';
import type { KnowledgeEntry } from '../core/knowledge/types';
import type { Lang } from '../core/language/languages';
import { ShardedJsonStore } from './shardedJsonStore';
import { STORES } from './storeLayouts';

export type VersionStatus = 'published' | 'pending' | 'rejected' | 'superseded';

/** One saved version of an entry: who, when, what changed and why. */
export interface EntryVersion {
  version: number;
  entry: KnowledgeEntry;
  author: string;
  at: number;
  reason: string;
  changes: string[];
  status: VersionStatus;
  needsApproval: ApprovalReason[];
  /** The languages to check again once this version is published. */
  needsReview: Lang[];
  approvedBy?: string;
  decidedAt?: number;
  rejectReason?: string;
}

/** Every version of one topic; version 0 is the shipped file, never stored. */
export interface TopicHistory {
  id: string;
  versions: EntryVersion[];
  /** Languages of the published version still to be checked. */
  needsReview: Lang[];
}

/**
 * Editors' versions of the knowledge, in the data directory (never in the install's `knowledge/`
 * folder). The published ones lie on top of the shipped files when the server starts.
 */
export class KnowledgeVersions {
  private constructor(private readonly store: ShardedJsonStore<TopicHistory>) {}

  static async open(dataDir: string): Promise<KnowledgeVersions> {
    return new KnowledgeVersions(await ShardedJsonStore.open<TopicHistory>(dataDir, STORES.knowledgeVersions));
  }

  /** Writes what is pending and releases the store's folder. */
  async close(): Promise<void> {
    await this.store.close();
  }

  history(id: string): TopicHistory {
    return this.store.get(id) ?? { id, versions: [], needsReview: [] };
  }

  all(): TopicHistory[] {
    return [...this.store.entries()].map(([, history]) => history);
  }

  async save(history: TopicHistory): Promise<void> {
    this.store.set(history.id, history);
    await this.store.commit();
  }

  /** The newest published version of every topic an editor changed: what the bot answers from. */
  published(): KnowledgeEntry[] {
    return this.all().flatMap((history) => {
      const live = latestPublished(history);
      return live ? [live.entry] : [];
    });
  }
}

export function latestPublished(history: TopicHistory): EntryVersion | undefined {
  return [...history.versions].reverse().find((v) => v.status === 'published');
}

export function pendingVersion(history: TopicHistory): EntryVersion | undefined {
  return history.versions.find((v) => v.status === 'pending');
}
