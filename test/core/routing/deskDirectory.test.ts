import { KnowledgeStore } from '../../../src/knowledge/knowledgeStore';
import type { DeskDirectory } from '../../../src/core/routing/deskDirectory';
import { PROVINCES } from '../../../src/core/routing/desks';
import { config } from '../../support/session';

let directory: DeskDirectory;
beforeAll(async () => {
  directory = (await KnowledgeStore.load(config.knowledgeDir)).store.current().desks;
});

describe('the sample directory', () => {
  it.each(PROVINCES)('has a desk of each of the four network types in %s', (province) => {
    for (const type of ['immigration-desk', 'youth-counter', 'caregiver-counter', 'school-mediation']) {
      expect(directory.desks.some((d) => d.province === province && d.type === type)).toBe(true);
    }
  });

  it('marks every invented desk as a sample, with no phone number', () => {
    for (const desk of directory.desks.filter((d) => d.sample)) expect(desk.phone).toBeUndefined();
    expect(directory.samples).toBe(directory.desks.length);
  });
});

describe('DeskDirectory', () => {
  it('prefers a desk that lists the municipality over the province-wide one', () => {
    expect(directory.forMunicipality({ name: 'Treviglio', province: 'BG' }, 'caregiver-counter')[0].id).toBe('bg.caregiver-counter.treviglio');
    expect(directory.forMunicipality({ name: 'Dalmine', province: 'BG' }, 'caregiver-counter')[0].id).toBe('bg.caregiver-counter');
  });

  it('falls back to the information desk for foreigners when a province has no desk of the type', () => {
    expect(directory.forMunicipality({ name: 'Lecco', province: 'LC' }, 'questura')[0].type).toBe('immigration-desk');
  });

  it('finds the nearest desk to a shared location', () => {
    const nearest = directory.nearest({ lat: 45.52, lon: 9.6 }, 'caregiver-counter'); // Treviglio
    expect(nearest?.desk.id).toBe('bg.caregiver-counter.treviglio');
    expect(nearest!.km).toBeLessThan(2);
  });
});
