/**
 * A tagged PDF written top to bottom (pdfkit): headings, paragraphs, tables and vector figures,
 * each in the document's structure tree so that screen readers and text extraction read it in
 * order; decoration and page numbers are marked as artifacts. Text stays text (the built-in
 * Helvetica): nothing is drawn as a picture.
 */
import PDFDocument from 'pdfkit';

export const INK = '#0b0c0c';
export const SECONDARY = '#505a5f';
export const BLUE = '#1d70b8';
export const RULE = '#b1b4b6';
export const GRID = '#dcdedf';

const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const MARGIN = { top: 56, bottom: 56, left: 50, right: 50 };

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

/** pdfkit's table options its type declarations leave out (pdfkit 0.17+ tagged tables). */
type TaggedTableOptions = PDFKit.Mixins.TableOptions & { structParent: Struct };
type HeaderCell = PDFKit.Mixins.CellOptions & { scope?: 'row' | 'column' };

export interface Column {
  header: string;
  /** Points, or '*' (the default) to share what is left. */
  width?: number | '*';
  align?: 'left' | 'right';
}

export interface DocumentInfo {
  title: string;
  subject: string;
  author: string;
  createdAt: Date;
  /** BCP 47 language of the whole document. */
  lang: string;
}

export class PdfWriter {
  readonly doc: Doc;
  private readonly root: Struct;
  private section: Struct | null = null;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(info: DocumentInfo) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      bufferPages: true,
      pdfVersion: '1.7',
      tagged: true,
      lang: info.lang,
      displayTitle: true,
      info: {
        Title: info.title,
        Subject: info.subject,
        Author: info.author,
        Creator: info.author,
        CreationDate: info.createdAt,
      },
    });
    // Collected from the start: the document's header is written as soon as it is made.
    this.done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
    this.doc.font(REGULAR).fontSize(10).fillColor(INK);
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  /** Points left above the bottom margin. */
  spaceLeft(): number {
    return this.doc.page.maxY() - this.doc.y;
  }

  /** Starts a new page unless `height` points fit on this one. */
  keep(height: number): void {
    if (this.spaceLeft() < height) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
    this.doc.x = this.left;
  }

  /** A new section (H1/H2 and what follows), listed in the document outline. */
  beginSection(outlineTitle?: string): void {
    this.section?.end();
    this.section = this.doc.struct('Sect');
    this.root.add(this.section);
    if (outlineTitle) this.doc.outline.addItem(outlineTitle);
  }

  private get parent(): Struct {
    return this.section ?? this.root;
  }

  heading(level: 1 | 2 | 3, text: string): void {
    const size = { 1: 20, 2: 15, 3: 12 }[level];
    const gap = { 1: 0, 2: 10, 3: 6 }[level];
    // A heading is never the last thing on a page.
    this.keep(size * 4);
    if (this.doc.y > this.doc.page.margins.top) this.doc.moveDown(gap / 10);
    this.parent.add(
      this.doc.struct(`H${level}`, {}, () => {
        this.doc
          .font(BOLD)
          .fontSize(size)
          .fillColor(INK)
          .text(text, this.left, this.doc.y, { width: this.width });
      }),
    );
    this.doc.moveDown(0.3);
    this.doc.font(REGULAR).fontSize(10);
  }

  paragraph(
    text: string,
    options: { size?: number; color?: string; bold?: boolean; gap?: number } = {},
  ): void {
    this.doc
      .font(options.bold ? BOLD : REGULAR)
      .fontSize(options.size ?? 10)
      .fillColor(options.color ?? INK);
    this.doc.text(text, this.left, this.doc.y, {
      width: this.width,
      structParent: this.parent,
    } as PDFKit.Mixins.TextOptions);
    this.doc.moveDown(options.gap ?? 0.5);
    this.doc.font(REGULAR).fontSize(10).fillColor(INK);
  }

  /** A paragraph with a bold lead-in: 'Data as of: 6:05am on 3 November 2026'. */
  labelled(label: string, text: string): void {
    this.parent.add(
      this.doc.struct('P', {}, () => {
        this.doc
          .font(BOLD)
          .fontSize(10)
          .fillColor(INK)
          .text(`${label} `, this.left, this.doc.y, { width: this.width, continued: true })
          .font(REGULAR)
          .text(text);
      }),
    );
    this.doc.moveDown(0.3);
  }

  /**
   * A table with a header row; with `rowHeaders` the first cell of each row heads it (a TH with
   * row scope). Rows that do not fit go on to the next page with the header repeated.
   */
  table(
    columns: readonly Column[],
    rows: readonly (readonly string[])[],
    options: { rowHeaders?: boolean; size?: number; x?: number; width?: number } = {},
  ): void {
    const size = options.size ?? 9;
    const x = options.x ?? this.left;
    const maxWidth = options.width ?? this.width;
    const header: HeaderCell[] = columns.map((c) => ({
      text: c.header,
      type: 'TH',
      scope: 'column',
      font: { src: BOLD, size },
    }));
    const body = rows.map((row) =>
      row.map(
        (text, i): HeaderCell =>
          i === 0 && options.rowHeaders
            ? { text, type: 'TH', scope: 'row', font: { src: BOLD, size } }
            : { text },
      ),
    );
    const columnStyles = columns.map((c) => ({
      width: c.width ?? '*',
      align: { x: c.align ?? 'left', y: 'top' as const },
    }));
    // Whole rows per page: measure each row and start a page (repeating the header) when the
    // next one would not fit, rather than letting a row straddle the page end.
    // Cells have no borders of their own (pdfkit would tag them with a BorderColor attribute
    // PDF readers reject); the rule under each row is drawn as decoration instead.
    const draw = (data: HeaderCell[][]) => {
      this.doc.font(REGULAR).fontSize(size).fillColor(INK);
      const table = this.doc.table({
        position: { x, y: this.doc.y },
        maxWidth,
        columnStyles,
        defaultStyle: {
          border: 0,
          padding: [3, 4, 3, 4],
          font: { src: REGULAR, size },
        } as PDFKit.Mixins.CellStyle,
        structParent: this.parent,
      } as TaggedTableOptions);
      data.forEach((row, i) => {
        table.row(row as PDFKit.Mixins.RowOptions[]);
        const y = this.doc.y;
        this.artifact(() => {
          this.doc
            .save()
            .moveTo(x, y)
            .lineTo(x + maxWidth, y)
            .lineWidth(i === 0 ? 1.25 : 0.5)
            .strokeColor(i === 0 ? INK : RULE)
            .stroke()
            .restore();
        });
      });
      table.end();
    };
    const widths = this.columnWidths(columns, maxWidth);
    let chunk: HeaderCell[][] = [header];
    let used = this.rowHeight(header, widths, size, true);
    let available = this.spaceLeft();
    if (available < used + this.rowHeight(body[0] ?? [], widths, size, false)) {
      this.newPage();
      available = this.spaceLeft();
    }
    for (const row of body) {
      const h = this.rowHeight(row, widths, size, !!options.rowHeaders);
      if (used + h > available && chunk.length > 1) {
        draw(chunk);
        this.newPage();
        available = this.spaceLeft();
        chunk = [header];
        used = this.rowHeight(header, widths, size, true);
      }
      chunk.push(row);
      used += h;
    }
    draw(chunk);
    this.doc.x = this.left;
    this.doc.moveDown(0.6);
    this.doc.font(REGULAR).fontSize(10).fillColor(INK);
  }

  /** The height `table` will take with these rows on one page. */
  tableHeight(
    columns: readonly Column[],
    rows: readonly (readonly string[])[],
    options: { rowHeaders?: boolean; size?: number; width?: number } = {},
  ): number {
    const size = options.size ?? 9;
    const widths = this.columnWidths(columns, options.width ?? this.width);
    const cells = (row: readonly string[], th: boolean): HeaderCell[] =>
      row.map((text, i) =>
        th || (i === 0 && options.rowHeaders) ? { text, type: 'TH' } : { text },
      );
    return (
      this.rowHeight(
        cells(
          columns.map((c) => c.header),
          true,
        ),
        widths,
        size,
        true,
      ) +
      rows.reduce(
        (sum, row) => sum + this.rowHeight(cells(row, false), widths, size, !!options.rowHeaders),
        0,
      )
    );
  }

  private columnWidths(columns: readonly Column[], maxWidth: number): number[] {
    const fixed = columns.reduce((s, c) => s + (typeof c.width === 'number' ? c.width : 0), 0);
    const stars = columns.filter((c) => typeof c.width !== 'number').length;
    return columns.map((c) =>
      typeof c.width === 'number' ? c.width : (maxWidth - fixed) / Math.max(stars, 1),
    );
  }

  /** The height pdfkit will give a row: its tallest cell's wrapped text plus padding. */
  private rowHeight(
    row: readonly HeaderCell[],
    widths: number[],
    size: number,
    firstBold: boolean,
  ): number {
    let tallest = 0;
    row.forEach((cell, i) => {
      const bold = cell.type === 'TH' || (firstBold && i === 0);
      this.doc.font(bold ? BOLD : REGULAR).fontSize(size);
      const h = this.doc.heightOfString(cell.text ?? '', { width: (widths[i] ?? 50) - 8 });
      tallest = Math.max(tallest, h);
    });
    this.doc.font(REGULAR);
    return tallest + 6 + 1;
  }

  /**
   * A vector figure (a chart) in a box at the current position, with its alternative text;
   * `draw` gets the box. The figure's data must also be given as a table nearby.
   */
  figure(
    alt: string,
    box: { x: number; y: number; width: number; height: number },
    draw: (doc: Doc, box: { x: number; y: number; width: number; height: number }) => void,
  ): void {
    this.parent.add(
      this.doc.struct('Figure', { alt }, () => {
        this.doc.save();
        draw(this.doc, box);
        this.doc.restore();
      }),
    );
    this.doc.font(REGULAR).fontSize(10).fillColor(INK);
  }

  /** A thin line across the page (decoration). */
  rule(): void {
    const y = this.doc.y + 2;
    this.artifact(() => {
      this.doc
        .save()
        .moveTo(this.left, y)
        .lineTo(this.left + this.width, y)
        .lineWidth(0.75)
        .strokeColor(RULE)
        .stroke()
        .restore();
    });
    this.doc.y = y + 8;
  }

  artifact(draw: () => void, type: 'Pagination' | 'Layout' = 'Layout'): void {
    this.doc.markContent('Artifact', { type });
    draw();
    this.doc.endMarkedContent();
  }

  /** 'Page 3 of 7' (and the title) at the foot of every page. */
  pageFooters(title: string): void {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      const bottom = this.doc.page.margins.bottom;
      // Writing below the bottom margin would start a new page: lift it while writing.
      this.doc.page.margins.bottom = 0;
      const y = this.doc.page.height - 36;
      this.artifact(() => {
        this.doc.font(REGULAR).fontSize(8).fillColor(SECONDARY);
        this.doc.text(title, this.left, y, { width: this.width, align: 'left', lineBreak: false });
        this.doc.text(`Page ${i - start + 1} of ${count}`, this.left, y, {
          width: this.width,
          align: 'right',
          lineBreak: false,
        });
      }, 'Pagination');
      this.doc.page.margins.bottom = bottom;
    }
  }

  /** Closes the structure and the document; the PDF's bytes. */
  finish(): Promise<Buffer> {
    this.section?.end();
    this.root.end();
    this.doc.end();
    return this.done;
  }
}
