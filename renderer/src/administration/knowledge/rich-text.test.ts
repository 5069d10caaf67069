import { applyFormat, sanitizeRichText } from './rich-text';

describe('sanitizeRichText', () => {
  test('keeps the allowed tags', () => {
    const html = '<h3>IPTU</h3><p>Pague <strong>até</strong> o dia <em>10</em>, <u>sem</u> multa.<br>Fim.</p>' +
      '<ul><li>um</li></ul><ol><li>dois</li></ol><blockquote>citação</blockquote><h4>Obs.</h4>';
    expect(sanitizeRichText(html)).toBe(html);
  });

  test('drops scripts, handlers and unsafe links, keeping the text of unknown tags', () => {
    expect(
      sanitizeRichText(
        '<p onclick="alert(1)" style="color:red">Olá <span class="x">mundo</span></p>' +
          '<script>alert(1)</script><img src=x onerror="alert(1)"><style>p{}</style>' +
          '<a href="javascript:alert(1)">ruim</a> <a href="https://prefeitura.sp.gov.br" onmouseover="x()">bom</a>',
      ),
    ).toBe(
      '<p>Olá mundo</p><a>ruim</a> ' +
        '<a href="https://prefeitura.sp.gov.br" target="_blank" rel="noopener noreferrer">bom</a>',
    );
  });

  test('escapes text that only looks like markup', () => {
    expect(sanitizeRichText('1 &lt; 2 &amp; <b>3</b>')).toBe('1 &lt; 2 &amp; 3');
  });
});

describe('applyFormat', () => {
  test('wraps the selection in the tag and selects the wrapped text', () => {
    const edit = applyFormat('Pague hoje.', 6, 10, 'strong');
    expect(edit.text).toBe('Pague <strong>hoje</strong>.');
    expect(edit.text.slice(edit.selectionStart, edit.selectionEnd)).toBe('hoje');
  });

  test('an empty selection gives an empty tag with the caret inside', () => {
    const edit = applyFormat('Texto', 5, 5, 'p');
    expect(edit.text).toBe('Texto<p></p>');
    expect([edit.selectionStart, edit.selectionEnd]).toEqual([8, 8]);
  });

  test('a list makes one item of each selected line', () => {
    const text = 'Documentos:\nRG\n  CPF \n\nComprovante';
    const edit = applyFormat(text, 12, text.length, 'ul');
    expect(edit.text).toBe('Documentos:\n<ul>\n  <li>RG</li>\n  <li>CPF</li>\n  <li>Comprovante</li>\n</ul>');
    expect(edit.text.slice(edit.selectionStart, edit.selectionEnd)).toBe('RG</li>\n  <li>CPF</li>\n  <li>Comprovante');
  });
});
