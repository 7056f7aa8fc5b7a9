import type { FreshnessKind, FreshnessResponse, FreshnessSource, Standard } from '@ipo/contracts';

/** A stale data source, and the standards among those shown whose figures come from it. */
export interface StaleSource {
  key: string;
  /** 'Trade mark examination work items', 'Feedback responses'. */
  name: string;
  source: FreshnessSource;
  standards: { code: string; title: string }[];
}

const NOUN: Record<FreshnessKind, string> = {
  work_items: 'work items',
  quality_checks: 'quality checks',
  feedback: 'feedback responses',
};

/** The source a standard's figures are read from (as @ipo/domain's sourceOf says). */
function kindOf(standard: Pick<Standard, 'measure'>): FreshnessKind {
  if (standard.measure === 'pass_rate') return 'quality_checks';
  if (standard.measure === 'satisfied_share') return 'feedback';
  return 'work_items';
}

/** Whether `standard` reads its figures from `source`. */
export function usesSource(
  standard: Pick<Standard, 'measure' | 'workTypes'>,
  source: Pick<FreshnessSource, 'kind' | 'workType'>,
): boolean {
  if (kindOf(standard) !== source.kind) return false;
  if (source.kind === 'feedback') return true;
  return source.workType !== null && standard.workTypes.includes(source.workType.code);
}

export function sourceName(source: Pick<FreshnessSource, 'kind' | 'workType'>): string {
  const what = source.workType ? `${source.workType.name} ${NOUN[source.kind]}` : NOUN[source.kind];
  return what.charAt(0).toUpperCase() + what.slice(1);
}

/**
 * The stale sources that the standards `codes` use (in the API's order: work items, quality
 * checks, feedback), each with those standards. Sources no shown standard uses are left out.
 */
export function staleSourcesOf(
  freshness: FreshnessResponse,
  standards: readonly Standard[],
  codes: readonly string[],
): StaleSource[] {
  const shown = standards.filter((standard) => codes.includes(standard.code));
  return freshness.sources.flatMap((source) => {
    if (!source.stale) return [];
    const using = shown.filter((standard) => usesSource(standard, source));
    if (using.length === 0) return [];
    return [
      {
        key: `${source.kind}:${source.workType?.code ?? ''}`,
        name: sourceName(source),
        source,
        standards: using.map(({ code, title }) => ({ code, title })),
      },
    ];
  });
}
