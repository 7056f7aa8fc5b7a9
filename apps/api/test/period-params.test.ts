import { ErrorResponseSchema, FeedbackQuerySchema } from '@ipo/contracts';
import { latestCompletePeriod, londonDate, parsePeriod } from '@ipo/domain';
import Fastify from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../src/db/prisma.js';
import { feedbackRange, withFeedbackRanges } from '../src/feedback/range.js';
import { errorsPlugin, HttpError } from '../src/plugins/errors.js';
import { feedbackRoutes } from '../src/routes/feedback/index.js';
import { scorecardRoutes } from '../src/routes/scorecard/index.js';
import { standardsRoutes } from '../src/routes/standards/index.js';
import {
  ItemsPeriodQuerySchema,
  ScorecardPeriodQuerySchema,
  SeriesRangeQuerySchema,
  scorecardPeriod,
  seriesRange,
} from '../src/standards/period-params.js';

const today = londonDate(new Date());

/** The 400 a helper throws, as { field, message } pairs. */
function thrown(parse: () => unknown): { field: string; message: string }[] {
  try {
    parse();
  } catch (error) {
    if (error instanceof HttpError && error.statusCode === 400 && error.issues) return error.issues;
    throw error;
  }
  throw new Error('expected a 400');
}

describe('the helpers', () => {
  test('scorecardPeriod: default the latest complete month; weeks only where allowed', () => {
    expect(scorecardPeriod(undefined, today)).toEqual(latestCompletePeriod(today, 'month'));
    expect(scorecardPeriod('2025-26-Q2', today).start).toBe('2025-07-01');
    expect(scorecardPeriod('2025-W10', today, 'period', true).granularity).toBe('week');
    expect(thrown(() => scorecardPeriod('2025-W10', today))).toEqual([
      { field: 'period', message: 'weeks are not a scorecard period' },
    ]);
    expect(thrown(() => scorecardPeriod('2025-13', today))[0]?.field).toBe('period');
  });

  test('seriesRange: periods or dates, 400s naming from or to', () => {
    const { first, last } = seriesRange('month', '2025-09', '2025-11-15', today);
    expect([first.id, last.id]).toEqual(['2025-09', '2025-11']);
    expect(seriesRange('month', undefined, undefined, today).last).toEqual(
      latestCompletePeriod(today, 'month'),
    );
    expect(thrown(() => seriesRange('week', '2025-07', undefined, today))[0]?.field).toBe('from');
    expect(thrown(() => seriesRange('month', undefined, '2025-W01', today))[0]?.field).toBe('to');
    expect(thrown(() => seriesRange('month', '2025-09', '2025-01', today))).toEqual([
      { field: 'from', message: 'is after `to`' },
    ]);
  });

  test('feedbackRange: whole months, with the previous range of the same length', () => {
    const q = feedbackRange({ from: '2025-09-01', to: '2025-11-30' }, today);
    expect(q.months.map((m) => m.id)).toEqual(['2025-09', '2025-10', '2025-11']);
    expect(q.previous).toMatchObject({ from: '2025-06-01', to: '2025-08-31', period: null });
    expect(feedbackRange({ period: '2025-26-Q3' }, today).range.period).toBe('2025-26-Q3');
    expect(thrown(() => feedbackRange({ period: '2025-11', from: '2025-11-01' }, today))).toEqual([
      { field: 'period', message: 'give a period or from/to, not both' },
    ]);
    expect(thrown(() => feedbackRange({ to: '2025-11-29' }, today))[0]?.field).toBe('to');
    // The fuzz test found a 500 here: the London calendar ends in 9999.
    expect(thrown(() => feedbackRange({ to: '9999-12-31' }, today))).toEqual([
      { field: 'to', message: 'must be a date from 2000 to 2999' },
    ]);
  });
});

