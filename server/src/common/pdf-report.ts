import PDFDocument from 'pdfkit';

/**
 * DejaVu Sans, embedded (subset) in every PDF: the standard PDF fonts draw WinAnsi only, so ✓, →, ≥
 * and letters such as ő, ł or Cyrillic printed as "?". Resolved through the package, so the font is
 * found wherever the server's dependencies are installed.
 */
const REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

// Control characters have no glyph: a tab reads as a space, the rest is left out.
const printable = (text: string) => text.normalize('NFC').replace(/\t/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');

const REGULAR_FONT = 'DejaVuSans';
const BOLD_FONT = 'DejaVuSans-Bold';
const MARGIN = 50;
const LABEL_WIDTH = 150;

/**
 * A printable report (A4, one column): a title, label/value lines and sections. Decisions about
 * what goes in it stay with the caller; this only lays text out.
 */
export class PdfReport {
  private readonly document: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(title: string, subject: string) {
    this.document = new PDFDocument({ size: 'A4', margin: MARGIN, font: REGULAR, lang: 'pt-BR', info: { Title: printable(title), Subject: printable(subject), Author: 'Receptivo' } });
    this.document.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.document.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.document.on('error', reject);
    });
    this.document.registerFont(REGULAR_FONT, REGULAR).registerFont(BOLD_FONT, BOLD);
    this.document.font(BOLD_FONT).fontSize(16).text(printable(title));
    this.document.font(REGULAR_FONT).fontSize(9).fillColor('#555555').text(printable(subject)).fillColor('#000000').moveDown(0.8);
  }

  section(title: string): this {
    this.document.moveDown(0.6).font(BOLD_FONT).fontSize(12).text(printable(title), MARGIN).moveDown(0.2);
    return this;
  }

  /** "Label: value" with the value wrapped in its own column; an empty value shows "—". */
  field(label: string, value: string | null | undefined): this {
    const width = this.document.page.width - 2 * MARGIN - LABEL_WIDTH;
    const shownLabel = printable(label);
    const shownValue = printable(value?.trim() ? value : '—');
    this.document.fontSize(10);
    // Label and value start on one line: both must fit on this page, or both go to the next.
    const height = Math.max(
      this.document.font(BOLD_FONT).heightOfString(shownLabel, { width: LABEL_WIDTH - 8 }),
      this.document.font(REGULAR_FONT).heightOfString(shownValue, { width }),
    );
    if (this.document.y + height > this.document.page.height - MARGIN) this.document.addPage();
    const top = this.document.y;
    this.document.font(BOLD_FONT).text(shownLabel, MARGIN, top, { width: LABEL_WIDTH - 8 });
    const labelBottom = this.document.y;
    this.document.font(REGULAR_FONT).text(shownValue, MARGIN + LABEL_WIDTH, top, { width });
    this.document.x = MARGIN;
    this.document.y = Math.max(labelBottom, this.document.y) + 2;
    return this;
  }

  paragraph(text: string): this {
    this.document.font(REGULAR_FONT).fontSize(10).text(printable(text), MARGIN, this.document.y, { width: this.document.page.width - 2 * MARGIN }).moveDown(0.3);
    return this;
  }

  /** A dated entry: a bold heading line and its text below. */
  entry(heading: string, text: string): this {
    this.document.font(BOLD_FONT).fontSize(10).text(printable(heading), MARGIN).font(REGULAR_FONT).text(printable(text)).moveDown(0.4);
    return this;
  }

  finish(): Promise<Buffer> {
    this.document.end();
    return this.done;
  }
}
