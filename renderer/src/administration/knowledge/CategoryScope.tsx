import { useState, type ReactNode } from 'react';
import type { Category } from '@receptivo/shared';
import { Field } from '../../ui/Field';
import { LoadFailure, useKnowledgeItems } from './KnowledgeList';

const categoryOptionLabel = (category: Category) =>
  category.active ? category.name : `${category.name} (inativa)`;

interface CategoryScopeProps {
  /** The list of the chosen category, given the filter to show in its toolbar. */
  children: (scope: { categoryId: string; categories: Category[]; filter: ReactNode }) => ReactNode;
}

/** Informations and request types are kept and ordered per category: pick one, then list it. */
export function CategoryScope({ children }: CategoryScopeProps) {
  const { load, reload } = useKnowledgeItems('categories');
  const [chosen, setChosen] = useState<string | null>(null);

  if (load.state === 'loading') return <p className="muted">Carregando sessões…</p>;
  if (load.state === 'failed') return <LoadFailure message={load.message} onRetry={reload} />;
  const categories = load.items;
  if (categories.length === 0) {
    return <p className="note">Nenhuma sessão cadastrada. Cadastre uma na aba Sessões primeiro.</p>;
  }
  const categoryId = categories.some((category) => category.id === chosen) ? (chosen as string) : categories[0].id;

  const filter = (
    <Field label="Sessão">
      {(control) => (
        <select {...control} value={categoryId} onChange={(event) => setChosen(event.target.value)}>
          {categories.map((category) => (
            <option key={category.id} value={category.id}>
              {categoryOptionLabel(category)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return children({ categoryId, categories, filter });
}

/** The "Sessão" select of an editor: every category, inactive ones marked. */
export function CategorySelect({
  categories,
  value,
  error,
  onChange,
}: {
  categories: readonly Category[];
  value: string;
  error?: string;
  onChange: (categoryId: string) => void;
}) {
  return (
    <Field label="Sessão" error={error}>
      {(control) => (
        <select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">Selecione…</option>
          {categories.map((category) => (
            <option key={category.id} value={category.id}>
              {categoryOptionLabel(category)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
