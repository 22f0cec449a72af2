import fs from 'node:fs';
import path from 'node:path';

/** The folder holding package.json, `knowledge/` and `locales/`, whether running from src/ or dist/. */
export const PROJECT_ROOT = findRoot(__dirname);

function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}
