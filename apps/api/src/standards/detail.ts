/** GET /api/standards/:code: the definition, target history, teams and data dates. */
import type { StandardDetailResponse } from '@ipo/contracts';
import { type IsoDate, sourceOf, targetInForce, unitOf } from '@ipo/domain';
import { inTurn } from '../db/queryable.js';
import type { Queryable } from '../derive/rules.js';
import type { StandardDef } from '../queries/standards.js';
import { targetDto } from './figures.js';

export async function standardDetail(
  db: Queryable,
  standard: StandardDef,
  today: IsoDate,
): Promise<StandardDetailResponse> {
  const source = sourceOf(standard);
  const [teams, range] = await inTurn(
    () =>
      db.query<{ id: number; name: string; service_code: string }>(
        standard.service
          ? 'SELECT id, name, service_code FROM team WHERE service_code = $1 ORDER BY name'
          : 'SELECT id, name, service_code FROM team ORDER BY service_code, name',
        standard.service ? [standard.service.code] : [],
      ),
    () =>
      source === 'work_items'
        ? db.query<{ first: string | null; last: string | null }>(
            'SELECT min(day) AS first, max(day) AS last FROM work_item_day_turnaround WHERE work_type_code = ANY($1)',
            [standard.workTypes],
          )
        : source === 'quality_checks'
          ? db.query<{ first: string | null; last: string | null }>(
              'SELECT min(day) AS first, max(day) AS last FROM quality_check_day WHERE work_type_code = ANY($1)',
              [standard.workTypes],
            )
          : db.query<{ first: string | null; last: string | null }>(
              'SELECT min(day) AS first, max(day) AS last FROM feedback_day',
            ),
  );
  const version = targetInForce(standard.targets, today);
  return {
    code: standard.code,
    title: standard.title,
    description: standard.description,
    kind: standard.kind,
    measure: standard.measure,
    unit: unitOf(standard),
    service: standard.service,
    threshold: standard.threshold,
    percentile: standard.percentile,
    minimumSample: standard.minimumSample,
    target: version ? targetDto(version) : null,
    targets: standard.targets.map((t) => ({ ...targetDto(t), changedBy: t.changedBy })),
    teams: teams.rows.map((t) => ({ id: t.id, name: t.name, service: t.service_code })),
    dataFrom: range.rows[0]?.first ?? null,
    dataTo: range.rows[0]?.last ?? null,
  };
}
