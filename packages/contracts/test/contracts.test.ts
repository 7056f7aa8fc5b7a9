import { describe, expect, test } from 'vitest';
import { ErrorResponseSchema, HealthResponseSchema, StandardSchema } from '../src/index.js';

const calls = {
  code: 'csc-calls',
  title: 'Answer calls within 60 seconds',
  description: '',
  kind: 'timeliness',
  measure: 'within_threshold_share',
  service: { code: 'customer-support', name: 'Customer Support Centre' },
  workTypes: ['phone_call'],
  threshold: { value: 60, unit: 'seconds' },
  percentile: null,
  division: 'england_and_wales',
  minimumSample: 30,
  target: {
    value: 0.9,
    tolerance: 0.02,
    effectiveFrom: '2020-04-01',
    effectiveTo: null,
    reason: 'seed',
  },
};

describe('StandardSchema', () => {
  test('accepts a standard as the API sends it', () => {
    expect(StandardSchema.parse(calls)).toEqual(calls);
  });

  test.each([
    ['kind', { kind: 'speed' }],
    ['measure', { measure: 'average' }],
    ['threshold.unit', { threshold: { value: 60, unit: 'minutes' } }],
    ['target.effectiveFrom', { target: { ...calls.target, effectiveFrom: '01/04/2020' } }],
    ['division', { division: 'wales' }],
  ])('rejects a bad %s', (field, patch) => {
    const result = StandardSchema.safeParse({ ...calls, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(field);
  });
});

describe('other responses', () => {
  test('health needs a database block', () => {
    expect(HealthResponseSchema.safeParse({ status: 'ok', uptimeSeconds: 1 }).success).toBe(false);
  });

  test('an error names its fields', () => {
    const parsed = ErrorResponseSchema.parse({
      statusCode: 400,
      error: 'Bad Request',
      message: 'period: invalid',
      issues: [{ field: 'period', message: 'invalid' }],
    });
    expect(parsed.issues?.[0]?.field).toBe('period');
  });
});
