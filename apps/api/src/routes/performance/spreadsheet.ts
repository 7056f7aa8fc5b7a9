import { type CsvValue, toCsv } from '@ipo/contracts';
import { strToU8, zipSync } from 'fflate';
import { displayNumber, type PublicFigure } from '../../publications/figures.js';
import type { PublicationDetail } from '../../publications/store.js';
import { metInWords } from './page.js';

/**
 * The published figures as downloads: CSV, and an OpenDocument spreadsheet (ODS, which GOV.UK
 * publishes spreadsheets as). One row per published period and standard, from the latest version
 * of each period, saying which version it is and whether the figure was revised. Nothing but
 * publications is read: no comment, no team, nothing unpublished.
 */

export const ODS_MIME_TYPE = 'application/vnd.oasis.opendocument.spreadsheet';

/** One row of the downloads. */
export interface PublishedRow {
  period: string;
  periodLabel: string;
  version: number;
  /** London date, `YYYY-MM-DD`. */
  publishedOn: string;
  dataAsOf: string | null;
  standardCode: string;
  standard: string;
  unit: 'share' | 'working_days';
  target: string;
  /** As displayed: a percentage (94.2) or working days (8), to 1 decimal place; null: none. */
  result: number | null;
  n: number;
  metOrNot: string;
  revised: boolean;
  yearToDate: number | null;
  note: string;
}

const londonDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

function noteOf(f: PublicFigure): string {
  const notes: string[] = [];
  if (f.withheld) notes.push('Fewer than 10 responses: not shown');
  else if (f.value === null) notes.push('No data for the period');
  if (f.ytd.withheld) notes.push('Year to date: fewer than 10 responses, not shown');
  return notes.join('; ');
}

/** The rows, latest period first, each period's standards in the scorecard's order. */
export function publishedRows(details: readonly PublicationDetail[]): PublishedRow[] {
  return details.flatMap(({ publication: p, figures }) =>
    figures.map((f) => ({
      period: p.period,
      periodLabel: p.periodLabel,
      version: p.version,
      publishedOn: londonDay.format(new Date(p.publishedAt)),
      dataAsOf: p.dataAsOf,
      standardCode: f.standardCode,
      standard: f.title,
      unit: f.unit,
      target: f.targetWords,
      result: f.withheld ? null : displayNumber(f.value, f.unit),
      n: f.n,
      metOrNot: metInWords(f),
      revised: f.revised,
      yearToDate: f.ytd.withheld ? null : displayNumber(f.ytd.value, f.unit),
      note: noteOf(f),
    })),
  );
}

const unitWords = (unit: PublishedRow['unit']) => (unit === 'share' ? '%' : 'working days');

const COLUMNS: readonly { header: string; value: (r: PublishedRow) => CsvValue }[] = [
  { header: 'Period', value: (r) => r.period },
  { header: 'Period name', value: (r) => r.periodLabel },
  { header: 'Version', value: (r) => r.version },
  { header: 'Published on', value: (r) => r.publishedOn },
  { header: 'Data as of', value: (r) => r.dataAsOf },
  { header: 'Standard code', value: (r) => r.standardCode },
  { header: 'Standard', value: (r) => r.standard },
  { header: 'Target', value: (r) => r.target },
  { header: 'Result', value: (r) => r.result },
  { header: 'Unit', value: (r) => unitWords(r.unit) },
  { header: 'Items, checks or responses', value: (r) => r.n },
  { header: 'Met or not', value: (r) => r.metOrNot },
  { header: 'Revised', value: (r) => (r.revised ? 'Yes' : 'No') },
  { header: 'Financial year to date', value: (r) => r.yearToDate },
  { header: 'Note', value: (r) => r.note },
];

export function publishedCsv(rows: readonly PublishedRow[]): string {
  return toCsv(COLUMNS, rows);
}

// ---------------------------------------------------------------------------------------------
// ODS (OpenDocument 1.3): mimetype first and stored, the manifest, content, styles and meta.

