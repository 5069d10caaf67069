/**
 * jsdom has no layout, and ProseMirror (the rich text editor) measures the selection after each
 * change to scroll it into view. Empty measurements are enough for the editor to work in tests.
 */
const noRects = () => Object.assign([], { item: () => null }) as unknown as DOMRectList;
const emptyRect = () => new DOMRect(0, 0, 0, 0);

for (const prototype of [Range.prototype, Text.prototype, Element.prototype] as object[]) {
  Object.assign(prototype, {
    getClientRects: (prototype as { getClientRects?: unknown }).getClientRects ?? noRects,
    getBoundingClientRect: (prototype as { getBoundingClientRect?: unknown }).getBoundingClientRect ?? emptyRect,
  });
}
if (!document.elementFromPoint) document.elementFromPoint = () => null;