describe('the query schemas parse the period once', () => {
  test('a Period (default the latest complete month), a series range, feedback ranges', () => {
    expect(ScorecardPeriodQuerySchema.parse({}).period).toEqual(
      latestCompletePeriod(today, 'month'),
    );
    expect(ItemsPeriodQuerySchema.parse({ period: '2025-W10' })).toMatchObject({
      period: parsePeriod('2025-W10'),
      status: 'late',
      limit: 50,
    });
    const series = SeriesRangeQuerySchema.parse({ from: '2025-09', to: '2025-10', team: '3' });
    expect(series).toEqual({
      team: 3,
      granularity: 'month',
      range: seriesRange('month', '2025-09', '2025-10', today),
    });
    const feedback = withFeedbackRanges(FeedbackQuerySchema).parse({ period: '2025-11' });
    expect(feedback).toEqual({ ranges: feedbackRange({ period: '2025-11' }, today) });
  });

  test("a helper's 400 becomes an issue at its field with its message", () => {
    const r = SeriesRangeQuerySchema.safeParse({ from: '2025-09', to: '2025-01' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path, i.message])).toEqual([[['from'], 'is after `to`']]);
    // A contract error stops the parse before the period is looked at.
    const bad = ItemsPeriodQuerySchema.safeParse({ period: '2025-W60', limit: '1000' });
    expect(bad.error?.issues.map((i) => i.path)).toEqual([['limit']]);
  });
});

describe('a parse error at a route is the 400 the handler used to send', () => {
  // The routes and the error handler as buildApp mounts them. Validation answers before any
  // handler runs, so no database is needed (nor a session: sign-in is not what is tested here).
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  beforeAll(async () => {
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    app.decorate('db', {} as Database);
    await app.register(errorsPlugin);
    await app.register(
      async (api) => {
        await api.register(standardsRoutes);
        await api.register(scorecardRoutes);
        await api.register(feedbackRoutes);
      },
      { prefix: '/api' },
    );
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  const cases: [string, () => unknown][] = [
    ['/api/scorecard?period=2025-13', () => scorecardPeriod('2025-13', today)],
    [
      '/api/standards/tm-exam/breakdown?by=team&period=2025-27',
      () => scorecardPeriod('2025-27', today),
    ],
    ['/api/standards/tm-exam/distribution?period=2025-13', () => scorecardPeriod('2025-13', today)],
    [
      '/api/standards/tm-exam/items?period=2025-W60',
      () => scorecardPeriod('2025-W60', today, 'period', true),
    ],
    [
      '/api/standards/tm-exam/series?granularity=week&from=2025-07',
      () => seriesRange('week', '2025-07', undefined, today),
    ],
    [
      '/api/standards/tm-exam/series?to=2025-W01',
      () => seriesRange('month', undefined, '2025-W01', today),
    ],
    [
      '/api/standards/tm-exam/series?from=2025-09&to=2025-01',
      () => seriesRange('month', '2025-09', '2025-01', today),
    ],
    [
      '/api/feedback/summary?period=2025-11&from=2025-11-01',
      () => feedbackRange({ period: '2025-11', from: '2025-11-01' }, today),
    ],
    [
      '/api/feedback/series?from=2025-11-01&to=2025-11-29',
      () => feedbackRange({ from: '2025-11-01', to: '2025-11-29' }, today),
    ],
    ['/api/feedback/themes?period=2025-W45', () => feedbackRange({ period: '2025-W45' }, today)],
    [
      '/api/feedback/groups?from=2025-11-03&to=2025-11-30',
      () => feedbackRange({ from: '2025-11-03', to: '2025-11-30' }, today),
    ],
    ['/api/feedback/comments?period=2025-13', () => feedbackRange({ period: '2025-13' }, today)],
    [
      '/api/feedback/phrases?from=2020-01-01&to=2025-11-30',
      () => feedbackRange({ from: '2020-01-01', to: '2025-11-30' }, today),
    ],
  ];

  test.each(cases)('%s', async (url, helper) => {
    const issues = thrown(helper);
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(400);
    // Exactly the body the handler's HttpError gave: same message, same issues, nothing else.
    expect(res.json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: issues.map((i) => `${i.field}: ${i.message}`).join('; '),
      issues,
      requestId: expect.any(String),
    });
  });

  test('a second split is still named before the range is looked at', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/feedback/summary?channel=email&type=complaint&period=2025-13',
    });
    expect(res.statusCode).toBe(400);
    const message =
      'combine channel with a service or team only: feedback figures take one of channel, customer group, type and theme at a time';
    expect(ErrorResponseSchema.parse(res.json())).toMatchObject({
      message: `type: ${message}`,
      issues: [{ field: 'type', message }],
    });
  });
});
