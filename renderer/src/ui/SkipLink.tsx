import type { RefObject } from 'react';

/** The first tab stop: past the menu and the header, straight to the page's work (`<main id="conteudo">`). */
export function SkipLink({ target }: { target: RefObject<HTMLElement | null> }) {
  return (
    <a
      href="#conteudo"
      className="skip-link"
      onClick={(event) => {
        event.preventDefault();
        target.current?.focus();
      }}
    >
      Pular para o conteúdo
    </a>
  );
}
