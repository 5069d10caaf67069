import { pdfText } from '../testing/request-fixtures';
import { PdfReport } from './pdf-report';

describe('PdfReport', () => {
  it('prints symbols and letters beyond Latin-1 as written, in a font embedded in the file', async () => {
    const pdf = await new PdfReport('Solicitação ✓ concluída', 'Prazo ≥ 48 h → vencido')
      .section('Cliente')
      .field('Nome', 'Zoltán Kővári')
      .field('Responsável', 'Łucja Wróbel · Дмитрий Иванов')
      .paragraph('✓ → ≥ ő')
      .entry('Linha do tempo', 'Aberta → Em andamento ✓')
      .finish();

    const text = await pdfText(pdf);
    for (const written of [
      'Solicitação ✓ concluída',
      'Prazo ≥ 48 h → vencido',
      'Zoltán Kővári',
      'Łucja Wróbel · Дмитрий Иванов',
      '✓ → ≥ ő',
      'Aberta → Em andamento ✓',
    ]) {
      expect(text).toContain(written);
    }
    expect(text).not.toContain('?');
    const source = pdf.toString('latin1');
    expect(source).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(source).toContain('/FontFile2');
    expect(source).not.toContain('/Helvetica');
  });
});
