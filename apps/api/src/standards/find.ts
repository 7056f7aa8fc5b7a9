/** A standard by its code, and the filters it accepts. */
import type { Filters } from '@ipo/contracts';
import { sourceOf } from '@ipo/domain';
import type { Queryable } from '../derive/rules.js';
import { HttpError } from '../plugins/errors.js';
import { loadStandards, type StandardDef } from '../queries/standards.js';

export async function findStandard(db: Queryable, code: string): Promise<StandardDef> {
  const [standard] = await loadStandards(db, { code });
  if (!standard) throw new HttpError(404, `No standard with code ${JSON.stringify(code)}`);
  return standard;
}

/**
 * Channel and customer group do not apply to quality checks (they have neither). Satisfaction
 * takes one of them at a time, beside a team (decision 7: feedback tables of two dimensions).
 */
export function checkFilters(standard: StandardDef, filters: Filters): void {
  if (
    standard.measure === 'satisfied_share' &&
    filters.channel !== undefined &&
    filters.customerGroup !== undefined
  ) {
    const message =
      'satisfaction takes a channel or a customer group, not both (small groups stay protected)';
    throw new HttpError(400, `customerGroup: ${message}`, [{ field: 'customerGroup', message }]);
  }
  if (sourceOf(standard) !== 'quality_checks') return;
  for (const field of ['channel', 'customerGroup'] as const) {
    if (filters[field] !== undefined) {
      throw new HttpError(
        400,
        `${field}: quality checks have no ${field === 'channel' ? 'channel' : 'customer group'}`,
        [{ field, message: `does not apply to ${standard.code} (quality checks)` }],
      );
    }
  }
}
