import { describe, expect, it } from 'vitest';
import { buildStandard } from '../test/standards-fixture';
import { groupByKind } from './group-by-kind';

describe('groupByKind', () => {
  it('orders groups timeliness, accuracy, satisfaction and keeps order within a group', () => {
    const groups = groupByKind([
      buildStandard({ code: 'c', kind: 'satisfaction' }),
      buildStandard({ code: 'a1', kind: 'accuracy' }),
      buildStandard({ code: 't1', kind: 'timeliness' }),
      buildStandard({ code: 'a2', kind: 'accuracy' }),
    ]);
    expect(
      groups.map((group) => [group.heading, group.standards.map((standard) => standard.code)]),
    ).toEqual([
      ['Timeliness', ['t1']],
      ['Accuracy', ['a1', 'a2']],
      ['Satisfaction', ['c']],
    ]);
  });

  it('leaves out kinds that have no standards', () => {
    const groups = groupByKind([buildStandard({ code: 'a', kind: 'accuracy' })]);
    expect(groups.map((group) => group.kind)).toEqual(['accuracy']);
    expect(groupByKind([])).toEqual([]);
  });
});
