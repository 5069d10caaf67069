import { useId } from 'react';
import { requestEventAuthor, requestEventKindLabels, type Request } from '@receptivo/shared';
import { DownloadLink } from '../ui/DownloadLink';
import { formatDateTime, formatFileSize } from '../ui/format';
import { TextWithProtocols } from '../ui/Protocol';
import { attachmentPath } from './requests-api';
import './requests.css';

interface RequestTimelineProps {
  request: Pick<Request, 'id' | 'timeline'>;
  /** 3 inside the Status Solicitação, 2 on the printed receipt, where it is a section of the page. */
  headingLevel?: 2 | 3;
}

/** Every step of the request, registration first: who, when, what, with the files sent along. */
export function RequestTimeline({ request, headingLevel = 3 }: RequestTimelineProps) {
  const titleId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="request-timeline" aria-labelledby={titleId}>
      <Heading id={titleId}>Histórico</Heading>
      {request.timeline.length === 0 ? (
        <p className="muted">Nenhum registro no histórico.</p>
      ) : (
        <ol className="request-timeline__list" aria-labelledby={titleId}>
          {request.timeline.map((event) => (
            <li key={event.id} className="request-timeline__event">
              <p className="request-timeline__head">
                <span className="badge badge--off">{requestEventKindLabels[event.kind]}</span>
                <time dateTime={event.at}>{formatDateTime(event.at)}</time>
                <span>{requestEventAuthor(event)}</span>
              </p>
              {event.description && (
                <p className="request-timeline__description preserve-lines">
                  <TextWithProtocols text={event.description} />
                </p>
              )}
              {event.attachments.length > 0 && (
                <ul className="request-timeline__attachments" aria-label="Anexos">
                  {event.attachments.map((attachment) => (
                    <li key={attachment.id}>
                      <DownloadLink path={attachmentPath(request.id, attachment.id)} fileName={attachment.fileName}>
                        {attachment.fileName}
                      </DownloadLink>
                      <span className="muted">{` (${formatFileSize(attachment.size)})`}</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
