/** GET /api/standards/:code: the definition, target history, teams and data dates. */
import type { StandardDetailResponse } from '@ipo/contracts';
import { type IsoDate, targetInForce, unitOf } from '@ipo/domain';
import type { Queryable } from '../db/queryable.js';
import { inTurn } from '../db/queryable.js';
import { type StandardDef, standardDataRange, standardTeams } from '../queries/standards.js';
import { targetDto } from './figures.js';

export async function standardDetail(
  db: Queryable,
  standard: StandardDef,
  today: IsoDate,
): Promise<StandardDetailResponse> {
  const [teams, range] = await inTurn(
    () => standardTeams(db, standard.service?.code ?? null),
    () => standardDataRange(db, standard),
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
    teams: teams.map((t) => ({ id: t.id, name: t.name, service: t.service_code })),
    dataFrom: range.first,
    dataTo: range.last,
  };
}
