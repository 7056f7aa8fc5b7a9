/**
 * The board's monthly report pack (GET /api/reports/monthly): a tagged, text-based PDF of one
 * closed month for the whole office. Every figure comes from the functions behind the API's
 * routes (reports/monthly-data.ts) and is written with the dashboard's own wording
 * (@ipo/domain figure-words), so the pack says what the scorecard says.
 */
import type { Action, Cell, Figure, ScorecardEntry, ShareCell } from '@ipo/contracts';
import {
  changeInWords,
  type FigureUnit,
  forecastMisses,
  formatDateTime,
  formatFigure,
  formatIsoDate,
  formatTargetValue,
  formatValue,
  londonDate,
  type Period,
  previousPeriod,
  statusWords,
} from '@ipo/domain';
import {
  gatherMonthlyReport,
  type MonthlyReportData,
  type ReportDeps,
  reportMonth,
} from './monthly-data.js';
import { BLUE, GRID, INK, PdfWriter, SECONDARY } from './pdf-writer.js';
import { trendScale } from './trend-scale.js';

export { type ReportDeps, reportFileName, reportMonth } from './monthly-data.js';

/** 'Customer service standards: October 2026': the document's title and first heading. */
export function reportTitle(period: Period): string {
  return `Customer service standards: ${period.label}`;
}

/**
 * The pack for a month, as a PDF. `period` is a month id ('2026-10') or a parsed month; it must
 * have ended (a RangeError otherwise). Independent of any request: a scheduled sender calls it
 * with the database alone.
 */
export async function buildMonthlyReport(
  deps: ReportDeps,
  period: Period | string,
): Promise<Buffer> {
  const now = deps.now ?? new Date();
  const month = reportMonth(typeof period === 'string' ? period : period.id, londonDate(now));
  return renderMonthlyReport(await gatherMonthlyReport({ ...deps, now }, month));
}

const number = new Intl.NumberFormat('en-GB');
const monthShort = new Intl.DateTimeFormat('en-GB', {
  month: 'short',
  year: '2-digit',
  timeZone: 'UTC',
});

/** A result as the at-a-glance table writes it, with 'low volume' when the sample is small. */
export function statusInWords(entry: Pick<ScorecardEntry, 'status' | 'lowVolume'>): string {
  return `${statusWords[entry.status]}${entry.lowVolume ? ' (low volume)' : ''}`;
}

/** The rows of the at-a-glance table: standard, result, target, status, change. */
export function glanceRows(entries: readonly ScorecardEntry[]): string[][] {
  return entries.map((e) => [
    e.title,
    formatFigure(e, e.unit),
    formatTargetValue(e.target?.value ?? null, e.unit),
    statusInWords(e),
    changeInWords(e.value, e.previous, e.unit, { named: false }),
  ]);
}