const NS = {
  office: 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
  style: 'urn:oasis:names:tc:opendocument:xmlns:style:1.0',
  text: 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
  table: 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
  number: 'urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0',
  fo: 'urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0',
  meta: 'urn:oasis:names:tc:opendocument:xmlns:meta:1.0',
  dc: 'http://purl.org/dc/elements/1.1/',
  manifest: 'urn:oasis:names:tc:opendocument:xmlns:manifest:1.0',
};

const xmlns = (...names: (keyof typeof NS)[]) =>
  names.map((n) => `xmlns:${n}="${NS[n]}"`).join(' ');

/** Text for XML content and attributes; characters XML 1.0 cannot hold are dropped. */
export function escapeXml(text: string): string {
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    if (code < 0x20 && c !== '\t' && c !== '\n' && c !== '\r') continue;
    if (code === 0xfffe || code === 0xffff) continue;
    if (c === '&') out += '&amp;';
    else if (c === '<') out += '&lt;';
    else if (c === '>') out += '&gt;';
    else if (c === '"') out += '&quot;';
    else out += c;
  }
  return out;
}

type Cell =
  | { type: 'string'; text: string; header?: boolean }
  | { type: 'float'; value: number; style?: 'days' | 'integer' }
  | { type: 'percentage'; value: number }
  | { type: 'date'; value: string }
  | { type: 'empty' };

const oneDecimal = new Intl.NumberFormat('en-GB', {
  minimumFractionDigits: 0,
  maximumFractionDigits: 1,
});

function cellXml(cell: Cell): string {
  switch (cell.type) {
    case 'empty':
      return '<table:table-cell/>';
    case 'string':
      return `<table:table-cell office:value-type="string"${cell.header ? ' table:style-name="Heading"' : ''}><text:p>${escapeXml(cell.text)}</text:p></table:table-cell>`;
    case 'float': {
      const style = cell.style === 'days' ? 'OneDecimal' : 'Integer';
      const shown = cell.style === 'days' ? oneDecimal.format(cell.value) : String(cell.value);
      return `<table:table-cell office:value-type="float" office:value="${cell.value}" table:style-name="${style}"><text:p>${shown}</text:p></table:table-cell>`;
    }
    case 'percentage':
      return `<table:table-cell office:value-type="percentage" office:value="${cell.value}" table:style-name="Percent"><text:p>${oneDecimal.format(cell.value * 100)}%</text:p></table:table-cell>`;
    case 'date':
      return `<table:table-cell office:value-type="date" office:date-value="${cell.value}" table:style-name="Date"><text:p>${cell.value}</text:p></table:table-cell>`;
  }
}

const text = (t: string | null | undefined): Cell =>
  t ? { type: 'string', text: t } : { type: 'empty' };

/** A published result in its own type: a percentage (0.942) or a number of working days. */
function resultCell(value: number | null, unit: PublishedRow['unit']): Cell {
  if (value === null) return { type: 'empty' };
  // `value` is as displayed (94.2): the cell holds the share it shows, to the same precision.
  return unit === 'share'
    ? { type: 'percentage', value: Math.round(value * 10) / 1000 }
    : { type: 'float', value, style: 'days' };
}

const HEADERS = COLUMNS.map((c) => c.header);

function figureCells(r: PublishedRow): Cell[] {
  return [
    text(r.period),
    text(r.periodLabel),
    { type: 'float', value: r.version, style: 'integer' },
    { type: 'date', value: r.publishedOn },
    text(r.dataAsOf),
    text(r.standardCode),
    text(r.standard),
    text(r.target),
    resultCell(r.result, r.unit),
    text(unitWords(r.unit)),
    { type: 'float', value: r.n, style: 'integer' },
    text(r.metOrNot),
    text(r.revised ? 'Yes' : 'No'),
    resultCell(r.yearToDate, r.unit),
    text(r.note),
  ];
}

function rowXml(cells: readonly Cell[]): string {
  return `<table:table-row>${cells.map(cellXml).join('')}</table:table-row>`;
}

function sheet(name: string, columns: number, rows: readonly (readonly Cell[])[]): string {
  return `<table:table table:name="${escapeXml(name)}"><table:table-column table:style-name="Column" table:number-columns-repeated="${columns}"/>${rows.map(rowXml).join('')}</table:table>`;
}

