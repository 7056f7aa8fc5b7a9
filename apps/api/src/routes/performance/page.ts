import type { Publication, Status, ValueUnit } from '@ipo/contracts';
import { escapeHtml } from '../../html.js';
import {
  displayNumber,
  headline,
  type PublicFigure,
  type TrendPoint,
  valueInWords,
} from '../../publications/figures.js';
import type { PublicationDetail, PublishedAction } from '../../publications/store.js';

/** Markup built here, safe to place as it is; everything else is escaped. */
class Html {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

type Part = Html | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.markup;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

/** A template whose interpolations are escaped unless they are markup built with it. */
function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0] ?? '';
  parts.forEach((part, i) => {
    out += render(part) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

// ---------------------------------------------------------------------------------------------
// Words

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

/** '3 December 2026' (London). */
export function dayInWords(iso: string): string {
  return dayFormat.format(new Date(iso));
}

/** `2026-12-03` -> '3 December 2026'. */
function isoDateInWords(isoDate: string): string {
  return dayFormat.format(new Date(`${isoDate}T12:00:00Z`));
}

/** '6:05am on 21 August 2026' (London). */
function timeInWords(iso: string): string {
  const date = new Date(iso);
  return `${timeFormat.format(date).replace(/\s/g, '').toLowerCase()} on ${dayFormat.format(date)}`;
}

/** Whether the standard was met, in words: the page never says it by colour alone. */
export function metInWords(v: { status: Status; withheld: boolean }): string {
  if (v.withheld) return 'Not shown';
  switch (v.status) {
    case 'met':
      return 'Met';
    case 'near':
      return 'Not met (close to target)';
    case 'missed':
      return 'Not met';
    case 'no_data':
      return 'No data';
  }
}

const TAG: Record<Status, string> = {
  met: 'govuk-tag--green',
  near: 'govuk-tag--yellow',
  missed: 'govuk-tag--red',
  no_data: 'govuk-tag--grey',
};

function statusTag(v: { status: Status; withheld: boolean }): Html {
  return html`<strong class="govuk-tag ${v.withheld ? 'govuk-tag--grey' : TAG[v.status]}">${metInWords(v)}</strong>`;
}

const ACTION_STATUS: Record<PublishedAction['status'], string> = {
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
};

/** 'Version 2, revised on 3 December 2026: a late import of calls' or 'Published on ...'. */
export function versionInWords(p: Publication): string {
  return p.version === 1
    ? `Published on ${dayInWords(p.publishedAt)}`
    : `Revised on ${dayInWords(p.publishedAt)}: ${p.reason ?? ''}`;
}

// ---------------------------------------------------------------------------------------------
// The frame of every page

function layout(title: string, main: Html): string {
  return `<!DOCTYPE html>
${render(html`<html lang="en-GB" class="govuk-template">
<head>
<meta charset="utf-8">
<title>${title} - IPO service performance</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/performance/style.css">
</head>
<body class="govuk-template__body">
<a href="#main-content" class="govuk-skip-link">Skip to main content</a>
<header class="govuk-header">
<div class="govuk-header__container govuk-width-container">
<span class="govuk-header__organisation">Intellectual Property Office</span>
<a href="/performance" class="govuk-header__link govuk-header__service-name">Service performance</a>
</div>
</header>
<div class="govuk-width-container">
<main class="govuk-main-wrapper" id="main-content" tabindex="-1">
${main}
</main>
</div>
<footer class="govuk-footer">
<div class="govuk-width-container">
<p class="govuk-body-s">Figures are published each month after a manager of the Intellectual Property Office has checked them. A published figure is changed only by a revision, which is marked and explained on this page.</p>
</div>
</footer>
</body>
</html>
`)}`;
}

// ---------------------------------------------------------------------------------------------
// Pieces

/** The result as shown: '94.2%', '8 working days', 'Fewer than 10 responses' or 'No data'. */
function result(v: { value: number | null; withheld: boolean }, unit: ValueUnit): string {
  return valueInWords(v, unit);
}

function revisedMark(revised: boolean, was?: PublicFigure): Html | string {
  if (!revised) return '';
  const before = was ? ` (revised: was ${result(headline(was), was.unit)})` : ' (revised)';
  return html`<span class="app-revised">${before}</span>`;
}

function figuresTable(
  detail: PublicationDetail,
  previous: ReadonlyMap<string, PublicFigure> | null,
): Html {
  const { publication } = detail;
  const anyRevised = detail.figures.some((f) => f.revised);
  return html`<div class="app-table-scroll" role="group" aria-label="Results for ${publication.periodLabel}, scrolls sideways" tabindex="0">
<table class="govuk-table">
<caption class="govuk-table__caption govuk-table__caption--m">Results for ${publication.periodLabel}</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row">
<th scope="col" class="govuk-table__header">Standard</th>
<th scope="col" class="govuk-table__header">Target</th>
<th scope="col" class="govuk-table__header">Result</th>
<th scope="col" class="govuk-table__header">Met or not</th>
<th scope="col" class="govuk-table__header">Financial year to date</th>
</tr></thead>
<tbody class="govuk-table__body">
${detail.figures.map(
  (f) => html`<tr class="govuk-table__row">
<th scope="row" class="govuk-table__header">${f.title}</th>
<td class="govuk-table__cell">${f.targetWords}</td>
<td class="govuk-table__cell">${result(f, f.unit)}${revisedMark(f.revised, previous?.get(f.standardCode))}${f.withheld || f.value === null ? '' : html`<span class="govuk-hint govuk-body-s"><br>${countWords(f)}</span>`}</td>
<td class="govuk-table__cell">${statusTag(f)}</td>
<td class="govuk-table__cell">${result(f.ytd, f.unit)}<span class="govuk-visually-hidden">, ${metInWords(f.ytd).toLowerCase()}</span></td>
</tr>
`,
)}</tbody>
</table>
</div>
${anyRevised ? html`<p class="govuk-body">Figures marked “revised” changed in version ${publication.version} of these figures, published on ${dayInWords(publication.publishedAt)}: ${publication.reason ?? ''}</p>` : ''}`;
}

function countWords(f: PublicFigure): string {
  const what = f.kind === 'satisfaction' ? 'responses' : f.kind === 'accuracy' ? 'checks' : 'items';
  return `from ${new Intl.NumberFormat('en-GB').format(f.n)} ${what}`;
}

/** An inline chart of the trend, for sighted readers; the table beside it holds the numbers. */
function sparkline(f: PublicFigure, id: string): Html | string {
  const points = f.trend
    .map((p, i) => ({ i, y: displayNumber(p.value, f.unit) }))
    .filter((p): p is { i: number; y: number } => p.y !== null);
  if (points.length < 2) return '';
  const target = displayNumber(f.targetValue, f.unit);
  const ys = points.map((p) => p.y).concat(target === null ? [] : [target]);
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const width = 240;
  const height = 48;
  const x = (i: number) => 4 + (i * (width - 8)) / Math.max(1, f.trend.length - 1);
  const y = (v: number) => (hi === lo ? height / 2 : 4 + ((hi - v) * (height - 8)) / (hi - lo));
  const path = points.map((p) => `${x(p.i).toFixed(1)},${y(p.y).toFixed(1)}`).join(' ');
  const first = f.trend[points[0]!.i]!;
  const last = f.trend[points.at(-1)!.i]!;
  const alt = `${f.title}: ${result(first, f.unit)} in ${first.label}, ${result(last, f.unit)} in ${last.label}${f.targetValue === null ? '' : `; target ${f.targetWords}`}.`;
  return html`<svg class="app-sparkline" role="img" aria-labelledby="${id}-title" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<title id="${id}-title">${alt}</title>
${target === null ? '' : html`<line class="app-sparkline__target" x1="4" x2="${width - 4}" y1="${y(target).toFixed(1)}" y2="${y(target).toFixed(1)}"></line>`}
<polyline class="app-sparkline__line" points="${path}"></polyline>
${points.map((p) => html`<circle class="app-sparkline__point" cx="${x(p.i).toFixed(1)}" cy="${y(p.y).toFixed(1)}" r="2"></circle>`)}
</svg>`;
}

function trendSection(detail: PublicationDetail): Html {
  const { publication } = detail;
  return html`<h2 class="govuk-heading-l" id="trends">Trends</h2>
<p class="govuk-body">Each standard over the 12 ${publication.period.includes('-Q') ? 'quarters' : 'months'} to ${publication.periodLabel}, as the figures stood when ${publication.periodLabel} was published.</p>
${detail.figures.map((f, i) => {
  const id = `trend-${i + 1}`;
  return html`<details class="govuk-details">
<summary class="govuk-details__summary">${f.title}</summary>
<div class="govuk-details__text">
${sparkline(f, id)}
${trendTable(f)}
</div>
</details>
`;
})}`;
}

function trendTable(f: PublicFigure): Html {
  return html`<table class="govuk-table">
<caption class="govuk-table__caption govuk-table__caption--s">${f.title}: the last ${f.trend.length} ${f.trend[0]?.period.includes('-Q') ? 'quarters' : 'months'} (target ${f.targetWords})</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row">
<th scope="col" class="govuk-table__header">Period</th>
<th scope="col" class="govuk-table__header">Result</th>
<th scope="col" class="govuk-table__header">Met or not</th>
</tr></thead>
<tbody class="govuk-table__body">
${f.trend.map(
  (p: TrendPoint) => html`<tr class="govuk-table__row">
<th scope="row" class="govuk-table__header">${p.label}</th>
<td class="govuk-table__cell">${result(p, f.unit)}</td>
<td class="govuk-table__cell">${metInWords(p)}</td>
</tr>
`,
)}</tbody>
</table>`;
}

function actionsSection(actions: readonly PublishedAction[], headingLevel: 2 | 3 = 2): Html {
  const heading =
    headingLevel === 2
      ? html`<h2 class="govuk-heading-l" id="you-said-we-did">You said, we did</h2>`
      : html`<h3 class="govuk-heading-m">You said, we did</h3>`;
  if (!actions.length) {
    return html`${heading}<p class="govuk-body">No actions were published with these figures.</p>`;
  }
  return html`${heading}
<p class="govuk-body">What customers told us in their feedback, and what we did about it.</p>
<dl class="govuk-summary-list">
${actions.map(
  (a) => html`<div class="govuk-summary-list__row">
<dt class="govuk-summary-list__key">You said: ${a.themeName}</dt>
<dd class="govuk-summary-list__value">
<p>We did: ${a.title}${a.description ? html`. ${a.description}` : ''}</p>
<p class="govuk-body-s">${ACTION_STATUS[a.status]}${a.completedOn ? `, completed ${isoDateInWords(a.completedOn)}` : a.startedOn ? `, started ${isoDateInWords(a.startedOn)}` : ''}</p>
</dd>
</div>
`,
)}</dl>`;
}

/** The versions of one period, oldest first, with the figures each revision changed. */
function historyList(versions: readonly PublicationDetail[]): Html {
  return html`<ul class="govuk-list govuk-list--bullet">
${versions.map((v, i) => {
  const before = i > 0 ? versions[i - 1] : undefined;
  const changed = v.figures.filter((f) => f.revised);
  return html`<li>Version ${v.publication.version}: ${versionInWords(v.publication)}${
    before && changed.length
      ? html`<ul class="govuk-list govuk-list--bullet">
${changed.map((f) => {
  const was = before.figures.find((b) => b.standardCode === f.standardCode);
  return html`<li>${f.title}: ${was ? result(headline(was), was.unit) : 'not published'} revised to ${result(headline(f), f.unit)}</li>
`;
})}</ul>`
      : ''
  }</li>
`;
})}</ul>`;
}

function downloads(): Html {
  return html`<h2 class="govuk-heading-l" id="downloads">Download the published figures</h2>
<p class="govuk-body">Every published month and quarter, one row for each standard, the latest version of each.</p>
<ul class="govuk-list">
<li><a class="govuk-link" href="/performance.ods" download>Published figures (OpenDocument spreadsheet, ODS)</a></li>
<li><a class="govuk-link" href="/performance.csv" download>Published figures (CSV)</a></li>
</ul>`;
}

function aboutFigures(detail: PublicationDetail): Html {
  const p = detail.publication;
  return html`<p class="govuk-body">${versionInWords(p)}${p.version === 1 ? '' : ` (version ${p.version})`}.${p.dataAsOf ? ` The figures use data received up to ${timeInWords(p.dataAsOf)}.` : ''}</p>
<p class="govuk-body-s">A result in working days is the time within which the share of the work that the standard names was done. Satisfaction from fewer than 10 responses is not shown, so that no one’s answers can be picked out.</p>`;
}

// ---------------------------------------------------------------------------------------------
// Pages

export interface PerformanceOverview {
  /** The latest published month (a quarter when no month is published), in full. */
  featured: PublicationDetail | null;
  /** Every version of every published period, grouped by period, the latest period first. */
  periods: { period: string; periodLabel: string; versions: Publication[] }[];
}

/** GET /performance. */
export function overviewPage(data: PerformanceOverview): string {
  const { featured } = data;
  if (!featured) {
    return layout(
      'Performance against our service standards',
      html`<h1 class="govuk-heading-xl">How we perform against our service standards</h1>
<p class="govuk-body">We have not published any figures yet. Figures for each month appear here once a manager has checked and published them.</p>`,
    );
  }
  const p = featured.publication;
  return layout(
    'Performance against our service standards',
    html`<h1 class="govuk-heading-xl">How we perform against our service standards</h1>
<p class="govuk-body">The Intellectual Property Office publishes how it performs against the standards of its customer charter, and what it does about customers’ feedback.</p>
<h2 class="govuk-heading-l" id="latest"><span class="govuk-caption-l">Latest published figures</span>${p.periodLabel}</h2>
${aboutFigures(featured)}
${figuresTable(featured, null)}
<p class="govuk-body"><a class="govuk-link" href="/performance/${p.period}">${p.periodLabel} in full, with the history of its figures</a></p>
${trendSection(featured)}
${actionsSection(featured.actions)}
<h2 class="govuk-heading-l" id="published-periods">All published figures</h2>
<ul class="govuk-list">
${data.periods.map((period) => {
  const versions = period.versions;
  return html`<li><a class="govuk-link" href="/performance/${period.period}">${period.periodLabel}</a>
<ul class="govuk-list govuk-list--bullet govuk-body-s">
${versions.map((v) => html`<li>${versionInWords(v)}</li>`)}
</ul></li>
`;
})}</ul>
${downloads()}`,
  );
}

/** GET /performance/:period: one published period in full, with every version's history. */
export function periodPage(versions: readonly PublicationDetail[]): string {
  const current = versions.at(-1)!;
  const previous = versions.length > 1 ? versions.at(-2) : undefined;
  const p = current.publication;
  const before = previous
    ? new Map(previous.figures.map((f) => [f.standardCode, f] as const))
    : null;
  return layout(
    p.periodLabel,
    html`<p class="govuk-body"><a class="govuk-link" href="/performance">All published figures</a></p>
<h1 class="govuk-heading-xl"><span class="govuk-caption-l">Service performance</span>${p.periodLabel}</h1>
${aboutFigures(current)}
${figuresTable(current, before)}
<h2 class="govuk-heading-l" id="history">History of these figures</h2>
${historyList(versions)}
${trendSection(current)}
${actionsSection(current.actions)}
${downloads()}`,
  );
}

/** A period that was never published (or is not a period): the public sees nothing of it. */
export function notFoundPage(): string {
  return layout(
    'Page not found',
    html`<h1 class="govuk-heading-xl">Page not found</h1>
<p class="govuk-body">No figures have been published for this period.</p>
<p class="govuk-body"><a class="govuk-link" href="/performance">See all published figures</a></p>`,
  );
}