export async function renderMonthlyReport(data: MonthlyReportData): Promise<Buffer> {
  const { period, scorecard } = data;
  const title = reportTitle(period);
  const pdf = new PdfWriter({
    title,
    subject: `The Intellectual Property Office's customer service standards in ${period.label}: the monthly report for the board`,
    author: 'Intellectual Property Office',
    createdAt: data.generatedAt,
    lang: 'en-GB',
  });

  // Title, when and what ---------------------------------------------------------------------
  pdf.beginSection('Summary');
  pdf.heading(1, title);
  pdf.paragraph('Intellectual Property Office: monthly report for the board', {
    size: 12,
    color: SECONDARY,
  });
  pdf.rule();
  pdf.labelled(
    'Data as of:',
    scorecard.dataAsOf ? formatDateTime(scorecard.dataAsOf) : 'no data has been loaded yet',
  );
  pdf.labelled('Produced:', formatDateTime(data.generatedAt.toISOString()));
  const before = previousPeriod(period);
  pdf.labelled(
    'Filters used:',
    `the whole office (every service, team, channel and customer group); the month ${period.label} (${formatIsoDate(period.start)} to ${formatIsoDate(period.end)}); changes are on ${before.label}.`,
  );
  if (scorecard.recalculating) {
    pdf.paragraph(
      'Figures were being recalculated after a change to the calendar or thresholds when this report was made: some may change when the recalculation finishes.',
      { bold: true },
    );
  }
  pdf.paragraph(summaryInWords(scorecard.summary), { gap: 0.8 });

  pdf.heading(2, 'At a glance');
  pdf.table(
    [
      { header: 'Standard', width: 165 },
      { header: 'Result', width: 72 },
      { header: 'Target', width: 78 },
      { header: 'Status', width: 70 },
      { header: `Change on ${before.label}` },
    ],
    glanceRows(scorecard.standards),
    { rowHeaders: true, size: 8.5 },
  );
  pdf.paragraph(
    'Met: at or better than the target. Near target: short of it by no more than its tolerance. Missed: short by more. No data: nothing was measured. Low volume: fewer results than the standard’s minimum sample, so treat the figure with caution. A satisfaction figure from fewer than 10 responses is not shown.',
    { size: 8, color: SECONDARY },
  );

  // Missed or at risk ------------------------------------------------------------------------
  pdf.beginSection('Standards missed or at risk');
  pdf.keep(200);
  pdf.heading(2, 'Standards missed or at risk');
  const atRisk = scorecard.standards.filter((e) => {
    const f = data.forecasts.get(e.code);
    return e.status === 'missed' || e.status === 'near' || (f ? forecastMisses(f) : false);
  });
  const asOf = [...data.forecasts.values()][0]?.asOf;
  pdf.paragraph(
    `Standards missed or near their target in ${period.label}, and those the forecast for the quarter in progress (${data.forecastPeriod.label}) says will end short of it${asOf ? `. Forecasts are as of the end of ${formatIsoDate(asOf)}` : ''}.`,
    { color: SECONDARY },
  );
  if (!atRisk.length) {
    pdf.paragraph(
      `No standard was missed or near its target in ${period.label}, and no forecast for the quarter in progress says one will end short of it.`,
    );
  }
  for (const e of atRisk) {
    const f = data.forecasts.get(e.code);
    pdf.keep(90);
    pdf.heading(3, e.title);
    pdf.labelled(
      `${period.label}:`,
      `${formatFigure(e, e.unit)} against a target of ${formatTargetValue(e.target?.value ?? null, e.unit)}; ${statusInWords(e).toLowerCase()}. ${changeInWords(e.value, e.previous, e.unit)}.`,
    );
    if (f) pdf.labelled('Forecast:', f.sentence);
  }

  // Satisfaction -----------------------------------------------------------------------------
  pdf.beginSection('Customer satisfaction');
  pdf.keep(220);
  pdf.heading(2, `Customer satisfaction in ${period.label}`);
  pdf.paragraph(satisfactionInWords(data));
  const themes = data.themes.themes.filter((t) => !t.count.suppressed && (t.count.value ?? 0) > 0);
  if (themes.length) {
    pdf.paragraph('The main themes of customers’ comments, most mentioned first:');
    pdf.table(
      [
        { header: 'Theme', width: 170 },
        { header: 'Comments', width: 70, align: 'right' },
        { header: `Change on ${data.themes.previousRange.label}`, width: 125 },
        { header: 'Satisfied' },
      ],
      themes
        .slice(0, 6)
        .map((t) => [
          t.name,
          cellCount(t.count),
          themeChange(t.change, t.changeShare),
          shareOf(t.satisfied),
        ]),
      { rowHeaders: true, size: 8.5 },
    );
  } else {
    pdf.paragraph(
      `No theme was mentioned in 10 or more comments in ${period.label}: themes are shown only from 10 comments.`,
    );
  }

  // You said, we did -------------------------------------------------------------------------
  pdf.beginSection('You said, we did');
  pdf.keep(160);
  pdf.heading(2, 'You said, we did');
  pdf.paragraph(
    'Actions taken on what customers told us: what they said (the theme) and what we did.',
    { color: SECONDARY },
  );
  pdf.heading(3, `Done in ${period.label}`);
  if (data.done.length) {
    pdf.table(
      [
        { header: 'You said (theme)', width: 110 },
        { header: 'We did', width: 190 },
        { header: 'Owner', width: 105 },
        { header: 'Completed' },
      ],
      data.done.map((a) => [
        a.themeName ?? a.themeCode,
        a.title,
        ownerOf(a),
        a.completedOn ? formatIsoDate(a.completedOn) : '',
      ]),
      { size: 8.5 },
    );
  } else {
    pdf.paragraph(`No action was completed in ${period.label}.`);
  }
  pdf.heading(3, `Open at the end of ${period.label}`);
  if (data.open.length) {
    pdf.table(
      [
        { header: 'You said (theme)', width: 110 },
        { header: 'We are doing', width: 170 },
        { header: 'Owner', width: 95 },
        { header: 'Progress' },
      ],
      data.open.map((a) => [
        a.themeName ?? a.themeCode,
        a.title,
        ownerOf(a),
        progressOf(a, period),
      ]),
      { size: 8.5 },
    );
  } else {
    pdf.paragraph(`No action was open at the end of ${period.label}.`);
  }

  // Trends -----------------------------------------------------------------------------------
  pdf.beginSection('Trends over 12 months');
  pdf.newPage();
  pdf.heading(2, `Trends: the 12 months to ${period.label}`);
  pdf.paragraph(
    'Each standard’s monthly result (solid line with dots) against its target (dashed line); the figures are in the table beside each chart.',
    { color: SECONDARY },
  );
  for (const e of scorecard.standards) trend(pdf, e);

  pdf.pageFooters(title);
  return pdf.finish();
}

