import { type ImportResult, ImportResultSchema } from '@ipo/contracts';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { SignedIn } from './auth.js';

/**
 * Data for the publishing tests, loaded the way a data steward loads it: CSV files through the
 * import route, so every rollup, freshness time and figure is made by the real code.
 */

export interface Call {
  ref: string;
  team: string;
  /** ISO instant the call was received. */
  at: string;
  /** Seconds until answered. */
  seconds: number;
}

export function callsCsv(calls: readonly Call[]): string {
  const lines = [
    'source_ref,work_type,service,team,channel,customer_group,received_at,completed_at',
  ];
  for (const c of calls) {
    const done = new Date(new Date(c.at).getTime() + c.seconds * 1000).toISOString();
    lines.push(`${c.ref},phone_call,customer-support,${c.team},phone,individual,${c.at},${done}`);
  }
  return `${lines.join('\n')}\n`;
}

export interface Response {
  ref: string;
  team: string;
  at: string;
  score: number;
  comment: string;
}

export function feedbackCsv(responses: readonly Response[]): string {
  const lines = [
    'source_ref,submitted_at,service,team,channel,customer_group,satisfaction,feedback_type,comment',
  ];
  for (const r of responses) {
    lines.push(
      `${r.ref},${r.at},customer-support,${r.team},phone,individual,${r.score},general,"${r.comment.replaceAll('"', '""')}"`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** `count` calls on `day` (a London date), every one answered after `seconds`. */
export function callsOn(
  prefix: string,
  day: string,
  count: number,
  seconds: number,
  team: string,
): Call[] {
  return Array.from({ length: count }, (_, i) => ({
    ref: `${prefix}-${i + 1}`,
    team,
    at: `${day}T10:${String(i % 60).padStart(2, '0')}:00Z`,
    seconds,
  }));
}

export async function importCsv(
  app: FastifyInstance,
  steward: SignedIn,
  kind: 'work-items' | 'feedback',
  body: string,
): Promise<ImportResult> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/imports/${kind}`,
    headers: { ...steward.headers, 'content-type': 'text/csv' },
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(200);
  const result = ImportResultSchema.parse(res.json());
  expect(result.status, res.body).toBe('applied');
  expect(result.rows.rejected, res.body).toBe(0);
  return result;
}
