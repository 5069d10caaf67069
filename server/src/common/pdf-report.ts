import PDFDocument from 'pdfkit';

// The standard PDF fonts (no font files to ship) draw WinAnsi only: Latin-1 plus these.
const WIN_ANSI_EXTRAS = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';

/** Text the standard fonts can draw: Portuguese stays as it is, anything else becomes "?". */
export function drawable(text: string): string {
  return [...text.normalize('NFC')]
    .map((character) => {
      const code = character.codePointAt(0)!;
      if (character === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.includes(character)) {
        return character;
      }
      return code === 0x09 ? ' ' : '?';
    })
    .join('');
}

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
    this.document = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: drawable(title), Subject: drawable(subject), Author: 'Receptivo' } });
    this.document.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.document.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.document.on('error', reject);
    });
    this.document.font('Helvetica-Bold').fontSize(16).text(drawable(title));
    this.document.font('Helvetica').fontSize(9).fillColor('#555555').text(drawable(subject)).fillColor('#000000').moveDown(0.8);
  }

  section(title: string): this {
    this.document.moveDown(0.6).font('Helvetica-Bold').fontSize(12).text(drawable(title), MARGIN).moveDown(0.2);
    return this;
  }

  /** "Label: value" with the value wrapped in its own column; an empty value shows "—". */
  field(label: string, value: string | null | undefined): this {
    const width = this.document.page.width - 2 * MARGIN - LABEL_WIDTH;
    const shownLabel = drawable(label);
    const shownValue = drawable(value?.trim() ? value : '—');
    this.document.fontSize(10);
    // Label and value start on one line: both must fit on this page, or both go to the next.
    const height = Math.max(
      this.document.font('Helvetica-Bold').heightOfString(shownLabel, { width: LABEL_WIDTH - 8 }),
      this.document.font('Helvetica').heightOfString(shownValue, { width }),
    );
    if (this.document.y + height > this.document.page.height - MARGIN) this.document.addPage();
    const top = this.document.y;
    this.document.font('Helvetica-Bold').text(shownLabel, MARGIN, top, { width: LABEL_WIDTH - 8 });
    const labelBottom = this.document.y;
    this.document.font('Helvetica').text(shownValue, MARGIN + LABEL_WIDTH, top, { width });
    this.document.x = MARGIN;
    this.document.y = Math.max(labelBottom, this.document.y) + 2;
    return this;
  }

  paragraph(text: string): this {
    this.document.font('Helvetica').fontSize(10).text(drawable(text), MARGIN, this.document.y, { width: this.document.page.width - 2 * MARGIN }).moveDown(0.3);
    return this;
  }

  /** A dated entry: a bold heading line and its text below. */
  entry(heading: string, text: string): this {
    this.document.font('Helvetica-Bold').fontSize(10).text(drawable(heading), MARGIN).font('Helvetica').text(drawable(text)).moveDown(0.4);
    return this;
  }

  finish(): Promise<Buffer> {
    this.document.end();
    return this.done;
  }
}
