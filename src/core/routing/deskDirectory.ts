import type { DeskType } from '../knowledge/types';
import { foldText } from '../text/normalize';
import type { Desk, Municipality } from './desks';

/**
 * When a province has no desk of the type a topic needs (no Questura or health office in the
 * directory yet), the information desk for foreigners is the next best door.
 */
const FALLBACK_TYPE: DeskType = 'immigration-desk';

/** The network's desks and how to pick the right one for a person. */
export class DeskDirectory {
  constructor(readonly desks: readonly Desk[]) {}

  get samples(): number {
    return this.desks.filter((desk) => desk.sample).length;
  }

  byId(id: string): Desk | undefined {
    return this.desks.find((desk) => desk.id === id);
  }

  /**
   * The desks of `type` that serve the municipality: those that list it first, then those that serve its
   * whole province; the information desk for foreigners when there is none of that type.
   *
   * @example directory.forMunicipality({ name: 'Treviglio', province: 'BG' }, 'caregiver-counter')[0].id // 'bg.caregiver-counter.treviglio'
   */
  forMunicipality(municipality: Municipality, type: DeskType): Desk[] {
    const found = this.serving(municipality, type);
    return found.length > 0 || type === FALLBACK_TYPE ? found : this.serving(municipality, FALLBACK_TYPE);
  }

  /** The nearest desk of `type` to a shared location (straight-line distance). */
  nearest(location: { lat: number; lon: number }, type: DeskType): { desk: Desk; km: number } | undefined {
    const ofType = this.desks.filter((desk) => desk.type === type);
    const pool = ofType.length > 0 ? ofType : this.desks.filter((desk) => desk.type === FALLBACK_TYPE);
    return pool
      .map((desk) => ({ desk, km: distanceKm(location, desk.location) }))
      .sort((a, b) => a.km - b.km)[0];
  }

  private serving(municipality: Municipality, type: DeskType): Desk[] {
    const name = foldText(municipality.name);
    const ofType = this.desks.filter((desk) => desk.type === type && desk.province === municipality.province);
    const listed = ofType.filter((desk) => desk.serves !== 'province' && desk.serves.some((s) => foldText(s) === name));
    const provinceWide = ofType.filter((desk) => desk.serves === 'province');
    return [...listed, ...provinceWide];
  }
}

/** Haversine distance in kilometres. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
