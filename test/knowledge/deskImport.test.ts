import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importDeskCsv, writeDeskFiles, DESK_CSV_COLUMNS } from '../../src/knowledge/deskImport';
import { lombardyMunicipalities } from '../../src/knowledge/municipalities';
import { validateDesks } from '../../src/core/routing/validateDesks';
import { readDeskFiles } from '../../src/knowledge/knowledgeFiles';

const municipalities = lombardyMunicipalities();
const header = DESK_CSV_COLUMNS.join(',');
const good = 'bg.immigration-desk,immigration-desk,Sportello Immigrazione Bergamo,BG,Bergamo,"Via Roma 1, 24121 Bergamo",45.6983,9.6773,+39 035 111111,info@example.org,https://www.example.org,it;en;ar,province,09:00-12:30,09:00-12:30;14:00-16:00,,09:00-12:30,09:00-12:00,,,2026-12-24,yes,https://www.example.org/sportello';

describe('ponte desks import', () => {
  it('turns a valid CSV into a province file the server loads', () => {
    const { byProvince, problems } = importDeskCsv(`${header}\n${good}\n`, municipalities);
    expect(problems).toEqual([]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ponte-desks-'));
    const [file] = writeDeskFiles(byProvince!, path.join(dir, 'desks'));
    expect(path.basename(file)).toBe('BG.yaml');
    return readDeskFiles(dir).then((files) => {
      const loaded = validateDesks(files, municipalities);
      expect(loaded.problems).toEqual([]);
      expect(loaded.desks![0]).toMatchObject({ id: 'bg.immigration-desk', sample: false, languages: ['it', 'en', 'ar'], appointment: true });
      expect(loaded.desks![0].hours.tue).toEqual([{ from: 540, to: 750 }, { from: 840, to: 960 }]);
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });

  it('names the row and column of each problem, and writes nothing', () => {
    const bad = good.replace('Bergamo,"Via', 'Bergamino,"Via').replace('09:00-12:30,09:00-12:30', '25:00-26:00,09:00-12:30');
    const noSource = good.replace(/,https:\/\/www\.example\.org\/sportello$/, ',');
    const { byProvince, problems } = importDeskCsv(`${header}\n${bad}\n${noSource}\n`, municipalities);
    expect(byProvince).toBeUndefined();
    expect(problems.map((p) => `${p.file} ${p.field}`)).toEqual(expect.arrayContaining(['row 2 hours.mon.0', 'row 3 source']));
  });

  it('refuses a file without the expected columns', () => {
    expect(importDeskCsv('id,name\nx,y\n', municipalities).problems[0].message).toMatch(/missing columns: type/);
  });
});

describe('validateDesks', () => {
  const desk = { id: 'bg.x', type: 'youth-counter', name: 'X', sample: true, municipality: 'Treviglio', address: 'Via Esempio 1', location: { lat: 45.5, lon: 9.6 }, languages: ['it'], serves: 'province', hours: { mon: ['09:00-12:00'] } };

  it('refuses a municipality of another province and a phone number on a sample desk', () => {
    const { problems } = validateDesks([{ file: 'desks/MI.yaml', data: { province: 'MI', desks: [{ ...desk, phone: '+39 02 1234567' }] } }], municipalities);
    expect(problems.map((p) => p.message)).toEqual(expect.arrayContaining(['"Treviglio" is not a municipality of province MI', 'a sample desk must not show a phone number']));
  });
});
