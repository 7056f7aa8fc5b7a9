import { describe, expect, it } from 'vitest';
import { betterWay, headingWithWay, targetLabel } from './target-words';

describe('which way is better, in words', () => {
  it('shares are better higher, working days lower', () => {
    expect(betterWay('share')).toBe('higher');
    expect(betterWay('working_days')).toBe('lower');
  });

  it('labels a target line with its figure and its direction', () => {
    expect(targetLabel(90, 'share')).toBe('Target: 90% or more');
    expect(targetLabel(87.5, 'share')).toBe('Target: 87.5% or more');
    expect(targetLabel(10, 'working_days')).toBe(
      'Target: 10 working days or fewer (lower is better)',
    );
    expect(targetLabel(1, 'working_days')).toBe('Target: 1 working day or fewer (lower is better)');
    expect(targetLabel(null, 'working_days')).toBe('Target');
  });

  it('says in a table heading where fewer is better', () => {
    expect(headingWithWay('Value', 'share')).toBe('Value (%)');
    expect(headingWithWay('Value', 'working_days')).toBe('Value (working days; lower is better)');
  });
});
