/**
 * The manual's colour code: blue for an Informação, green for a Solicitação. Decorative for
 * assistive technology (the list or label around it says the kind); the title is for the mouse.
 */
export function KnowledgeIcon({ kind }: { kind: 'information' | 'request' }) {
  const information = kind === 'information';
  return (
    <span
      className={information ? 'knowledge-icon icon-information' : 'knowledge-icon icon-request'}
      title={information ? 'Informação' : 'Solicitação'}
      aria-hidden="true"
    >
      <svg viewBox="0 0 16 16" width="16" height="16" focusable="false">
        {information ? (
          <>
            <circle cx="8" cy="8" r="7.5" fill="currentColor" />
            <rect x="7" y="7" width="2" height="5.5" rx="0.5" fill="#fff" />
            <circle cx="8" cy="4.5" r="1.2" fill="#fff" />
          </>
        ) : (
          <>
            <rect x="1" y="0.5" width="14" height="15" rx="2" fill="currentColor" />
            <rect x="4" y="4" width="8" height="1.6" rx="0.5" fill="#fff" />
            <rect x="4" y="7.2" width="8" height="1.6" rx="0.5" fill="#fff" />
            <rect x="4" y="10.4" width="5" height="1.6" rx="0.5" fill="#fff" />
          </>
        )}
      </svg>
    </span>
  );
}

/** The magnifier of the search button. */
export function MagnifierIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <circle cx="6.5" cy="6.5" r="4.75" fill="none" stroke="currentColor" strokeWidth="2" />
      <line x1="10" y1="10" x2="14.5" y2="14.5" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  );
}
