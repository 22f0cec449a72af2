import { z } from 'zod';
import { DESK_TYPES, type KnowledgeProblem } from '../knowledge/types';
import { PROVINCES, WEEKDAYS, type Desk, type Municipality, type TimeRange } from './desks';
import { foldText } from '../text/normalize';

const range = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'must be a time range like 09:00-12:30');
const isoDate = z.union([z.string(), z.date()]).transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)).refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v), 'must be a date YYYY-MM-DD');

const deskSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'must be a dotted lowercase id like bg.immigration-desk'),
  type: z.enum(DESK_TYPES.filter((t) => t !== 'other') as [string, ...string[]]),
  name: z.string().trim().min(1, 'must not be empty'),
  sample: z.boolean().default(false),
  municipality: z.string().trim().min(1, 'must not be empty'),
  address: z.string().trim().min(1, 'must not be empty'),
  location: z.object({ lat: z.number().min(44).max(47.5), lon: z.number().min(8).max(11.5) }),
  phone: z.union([z.string(), z.number()]).transform(String).optional(),
  email: z.string().email('must be an email address').optional(),
  web: z.string().regex(/^https:\/\//, 'must be an https:// URL').optional(),
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/, 'must be a language code like ar')).min(1, 'needs at least one language'),
  topics: z.array(z.string()).default([]),
  serves: z.union([z.literal('province'), z.array(z.string()).min(1)]),
  hours: z.partialRecord(z.enum(WEEKDAYS), z.array(range)).default({}),
  closures: z.array(isoDate).default([]),
  appointment: z.boolean().default(false),
  source: z.string().regex(/^https:\/\//, 'must be an https:// URL').optional(),
});

const fileSchema = z.object({ province: z.enum(PROVINCES), desks: z.array(z.unknown()) });

/**
 * Validates desk files (`knowledge/desks/<PROVINCE>.yaml`): every field, that municipalities exist in the
 * file's province (ISTAT list), that real desks name a source and sample desks show no phone number.
 */
export function validateDesks(
  files: readonly { file: string; data?: unknown; parseError?: string }[],
  municipalities: readonly Municipality[],
): { desks?: Desk[]; problems: KnowledgeProblem[] } {
  const problems: KnowledgeProblem[] = [];
  const desks: Desk[] = [];
  const known = new Set(municipalities.map((m) => `${m.province}:${foldText(m.name)}`));
  const ids = new Set<string>();
  for (const { file, data, parseError } of files) {
    const error = (field: string, message: string) => problems.push({ severity: 'error', file, field, message });
    if (parseError) {
      error('', parseError);
      continue;
    }
    const parsedFile = fileSchema.safeParse(data);
    if (!parsedFile.success) {
      for (const issue of parsedFile.error.issues) error(issue.path.join('.'), issue.message);
      continue;
    }
    const { province } = parsedFile.data;
    parsedFile.data.desks.forEach((raw, index) => {
      const at = (field: string) => `desks.${index}${field ? `.${field}` : ''}`;
      const parsed = deskSchema.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) error(at(issue.path.join('.')), issue.message);
        return;
      }
      const desk = parsed.data;
      if (ids.has(desk.id)) error(at('id'), `duplicate desk id "${desk.id}"`);
      ids.add(desk.id);
      for (const name of [desk.municipality, ...(desk.serves === 'province' ? [] : desk.serves)]) {
        if (!known.has(`${province}:${foldText(name)}`)) error(at('municipality'), `"${name}" is not a municipality of province ${province}`);
      }
      if (desk.sample && desk.phone) error(at('phone'), 'a sample desk must not show a phone number');
      if (!desk.sample && !desk.source) error(at('source'), 'a real desk needs the https source its details were checked on');
      desks.push({
        ...desk,
        type: desk.type as Desk['type'],
        province,
        hours: Object.fromEntries(Object.entries(desk.hours).map(([day, ranges]) => [day, ranges.map(parseRange)])),
      });
    });
  }
  return { desks: problems.some((p) => p.severity === 'error') ? undefined : desks, problems };
}

function parseRange(text: string): TimeRange {
  const [from, to] = text.split('-').map((t) => {
    const [h, m] = t.split(':').map(Number);
    return h * 60 + m;
  });
  return { from, to };
}