function summaryInWords(s: MonthlyReportData['scorecard']['summary']): string {
  const standards = s.total === 1 ? 'standard' : 'standards';
  return `Of ${s.total} ${standards}, ${s.met} met the target, ${s.near} ${s.near === 1 ? 'was' : 'were'} near it, ${s.missed} missed it and ${s.noData} had no data.`;
}

function satisfactionInWords(data: MonthlyReportData): string {
  const s = data.satisfaction;
  const target = formatValue(s.target, 'share');
  const responses = s.responses.suppressed
    ? 'Fewer than 10 customers responded'
    : `${number.format(s.responses.value ?? 0)} customers responded`;
  if (s.satisfied.suppressed || s.satisfied.value === null) {
    return `${responses}. The satisfied share is not shown: fewer than 10 responses gave a score. The target is ${target}.`;
  }
  const interval = s.satisfied.interval
    ? ` (95% confidence interval ${formatValue(s.satisfied.interval.lower, 'share')} to ${formatValue(s.satisfied.interval.upper, 'share')})`
    : '';
  const low = s.lowVolume ? ' Low volume: treat with caution.' : '';
  return `${responses}. ${formatValue(s.satisfied.value, 'share')} of the ${number.format(s.satisfied.n ?? 0)} who gave a score were satisfied (4 or 5 out of 5)${interval}, against a target of ${target}: ${statusWords[s.status].toLowerCase()}.${low}`;
}

function cellCount(c: Cell): string {
  return c.suppressed ? 'Fewer than 10' : number.format(c.value ?? 0);
}

function shareOf(c: ShareCell): string {
  return c.suppressed ? 'Fewer than 10 responses' : formatValue(c.value, 'share');
}

function themeChange(change: number | null, share: number | null): string {
  if (change === null) return 'Not compared: fewer than 10';
  if (change === 0) return 'No change';
  const pct = share === null ? '' : ` (${formatValue(Math.abs(share), 'share')})`;
  return `${change > 0 ? 'Up' : 'Down'} ${number.format(Math.abs(change))}${pct}`;
}

function ownerOf(a: Action): string {
  return a.teamName ? `${a.owner} (${a.teamName})` : a.owner;
}

function progressOf(a: Action, period: Period): string {
  const parts: string[] = [];
  if (a.status === 'done' && a.completedOn) {
    parts.push(`Done on ${formatIsoDate(a.completedOn)}, after ${period.label}`);
  } else {
    parts.push(a.status === 'in_progress' ? 'In progress' : 'Planned');
    if (a.startedOn) parts.push(`started ${formatIsoDate(a.startedOn)}`);
  }
  if (a.dueOn && a.status !== 'done') {
    parts.push(`${a.overdue ? 'overdue: was due' : 'due'} ${formatIsoDate(a.dueOn)}`);
  }
  return parts.join('; ');
}

// One standard's trend: a vector line chart and its figures -----------------------------------

const TABLE_WIDTH = 262;
const GAP = 12;
const TREND_COLUMNS = [
  { header: 'Month', width: 62 },
  { header: 'Result', width: 62 },
  { header: 'Target', width: 88 },
  { header: 'Status' },
] as const;

function trend(pdf: PdfWriter, e: ScorecardEntry): void {
  const points = e.sparkline;
  const rows = points.map((p) => [
    p.period.label,
    formatFigure(p, e.unit),
    formatTargetValue(p.target, e.unit),
    statusWords[p.status],
  ]);
  const table = { rowHeaders: true, size: 7, width: TABLE_WIDTH };
  const blockHeight = Math.max(170, pdf.tableHeight(TREND_COLUMNS, rows, table));
  // The heading, the chart and its table together on one page.
  pdf.keep(blockHeight + 40);
  pdf.heading(3, e.title);
  const top = pdf.doc.y;
  const first = points[0]?.period.label ?? '';
  const last = points.at(-1)?.period.label ?? '';
  const chartWidth = pdf.width - TABLE_WIDTH - GAP;
  pdf.figure(
    `Line chart of ${e.title}, each month from ${first} to ${last}, against its target. The same figures are in the table beside it.`,
    { x: pdf.left, y: top, width: chartWidth, height: Math.min(blockHeight, 200) - 6 },
    (doc, box) => drawTrend(doc, box, points, e.unit),
  );
  pdf.doc.y = top;
  pdf.table(TREND_COLUMNS, rows, { ...table, x: pdf.left + chartWidth + GAP });
  pdf.doc.x = pdf.left;
  pdf.doc.y = top + blockHeight + 14;
}

