import type { Annotation, Period } from '@ipo/contracts';
import type { TableColumn } from '../../../components/charts/data-table';
import type { AnnotationMark } from '../../../components/charts/trend-lines';
import { formatIsoDate } from '../../../lib/format';

// Annotations on the trend: the chart marks them, the table and its CSV carry them in a 'Note'
// column, both drawn from the same periods, so the three always agree.

/** '6 October 2025', or '6 October 2025 to 8 October 2025'. */
export function annotationDates(a: Pick<Annotation, 'fromDate' | 'toDate'>): string {
  return a.fromDate === a.toDate
    ? formatIsoDate(a.fromDate)
    : `${formatIsoDate(a.fromDate)} to ${formatIsoDate(a.toDate)}`;
}

/** The annotations that overlap a period (its dates inclusive), earliest first. */
export function annotationsOf(
  period: Pick<Period, 'start' | 'end'>,
  annotations: readonly Annotation[],
): Annotation[] {
  return annotations.filter((a) => a.fromDate <= period.end && a.toDate >= period.start);
}

/** A period's notes in words, for its table row and CSV: 'Telephony outage (6 to 8 October)'. */
export function notesText(
  period: Pick<Period, 'start' | 'end'>,
  annotations: readonly Annotation[],
) {
  return annotationsOf(period, annotations)
    .map(
      (a) => `${a.note} (${annotationDates(a)}${a.standardCode === null ? ', all standards' : ''})`,
    )
    .join('; ');
}

/**
 * The table's 'Note' column, when any period shown has a note (no empty column otherwise). Rows
 * are matched to their periods by id.
 */
export function noteColumn<T extends { id: string }>(
  periods: readonly Period[],
  annotations: readonly Annotation[],
): TableColumn<T>[] {
  const byId = new Map(periods.map((p) => [p.id, notesText(p, annotations)]));
  if (![...byId.values()].some(Boolean)) return [];
  return [{ header: 'Note', value: (row) => byId.get(row.id) ?? '', wrap: true }];
}

/**
 * Where each annotation falls on a chart whose categories are `periods` (by label): from the
 * first period it overlaps to the last. Annotations outside the periods shown are left out.
 */
export function annotationMarks(
  periods: readonly Period[],
  annotations: readonly Annotation[],
): AnnotationMark[] {
  const marks: AnnotationMark[] = [];
  for (const a of annotations) {
    const covered = periods.filter((p) => a.fromDate <= p.end && a.toDate >= p.start);
    const first = covered[0];
    const last = covered[covered.length - 1];
    if (!first || !last) continue;
    marks.push({ id: String(a.id), from: first.label, to: last.label, label: a.note });
  }
  return marks;
}

/** For the chart's summary (the chart itself is hidden from assistive technology). */
export function annotationsSummary(
  periods: readonly Period[],
  annotations: readonly Annotation[],
): string {
  const shown = annotations.filter((a) =>
    periods.some((p) => a.fromDate <= p.end && a.toDate >= p.start),
  );
  if (shown.length === 0) return '';
  return ` ${shown.length === 1 ? 'Note' : 'Notes'} on the chart: ${shown
    .map((a) => `${annotationDates(a)}: ${a.note}`)
    .join('; ')}.`;
}
