import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Category } from '@receptivo/shared';
import { describeError } from '../../api/client';
import { useApi } from '../../auth/SessionProvider';
import { knowledgeItemsQuery } from './knowledge-admin-api';

interface RelatedRequestTypesFieldProps {
  categories: readonly Category[];
  value: readonly string[];
  error?: string;
  onChange: (requestTypeIds: string[]) => void;
}

/**
 * The request types an information leads to, checked by sessão: on the desk each becomes a
 * [Registrar solicitação] beside the information.
 */
export function RelatedRequestTypesField({ categories, value, error, onChange }: RelatedRequestTypesFieldProps) {
  const api = useApi();
  // Every request type, inactive ones too: the same query a saved request type refreshes.
  const requestTypes = useQuery(knowledgeItemsQuery(api, 'request-types'));
  const hintId = useId();
  const errorId = useId();
  const chosen = new Set(value);

  function toggle(id: string, checked: boolean) {
    // Kept in the order of the lists, as the desk shows them.
    const ids = (requestTypes.data ?? []).map((type) => type.id);
    onChange(ids.filter((typeId) => (typeId === id ? checked : chosen.has(typeId))));
  }

  return (
    <fieldset
      className={error ? 'fieldset related-types field--invalid' : 'fieldset related-types'}
      aria-describedby={[hintId, error && errorId].filter(Boolean).join(' ')}
    >
      <legend>Solicitações relacionadas</legend>
      <p id={hintId} className="field__hint">
        No Receptivo, a informação oferece [Registrar solicitação] para cada tipo marcado.
      </p>
      {requestTypes.isPending && <p className="muted">Carregando tipos de solicitação…</p>}
      {requestTypes.isError && (
        <p role="alert" className="field__error">{`Não foi possível carregar os tipos de solicitação. ${describeError(requestTypes.error)}`}</p>
      )}
      {requestTypes.data &&
        categories.map((category) => {
          const types = requestTypes.data.filter((type) => type.categoryId === category.id);
          if (types.length === 0) return null;
          return (
            <fieldset key={category.id} className="related-types__category">
              <legend>{category.name}</legend>
              {types.map((type) => (
                <label key={type.id} className="checkbox">
                  <input type="checkbox" checked={chosen.has(type.id)} onChange={(event) => toggle(type.id, event.target.checked)} />
                  {type.active ? type.name : `${type.name} (inativo)`}
                </label>
              ))}
            </fieldset>
          );
        })}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