type Box = { x: number; y: number; width: number; height: number };

function drawTrend(doc: PDFKit.PDFDocument, box: Box, points: Figure[], unit: FigureUnit): void {
  const values = points.map((p) => (p.suppressed ? null : p.value));
  const targets = points.map((p) => p.target);
  const scale = trendScale([...values, ...targets], unit);
  const plot = { x: box.x + 40, y: box.y + 6, width: box.width - 46, height: box.height - 50 };
  const yOf = (v: number) =>
    plot.y + plot.height - ((v - scale.min) / (scale.max - scale.min)) * plot.height;
  const step = points.length > 1 ? plot.width / (points.length - 1) : 0;
  const xOf = (i: number) => plot.x + (points.length > 1 ? i * step : plot.width / 2);

  // Grid and axis labels.
  doc.font('Helvetica').fontSize(6.5).fillColor(SECONDARY);
  for (const tick of scale.ticks) {
    const y = yOf(tick);
    doc
      .moveTo(plot.x, y)
      .lineTo(plot.x + plot.width, y)
      .lineWidth(0.5)
      .strokeColor(GRID)
      .stroke();
    doc.text(formatValue(tick, unit).replace(' working days', ' days'), box.x, y - 3, {
      width: 36,
      align: 'right',
      lineBreak: false,
    });
  }
  doc
    .moveTo(plot.x, plot.y + plot.height)
    .lineTo(plot.x + plot.width, plot.y + plot.height)
    .lineWidth(0.75)
    .strokeColor(SECONDARY)
    .stroke();
  points.forEach((p, i) => {
    if (i % 2 === (points.length - 1) % 2) {
      const label = monthShort.format(new Date(`${p.period.start}T12:00:00Z`));
      doc.text(label, xOf(i) - 15, plot.y + plot.height + 4, {
        width: 30,
        align: 'center',
        lineBreak: false,
      });
    }
  });

  // The target: a dashed step line (targets change on the first of a month).
  doc.lineWidth(1).strokeColor(INK).dash(3, { space: 2 });
  let drawing = false;
  targets.forEach((t, i) => {
    if (t === null) {
      drawing = false;
      return;
    }
    const x0 = i === 0 ? xOf(0) : xOf(i) - step / 2;
    const x1 = i === points.length - 1 ? xOf(i) : xOf(i) + step / 2;
    if (drawing) doc.lineTo(x0, yOf(t));
    else doc.moveTo(x0, yOf(t));
    doc.lineTo(x1, yOf(t));
    drawing = true;
  });
  if (targets.some((t) => t !== null)) doc.stroke();
  doc.undash();

  // The result: a solid line with a dot per month; a month without a figure breaks the line.
  doc.lineWidth(1.5).strokeColor(BLUE);
  let open = false;
  values.forEach((v, i) => {
    if (v === null) {
      open = false;
      return;
    }
    if (open) doc.lineTo(xOf(i), yOf(v));
    else doc.moveTo(xOf(i), yOf(v));
    open = true;
  });
  if (values.some((v) => v !== null)) doc.stroke();
  doc.fillColor(BLUE);
  values.forEach((v, i) => {
    if (v !== null) doc.circle(xOf(i), yOf(v), 2).fill();
  });

  // Legend, in words and line shapes (never colour alone).
  const ly = box.y + box.height - 14;
  doc
    .lineWidth(1.5)
    .strokeColor(BLUE)
    .moveTo(plot.x, ly + 3)
    .lineTo(plot.x + 16, ly + 3)
    .stroke();
  doc
    .fillColor(BLUE)
    .circle(plot.x + 8, ly + 3, 2)
    .fill();
  doc.fillColor(INK).text('Result', plot.x + 20, ly, { lineBreak: false });
  doc
    .lineWidth(1)
    .strokeColor(INK)
    .dash(3, { space: 2 })
    .moveTo(plot.x + 62, ly + 3)
    .lineTo(plot.x + 78, ly + 3)
    .stroke()
    .undash();
  doc.text('Target', plot.x + 82, ly, { lineBreak: false });
  if (values.every((v) => v === null)) {
    doc.text('No figures to plot', plot.x, plot.y + plot.height / 2 - 4, {
      width: plot.width,
      align: 'center',
      lineBreak: false,
    });
  }
}
