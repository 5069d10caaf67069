import { richTextToPlain, sanitizeRichText } from './rich-text';

describe('rich text of the knowledge base', () => {
  it('removes scripts, handlers, styles and unknown tags, keeping the allowed formatting', () => {
    const html =
      '<p onclick="steal()">Ligue <strong>156</strong><script>alert(1)</script></p><img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a><a href="https://sp.example.gov.br" target="_top">portal</a><style>p{}</style><iframe src="//evil"></iframe>';
    expect(sanitizeRichText(html)).toBe('<p>Ligue <strong>156</strong></p><a>x</a><a href="https://sp.example.gov.br">portal</a>');
  });

  it('gives the words for the search index, one line per block', () => {
    expect(richTextToPlain('<p>Troca de <em>lâmpadas</em> &amp; reatores</p><ul><li>poste 12</li><li>poste 13</li></ul>')).toBe(
      'Troca de lâmpadas & reatores\nposte 12\nposte 13',
    );
  });
});
