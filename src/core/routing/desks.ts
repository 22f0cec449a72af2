import type { DeskType } from '../knowledge/types';

export const PROVINCES = ['BG', 'BS', 'CO', 'CR', 'LC', 'LO', 'MN', 'MI', 'MB', 'PV', 'SO', 'VA'] as const;
export type Province = (typeof PROVINCES)[number];

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** "09:00-12:30" as minutes from midnight, Europe/Rome. */
export interface TimeRange {
  from: number;
  to: number;
}

export interface Desk {
  id: string;
  type: DeskType;
  name: string;
  /** An invented example entry: replies say so, so nobody walks to an address that does not exist. */
  sample: boolean;
  province: Province;
  municipality: string;
  address: string;
  location: { lat: number; lon: number };
  phone?: string;
  email?: string;
  web?: string;
  languages: string[];
  topics: string[];
  /** `province`: every municipality of its province; otherwise the municipalities listed. */
  serves: 'province' | string[];
  hours: Partial<Record<Weekday, TimeRange[]>>;
  closures: string[];
  appointment: boolean;
  source?: string;
}

export interface Municipality {
  name: string;
  province: Province;
}
