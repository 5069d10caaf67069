const controls = 'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])';

/**
 * Takes the user to the first control marked invalid under `root`: scrolled to the middle of the
 * screen, so its message beside it is seen too, and focused. A group (a radio group's fieldset) is
 * not focusable itself: its chosen radio, or else its first, gets the focus. False when none is invalid.
 */
export function focusFirstInvalid(root: ParentNode | null | undefined): boolean {
  const invalid = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!invalid) return false;
  const target = invalid.matches(controls)
    ? invalid
    : (invalid.querySelector<HTMLElement>('input:checked') ?? invalid.querySelector<HTMLElement>(controls) ?? invalid);
  // jsdom has no scrollIntoView; browsers all do.
  invalid.scrollIntoView?.({ block: 'center' });
  target.focus({ preventScroll: true });
  return true;
}
