import type { Standard, StandardKind } from '@ipo/contracts';
import { kindHeadings, kindOrder } from './wording';

export interface StandardGroup {
  kind: StandardKind;
  heading: string;
  standards: Standard[];
}

/** Groups in the charter's order (timeliness, accuracy, satisfaction); empty groups are left out. */
export function groupByKind(standards: readonly Standard[]): StandardGroup[] {
  return kindOrder
    .map((kind) => ({
      kind,
      heading: kindHeadings[kind],
      standards: standards.filter((standard) => standard.kind === kind),
    }))
    .filter((group) => group.standards.length > 0);
}
