/** The tags the server keeps in rich text; the preview shows what will be stored. */
const allowedTags = new Set(['P', 'BR', 'STRONG', 'EM', 'U', 'UL', 'OL', 'LI', 'A', 'H3', 'H4', 'BLOCKQUOTE']);
/** Dropped with their content, not just unwrapped: their text is not meant to be read. */
const droppedTags = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'NOSCRIPT', 'TEXTAREA', 'SELECT']);
const safeHref = /^(https?:|mailto:|tel:)/i;

/**
 * The HTML being typed, reduced to the server's allow-list, for the live preview. The text is
 * parsed in an inert document (no scripts, no image loads) and rebuilt node by node.
 */
export function sanitizeRichText(html: string): string {
  const source = new DOMParser().parseFromString(html, 'text/html');
  const target = document.implementation.createHTMLDocument('');
  const root = target.createElement('div');
  copyAllowed(source.body, root, target);
  return root.innerHTML;
}

function copyAllowed(from: Node, to: Node, owner: Document): void {
  for (const node of Array.from(from.childNodes)) {
    if (node.nodeType === Node.TEXT_NODE) {
      to.appendChild(owner.createTextNode(node.textContent ?? ''));
      continue;
    }
    if (!(node instanceof Element) || droppedTags.has(node.tagName)) continue;
    if (!allowedTags.has(node.tagName)) {
      copyAllowed(node, to, owner);
      continue;
    }
    const copy = owner.createElement(node.tagName.toLowerCase());
    const href = node.getAttribute('href')?.trim();
    if (node.tagName === 'A' && href && safeHref.test(href)) {
      copy.setAttribute('href', href);
      copy.setAttribute('target', '_blank');
      copy.setAttribute('rel', 'noopener noreferrer');
    }
    copyAllowed(node, copy, owner);
    to.appendChild(copy);
  }
}

export type RichTextFormat = 'p' | 'strong' | 'em' | 'u' | 'ul';

export interface TextEdit {
  text: string;
  selectionStart: number;
  selectionEnd: number;
}

/**
 * Wraps the selected text in a tag; a list makes one item of each selected line. The new selection
 * covers the wrapped text, so the administrator sees what changed and can type over it.
 */
export function applyFormat(text: string, start: number, end: number, format: RichTextFormat): TextEdit {
  const selected = text.slice(start, end);
  const wrapped = format === 'ul' ? listOf(selected) : `<${format}>${selected}</${format}>`;
  const innerStart = format === 'ul' ? start + '<ul>\n  <li>'.length : start + format.length + 2;
  const innerEnd = format === 'ul' ? start + wrapped.length - '</li>\n</ul>'.length : innerStart + selected.length;
  return { text: text.slice(0, start) + wrapped + text.slice(end), selectionStart: innerStart, selectionEnd: innerEnd };
}

function listOf(selected: string): string {
  const lines = selected
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return `<ul>\n${(lines.length > 0 ? lines : ['']).map((line) => `  <li>${line}</li>`).join('\n')}\n</ul>`;
}
