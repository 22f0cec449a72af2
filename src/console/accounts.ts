import { z } from 'zod';
import type { Operator } from '../core/handoff/escalation';
import { LANGUAGES } from '../core/language/languages';
import type { DeskDirectory } from '../core/routing/deskDirectory';
import { PROVINCES } from '../core/routing/desks';
import type { Account, UserStore } from '../storage/userStore';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords';

export interface AccountInput {
  name: string;
  password?: string;
  role: string;
  desks: string[];
  languages: string[];
}

export interface FieldProblem {
  field: string;
  message: string;
}

export class InvalidAccount extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
  }
}

const inputSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'use 2-32 lowercase letters, digits, ".", "_" or "-"'),
  password: z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(200).optional(),
  role: z.enum(['operator', 'editor', 'admin'], { message: 'operator, editor or admin' }),
  desks: z.array(z.string()),
  languages: z.array(z.enum(LANGUAGES as unknown as [string, ...string[]], { message: `one of ${LANGUAGES.join(', ')}` })),
});

/** What the console and `ponte users` may do with accounts: checked input, hashed passwords, never the hash out. */
export class Accounts {
  constructor(
    private readonly store: UserStore,
    private readonly desks: () => DeskDirectory,
  ) {}

  async list(): Promise<Operator[]> {
    return (await this.store.all()).map(publicView);
  }

  /** Creates or replaces an account; a new account needs a password, an update may keep the old one. */
  async save(input: AccountInput, isNew: boolean): Promise<Operator> {
    const parsed = inputSchema.safeParse(input);
    const problems: FieldProblem[] = parsed.success ? [] : parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? ''), message: issue.message }));
    const existing = await this.store.get(input.name);
    if (isNew && existing) problems.push({ field: 'name', message: 'an account with this name exists' });
    if (!isNew && !existing) problems.push({ field: 'name', message: 'no such account' });
    if (isNew && !input.password) problems.push({ field: 'password', message: 'a new account needs a password' });
    const { desks, unknown } = this.expandDesks(input.desks ?? []);
    if (unknown.length) problems.push({ field: 'desks', message: `unknown desk: ${unknown.join(', ')}` });
    if (input.role === 'operator' && desks.length === 0) problems.push({ field: 'desks', message: 'an operator works at one desk at least' });
    if (problems.length) throw new InvalidAccount(problems);
    const account: Account = {
      name: input.name,
      role: input.role as Account['role'],
      desks,
      languages: input.languages,
      passwordHash: input.password ? await hashPassword(input.password) : existing!.passwordHash,
      createdAt: existing?.createdAt ?? Date.now(),
    };
    await this.store.put(account);
    return publicView(account);
  }

  async remove(name: string): Promise<boolean> {
    return this.store.remove(name);
  }

  /** "BG" stands for every desk of the province of Bergamo: a provincial partner runs them all. */
  private expandDesks(names: string[]): { desks: string[]; unknown: string[] } {
    const directory = this.desks();
    const desks = new Set<string>();
    const unknown: string[] = [];
    for (const name of names.map((n) => n.trim()).filter(Boolean)) {
      if ((PROVINCES as readonly string[]).includes(name.toUpperCase())) {
        for (const desk of directory.desks.filter((d) => d.province === name.toUpperCase())) desks.add(desk.id);
      } else if (directory.byId(name)) desks.add(name);
      else unknown.push(name);
    }
    return { desks: [...desks].sort(), unknown };
  }
}

export function publicView(account: Account): Operator {
  return { name: account.name, role: account.role, desks: account.desks, languages: account.languages };
}
