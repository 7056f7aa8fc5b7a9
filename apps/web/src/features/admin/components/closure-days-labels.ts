import type { ClosureScope, RecalculationJob } from '@ipo/contracts';
import type { ReactNode } from 'react';
import { formatIsoDate } from '../../../lib/format';

// What the closure days page and its parts share.

export const SCOPE_ORDER: readonly ClosureScope[] = [
  'england_and_wales',
  'scotland',
  'northern_ireland',
  'organisation',
];

export const SCOPE_LABELS: Record<ClosureScope, string> = {
  england_and_wales: 'England and Wales',
  scotland: 'Scotland',
  northern_ireland: 'Northern Ireland',
  organisation: 'Whole organisation',
};

const weekdayFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' });

/** '2026-12-25' -> 'Friday 25 December 2026'. */
export function dayInWords(iso: string): string {
  return `${weekdayFormat.format(new Date(`${iso}T00:00:00Z`))} ${formatIsoDate(iso)}`;
}

/** What the last change did, in words, and the recalculation it started (null: none). */
export interface ClosureChange {
  title: string;
  body: ReactNode;
  job: RecalculationJob | null;
}

export type ReportChange = (change: ClosureChange) => void;
