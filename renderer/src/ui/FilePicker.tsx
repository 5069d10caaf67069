import { useId } from 'react';
import { describedByOf, FieldMessages } from './Field';
import { formatFileSize } from './format';

interface FilePickerProps {
  label: string;
  hint?: string;
  error?: string;
  accept?: string;
  multiple?: boolean;
  files: readonly File[];
  onChange: (files: File[]) => void;
}

/**
 * A file picker that speaks pt-BR in any browser: the native input (whose button and "No file
 * chosen" follow the browser's language) stays the labelled, focusable control but is hidden from
 * sight; a label styled as a button opens it, and the names chosen are listed beside it.
 */
export function FilePicker({ label, hint, error, accept, multiple = false, files, onChange }: FilePickerProps) {
  const id = useId();
  const labelId = `${id}-label`;
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <span id={labelId} className="field__label">
        {label}
      </span>
      <div className="file-picker">
        <input
          id={id}
          type="file"
          className="visually-hidden file-picker__input"
          aria-labelledby={labelId}
          aria-describedby={describedByOf({ id, hint, error })}
          aria-invalid={error ? true : undefined}
          accept={accept}
          multiple={multiple}
          onChange={(event) => onChange(Array.from(event.target.files ?? []))}
        />
        <label htmlFor={id} className="button button--small file-picker__button">
          {multiple ? 'Escolher arquivos' : 'Escolher arquivo'}
        </label>
        {files.length === 0 ? (
          <span className="muted">Nenhum arquivo escolhido.</span>
        ) : (
          <ul className="file-picker__files" aria-label={multiple ? 'Arquivos escolhidos' : 'Arquivo escolhido'}>
            {files.map((file, index) => (
              <li key={`${index}-${file.name}`}>{`${file.name} (${formatFileSize(file.size)})`}</li>
            ))}
          </ul>
        )}
      </div>
      <FieldMessages id={id} hint={hint} error={error} />
    </div>
  );
}
