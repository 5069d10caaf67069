import { noticeKindLabels, noticeKinds, type CurrentNotices, type Notice, type NoticeKind } from '@receptivo/shared';
import { RichText } from '../knowledge/RichText';
import { getCurrentNotices } from '../knowledge/knowledge-api';
import { formatDateTime } from '../ui/format';
import { LoadFailed } from '../ui/LoadFailed';
import { useLoad } from '../ui/use-load';

const emptyTexts: Record<NoticeKind, string> = {
  notice: 'Nenhum aviso no momento.',
  incident: 'Nenhuma ocorrência no momento.',
  event: 'Nenhum evento no momento.',
};

/** Quadros de avisos, ocorrências e eventos valid now, read once when the Receptivo opens. */
export function NoticeBoards() {
  const [load, reload] = useLoad(getCurrentNotices);
  if (load.state === 'failed') {
    return (
      <div className="notice-boards notice-boards--failed">
        <LoadFailed what="os quadros de avisos" failure={load} onRetry={reload} />
      </div>
    );
  }
  return (
    <div className="notice-boards">
      {noticeKinds.map((kind) => (
        <NoticeBoard key={kind} kind={kind} notices={load.state === 'ready' ? load.data : null} />
      ))}
    </div>
  );
}

function NoticeBoard({ kind, notices }: { kind: NoticeKind; notices: CurrentNotices | null }) {
  const items = notices?.[kind] ?? [];
  return (
    <section role="region" aria-label={noticeKindLabels[kind]} className={`notice-board notice-board--${kind}`}>
      <h2 className="notice-board__title">{noticeKindLabels[kind]}</h2>
      {!notices && <p className="muted">Carregando…</p>}
      {notices && items.length === 0 && <p className="notice-board__empty">{emptyTexts[kind]}</p>}
      {items.length > 0 && (
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
