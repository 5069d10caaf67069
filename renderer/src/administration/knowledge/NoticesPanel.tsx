import { useEffect, useState } from 'react';
import { noticeInputSchema, noticeKindLabels, noticeKinds, type Notice, type NoticeKind } from '@receptivo/shared';
import { CheckboxField, Field, TextField } from '../../ui/Field';
import { formatDateTime } from '../../ui/format';
import { useFormSubmit } from '../../ui/use-form-submit';
import { EditorDialog, useFormValues, useSaveItem } from './EditorDialog';
import type { Noun } from './editing';
import { KnowledgeList, type EditorProps } from './KnowledgeList';
import { isoToLocalInput, localInputToIso, noticeExhibition, noticeExhibitionLabels } from './notice-dates';
import { RichTextField } from './RichTextField';

const noun: Noun = { singular: 'aviso', plural: 'avisos', feminine: false };
const fields = ['kind', 'title', 'body', 'validFrom', 'validUntil', 'active'];

function validityOf(notice: Pick<Notice, 'validFrom' | 'validUntil'>): string {
  const from = formatDateTime(notice.validFrom);
  return notice.validUntil ? `${from} até ${formatDateTime(notice.validUntil)}` : `A partir de ${from}, sem fim`;
}

/** The current time, refreshed every minute so "Exibindo agora" follows the clock while the screen is open. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function NoticesPanel() {
  const now = useNow();
  return (
    <KnowledgeList
      resource="notices"
      noun={noun}
      newLabel="Novo aviso"
      caption="Avisos, ocorrências e eventos"
      describe={(notice) => notice.title}
      columns={[
        { header: 'Quadro', cell: (notice) => noticeKindLabels[notice.kind] },
        { header: 'Título', cell: (notice) => notice.title },
        { header: 'Validade', cell: validityOf },
        {
          header: 'Exibição',
          cell: (notice) => {
            const exhibition = noticeExhibition(notice, now);
            return (
              <span className={exhibition === 'showing' ? 'badge badge--ok' : 'badge badge--off'}>
                {noticeExhibitionLabels[exhibition]}
              </span>
            );
          },
        },
      ]}
      renderEditor={(props) => <NoticeEditor {...props} />}
    />
  );
}

function NoticeEditor({ item, onSaved, onClose }: EditorProps<Notice>) {
  const initialFrom = isoToLocalInput(item?.validFrom ?? new Date().toISOString());
  const initialUntil = item?.validUntil ? isoToLocalInput(item.validUntil) : '';
  const [values, set] = useFormValues({
    kind: item?.kind ?? ('notice' as NoticeKind),
    title: item?.title ?? '',
    body: item?.body ?? '',
    validFrom: initialFrom,
    validUntil: initialUntil,
    active: item?.active ?? true,
  });
  const { submitting, errors, submit } = useFormSubmit();
  const save = useSaveItem('notices', item, onSaved);

  function onSubmit() {
    // An untouched date keeps the stored instant instead of being resent in another spelling.
    const validFrom = item && values.validFrom === initialFrom ? item.validFrom : localInputToIso(values.validFrom);
    const validUntil = item && values.validUntil === initialUntil ? item.validUntil : localInputToIso(values.validUntil);
    return submit({ parsed: noticeInputSchema.safeParse({ ...values, validFrom, validUntil }), fields, send: save });
  }

  return (
    <EditorDialog
      title={item ? `Editar aviso ${item.title}` : 'Novo aviso'}
      wide
      submitting={submitting}
      errors={errors}
      onClose={onClose}
      onSubmit={onSubmit}
    >
      <div className="form-grid">
        <Field label="Quadro" error={errors.fields.kind}>
          {(control) => (
            <select
              {...control}
              value={values.kind}
              onChange={(event) => set('kind', event.target.value as NoticeKind)}
            >
              {noticeKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {noticeKindLabels[kind]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField label="Título" error={errors.fields.title} value={values.title} onChange={(value) => set('title', value)} />
        <Field label="Válido de" error={errors.fields.validFrom}>
          {(control) => (
            <input
              {...control}
              type="datetime-local"
              className="input--medium"
              value={values.validFrom}
              onChange={(event) => set('validFrom', event.target.value)}
            />
          )}
        </Field>
        <Field
          label="Válido até"
          hint="Opcional. Em branco, fica no quadro até ser desativado."
          error={errors.fields.validUntil}
        >
          {(control) => (
            <input
              {...control}
              type="datetime-local"
              className="input--medium"
              value={values.validUntil}
              onChange={(event) => set('validUntil', event.target.value)}
            />
          )}
        </Field>
      </div>
      <RichTextField
        label="Texto"
        value={values.body}
        error={errors.fields.body}
        onChange={(body) => set('body', body)}
      />
      <CheckboxField
        label="Ativo"
        hint="Avisos inativos não aparecem no Receptivo, mesmo dentro da validade."
        checked={values.active}
        error={errors.fields.active}
        onChange={(active) => set('active', active)}
      />
    </EditorDialog>
  );
}
