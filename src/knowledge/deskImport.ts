import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'yaml';
import { validateDesks } from '../core/routing/validateDesks';
import { WEEKDAYS, type Municipality } from '../core/routing/desks';
import type { KnowledgeProblem } from '../core/knowledge/types';

/** The columns of a desk CSV, in the order of docs/desks-format.md. */
export const DESK_CSV_COLUMNS = [
  'id', 'type', 'name', 'province', 'municipality', 'address', 'lat', 'lon', 'phone', 'email', 'web', 'languages',
  'serves', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'closures', 'appointment', 'source',
] as const;

const list = (value: string | undefined) => (value ?? '').split(';').map((v) => v.trim()).filter(Boolean);
const optional = (value: string | undefined) => (value && value.trim() ? value.trim() : undefined);

/**
 * Reads a network's own desk list from CSV and validates every row like the shipped directory
 * (problems name the row and the column). Returns the desks grouped by province, ready to be written
 * as `knowledge/desks/<PROVINCE>.yaml`.
 */
export function importDeskCsv(csv: string, municipalities: readonly Municipality[]): { byProvince?: Map<string, object[]>; problems: KnowledgeProblem[] } {
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    return { problems: [{ severity: 'error', file: 'CSV', field: '', message: (error as Error).message }] };
  }
  const problems: KnowledgeProblem[] = [];
  const missing = DESK_CSV_COLUMNS.filter((column) => rows.length > 0 && !(column in rows[0]));
  if (rows.length === 0) problems.push({ severity: 'error', file: 'CSV', field: '', message: 'no desks in the file' });
  if (missing.length) problems.push({ severity: 'error', file: 'CSV', field: '', message: `missing columns: ${missing.join(', ')}` });
  if (problems.length) return { problems };

  const byProvince = new Map<string, object[]>();
  rows.forEach((row, index) => {
    const province = (row.province ?? '').toUpperCase();
    const desk = {
      id: row.id,
      type: row.type,
      name: row.name,
      sample: false,
      municipality: row.municipality,
      address: row.address,
      location: { lat: Number(row.lat), lon: Number(row.lon) },
      phone: optional(row.phone),
      email: optional(row.email),
      web: optional(row.web),
      languages: list(row.languages),
      serves: row.serves.trim().toLowerCase() === 'province' || !row.serves.trim() ? 'province' : list(row.serves),
      hours: Object.fromEntries(WEEKDAYS.filter((day) => list(row[day]).length).map((day) => [day, list(row[day])])),
      closures: list(row.closures),
      appointment: /^(yes|true|1|si|sì)$/i.test(row.appointment ?? ''),
      source: optional(row.source),
    };
    const line = index + 2; // the header is line 1
    const result = validateDesks([{ file: `row ${line}`, data: { province, desks: [desk] } }], municipalities);
    problems.push(...result.problems.map((p) => ({ ...p, field: p.field.replace(/^desks\.0\.?/, '') || 'province' })));
    const clean = Object.fromEntries(Object.entries(desk).filter(([, v]) => v !== undefined));
    byProvince.set(province, [...(byProvince.get(province) ?? []), clean]);
  });
  return problems.some((p) => p.severity === 'error') ? { problems } : { byProvince, problems };
}

/** Writes one YAML file per province, replacing that province's previous desks (samples included). */
export function writeDeskFiles(byProvince: Map<string, object[]>, dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return [...byProvince.entries()].map(([province, desks]) => {
    const file = path.join(dir, `${province}.yaml`);
    fs.writeFileSync(file, `# Imported with \`ponte desks import\` on ${new Date().toISOString().slice(0, 10)}.\n${stringify({ province, desks }, { lineWidth: 0 })}`);
    return file;
  });
}
