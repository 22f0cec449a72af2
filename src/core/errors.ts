/** Base of Ponte's own errors, so callers can tell them from library and system errors. */
export class PonteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** One or more environment variables are missing or wrong; each problem names its variable. */
export class ConfigError extends PonteError {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

/** The knowledge did not validate; every problem names its file and field. */
export class KnowledgeError extends PonteError {
  constructor(readonly problems: readonly { file: string; field: string; message: string }[]) {
    super(`Knowledge has ${problems.length} error(s):\n  - ${problems.map((p) => `${p.file}${p.field ? ` [${p.field}]` : ''}: ${p.message}`).join('\n  - ')}`);
  }
}

/** Another Ponte process already owns the data directory (lowdb is single-writer). */
export class DataDirLockedError extends PonteError {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(`The data directory ${dataDir} is in use by another Ponte process (pid ${pid}). Stop it, or set DATA_DIR to another folder.`);
  }
}

/** A storage write lost a race: someone else changed the record since it was read. */
export class StorageConflictError extends PonteError {
  constructor(readonly key: string) {
    super(`Storage conflict on "${key}": it was changed since it was read`);
  }
}

/** A data file cannot be read: the server refuses to start rather than overwrite it. */
export class DataFileError extends PonteError {
  constructor(readonly file: string, reason: string) {
    super(`The data file ${file} cannot be read (${reason}). Nothing was changed. Restore it from a backup, or move it away to start that part afresh.`);
  }
}

/** A store's folder is already open in this process: two copies in memory would overwrite each other. */
export class StoreAlreadyOpenError extends PonteError {
  constructor(readonly folder: string) {
    super(`The store ${folder} is already open in this process; close it before opening it again.`);
  }
}
