import { useEffect, useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { noticeKindLabels, noticeKinds, type CurrentNotices, type Notice, type NoticeKind } from '@receptivo/shared';
import { RichText } from '../knowledge/RichText';
import { knowledgeQueries } from '../knowledge/knowledge-api';
import { formatDateTime } from '../ui/format';
import { LoadFailed } from '../ui/LoadFailed';
import { useApi } from '../auth/SessionProvider';

const emptyTexts: Record<NoticeKind, string> = {
  notice: 'Nenhum aviso no momento.',
  incident: 'Nenhuma ocorrência no momento.',
  event: 'Nenhum evento no momento.',
};

/** A new ocorrência reaches the desks within a minute, without a reload. */
const noticesEveryMs = 60_000;

/**
 * Quadros de avisos, ocorrências e eventos valid now, read when the Receptivo opens and every minute
 * after, as one strip of counts and titles: the attendance desk under it must stay on the first screen. A board
 * opens over the desk (never pushing it down) and closes with Esc or its button.
 */
export function NoticeBoards() {
  const api = useApi();
  const load = useQuery({ ...knowledgeQueries.notices(api), refetchInterval: noticesEveryMs });
  const [open, setOpen] = useState<NoticeKind | null>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(null);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [open]);

  // A failed refresh keeps the boards already shown.
  if (load.isError && !load.data) {
    return (
      <div className="notice-strip notice-strip--failed">
        <LoadFailed what="os quadros de avisos" error={load.error} onRetry={() => void load.refetch()} />
      </div>
    );
  }
  const notices = load.data ?? null;
  return (
    <section aria-label="Quadros de avisos" className="notice-strip">
      <ul className="notice-strip__boards">
        {noticeKinds.map((kind) => (
          <li key={kind} className={`notice-strip__board notice-strip__board--${kind}`}>
            <BoardToggle
              kind={kind}
              notices={notices}
              expanded={open === kind}
              controls={panelId}
              onToggle={() => setOpen(open === kind ? null : kind)}
            />
          </li>
        ))}
      </ul>
      {open && notices && <NoticeBoard id={panelId} kind={open} items={notices[open]} onClose={() => setOpen(null)} />}
    </section>
  );
}

interface BoardToggleProps {
  kind: NoticeKind;
  notices: CurrentNotices | null;
  expanded: boolean;
  controls: string;
  onToggle: () => void;
}

/** The board's name, how many notices it has and their titles; the button opens the board. */
function BoardToggle({ kind, notices, expanded, controls, onToggle }: BoardToggleProps) {
  const items = notices?.[kind] ?? [];
  const titles = !notices ? 'Carregando…' : items.length === 0 ? emptyTexts[kind] : items.map((notice) => notice.title).join(' · ');
  return (
    <button
      type="button"
      className="notice-strip__toggle"
      aria-expanded={expanded}
      aria-controls={expanded ? controls : undefined}
      disabled={!notices}
      onClick={onToggle}
    >
      {/* Spaces between the parts keep the button's accessible name readable ("Ocorrências 2 …"). */}
      <span className="notice-strip__label">{noticeKindLabels[kind]}</span>{' '}
      <span className={items.length > 0 ? 'notice-strip__count notice-strip__count--some' : 'notice-strip__count'}>
        {notices ? items.length : '…'}
      </span>{' '}
      <span className="notice-strip__titles">{titles}</span>
    </button>
  );
}

function NoticeBoard({ id, kind, items, onClose }: { id: string; kind: NoticeKind; items: Notice[]; onClose: () => void }) {
  const titleId = useId();
  return (
    <section id={id} aria-labelledby={titleId} className={`notice-board notice-board--${kind}`}>
      <div className="notice-board__header">
        <h2 id={titleId} className="notice-board__title">
          {noticeKindLabels[kind]}
        </h2>
        <button type="button" className="button button--small" onClick={onClose}>
          Fechar
        </button>
      </div>
      {items.length === 0 ? (
        <p className="notice-board__empty">{emptyTexts[kind]}</p>
      ) : (
        <ul className="notice-list">
          {items.map((notice) => (
            <NoticeItem key={notice.id} notice={notice} />
          ))}
        </ul>
      )}
    </section>
  );
}

function NoticeItem({ notice }: { notice: Notice }) {
  return (
    <li className="notice">
      <h3 className="notice__title">{notice.title}</h3>
      <RichText html={notice.body} className="notice__body" />
      {notice.validUntil && <p className="notice__validity">{`até ${formatDateTime(notice.validUntil)}`}</p>}
    </li>
  );
}