function contentXml(rows: readonly PublishedRow[], latestOn: string): string {
  const cover: Cell[][] = [
    [
      {
        type: 'string',
        text: 'Intellectual Property Office: published service performance',
        header: true,
      },
    ],
    [
      text(
        'How the Intellectual Property Office performed against the standards of its customer charter, as published each month after a manager checked the figures.',
      ),
    ],
    [
      text(
        'The Figures sheet has one row per published period and standard, from the latest version of each period. A revision is a new version; "Revised" says whether a figure changed from the version before.',
      ),
    ],
    [
      text(
        'Results are percentages, or working days for standards measured by turnaround time. Satisfaction from fewer than 10 responses is not shown.',
      ),
    ],
    [text(`Latest publication: ${latestOn}.`)],
    [text('Source: https://www.gov.uk/government/organisations/intellectual-property-office')],
  ];
  const figures: Cell[][] = [
    HEADERS.map((h): Cell => ({ type: 'string', text: h, header: true })),
    ...rows.map(figureCells),
  ];
  if (!rows.length) figures.push([text('No figures have been published yet.')]);
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ${xmlns('office', 'style', 'text', 'table', 'number', 'fo')} office:version="1.3">
<office:automatic-styles>
<number:percentage-style style:name="PercentFormat"><number:number number:decimal-places="1" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>
<number:number-style style:name="OneDecimalFormat"><number:number number:decimal-places="1" number:min-integer-digits="1"/></number:number-style>
<number:number-style style:name="IntegerFormat"><number:number number:decimal-places="0" number:min-integer-digits="1"/></number:number-style>
<number:date-style style:name="DateFormat"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>
<style:style style:name="Column" style:family="table-column"><style:table-column-properties style:column-width="4cm"/></style:style>
<style:style style:name="Percent" style:family="table-cell" style:data-style-name="PercentFormat"/>
<style:style style:name="OneDecimal" style:family="table-cell" style:data-style-name="OneDecimalFormat"/>
<style:style style:name="Integer" style:family="table-cell" style:data-style-name="IntegerFormat"/>
<style:style style:name="Date" style:family="table-cell" style:data-style-name="DateFormat"/>
<style:style style:name="Heading" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet>
${sheet('Cover', 1, cover)}
${sheet('Figures', HEADERS.length, figures)}
</office:spreadsheet></office:body>
</office:document-content>
`;
}

const STYLES_XML = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles ${xmlns('office', 'style', 'fo')} office:version="1.3">
<office:styles>
<style:default-style style:family="table-cell"><style:text-properties fo:font-size="11pt" style:font-name="Arial"/></style:default-style>
</office:styles>
</office:document-styles>
`;

function metaXml(created: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta ${xmlns('office', 'meta', 'dc')} office:version="1.3">
<office:meta>
<meta:generator>IPO service standards dashboard</meta:generator>
<dc:title>Intellectual Property Office: published service performance</dc:title>
<dc:language>en-GB</dc:language>
<meta:creation-date>${created}</meta:creation-date>
<dc:date>${created}</dc:date>
</office:meta>
</office:document-meta>
`;
}

const MANIFEST_XML = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest ${xmlns('manifest')} manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${ODS_MIME_TYPE}"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
`;

/**
 * The spreadsheet's bytes. `at` dates the document (and its files in the archive): the latest
 * publication's time, so the same publications always give the same file.
 */
export function publishedOds(rows: readonly PublishedRow[], at: Date): Uint8Array {
  const created = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const files = {
    // First, and stored uncompressed: how applications recognise the file (ODF 1.3 part 2, 3.3).
    mimetype: [strToU8(ODS_MIME_TYPE), { level: 0 }] as [Uint8Array, { level: 0 }],
    'content.xml': strToU8(contentXml(rows, londonDay.format(at))),
    'styles.xml': strToU8(STYLES_XML),
    'meta.xml': strToU8(metaXml(created)),
    'META-INF/manifest.xml': strToU8(MANIFEST_XML),
  };
  // Zip timestamps cannot go before 1980.
  const mtime = at.getTime() < Date.UTC(1980, 1, 1) ? new Date(Date.UTC(1980, 1, 1)) : at;
  return zipSync(files, { level: 6, mtime });
}
