import type { StandardKind } from '@ipo/contracts';
import { kindHeadings, kindOrder } from './wording';

export interface KindGroup<T> {
  kind: StandardKind;
  heading: string;
  standards: T[];
}

/** Groups in the charter's order (timeliness, accuracy, satisfaction); empty groups are left out. */
export function groupByKind<T extends { kind: StandardKind }>(
  standards: readonly T[],
): KindGroup<T>[] {
  return kindOrder
    .map((kind) => ({
      kind,
      heading: kindHeadings[kind],
      standards: standards.filter((standard) => standard.kind === kind),
    }))
    .filter((group) => group.standards.length > 0);
}
