import { useId } from 'react';
import type { CategoryNode, InformationSummary, RequestTypeSummary } from './knowledge-api';
import { KnowledgeIcon } from './KnowledgeIcon';

interface CategoryBrowserProps {
  categories: readonly CategoryNode[];
  expanded: ReadonlySet<string>;
  onToggle: (categoryId: string) => void;
  onOpenInformation: (information: InformationSummary) => void;
  onOpenRequestType: (requestType: RequestTypeSummary) => void;
}

/** Focus keys of the items, so returning from a detail puts the focus back on what was opened. */
export const informationFocusKey = (id: string) => `information:${id}`;
export const requestTypeFocusKey = (id: string) => `request-type:${id}`;
export const categoryFocusKey = (id: string) => `category:${id}`;

function countsLabel(category: CategoryNode): string {
  const informations = category.informations.length;
  const requests = category.requestTypes.length;
  const parts = [
    informations > 0 && (informations === 1 ? '1 informação' : `${informations} informações`),
    requests > 0 && (requests === 1 ? '1 solicitação' : `${requests} solicitações`),
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : 'vazia';
}

/** The sessões, each opening to its informations (blue) and request types (green). */
export function CategoryBrowser({ categories, expanded, onToggle, onOpenInformation, onOpenRequestType }: CategoryBrowserProps) {
  if (categories.length === 0) return <p className="muted">Nenhuma sessão cadastrada.</p>;
  return (
    <ul className="category-list" aria-label="Sessões">
      {categories.map((category) => (
        <CategoryItem
          key={category.id}
          category={category}
          open={expanded.has(category.id)}
          onToggle={() => onToggle(category.id)}
          onOpenInformation={onOpenInformation}
          onOpenRequestType={onOpenRequestType}
        />
      ))}
    </ul>
  );
}

function CategoryItem({
  category,
  open,
  onToggle,
  onOpenInformation,
  onOpenRequestType,
}: {
  category: CategoryNode;
  open: boolean;
  onToggle: () => void;
  onOpenInformation: (information: InformationSummary) => void;
  onOpenRequestType: (requestType: RequestTypeSummary) => void;
}) {
  const panelId = useId();
  const empty = category.informations.length === 0 && category.requestTypes.length === 0;
  return (
    <li className={open ? 'category category--open' : 'category'}>
      <div className="category__header">
        <h3 className="category__name">
          <button
            type="button"
            className="category__toggle"
            data-focus-key={categoryFocusKey(category.id)}
            aria-expanded={open}
            aria-controls={panelId}
            onClick={onToggle}
          >
            {category.name}
          </button>
        </h3>
        <span className="category__counts">{countsLabel(category)}</span>
      </div>
      {open && (
        <div id={panelId} className="category__panel">
          {category.description && <p className="muted">{category.description}</p>}
          {empty && <p className="muted">Nenhuma informação ou solicitação nesta sessão.</p>}
          {category.informations.length > 0 && (
            <ul className="knowledge-items" aria-label="Informações">
              {category.informations.map((information) => (
                <li key={information.id}>
                  <button
                    type="button"
                    className="knowledge-item"
                    data-focus-key={informationFocusKey(information.id)}
                    onClick={() => onOpenInformation(information)}
                  >
                    <KnowledgeIcon kind="information" />
                    {information.title}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {category.requestTypes.length > 0 && (
            <ul className="knowledge-items" aria-label="Solicitações">
              {category.requestTypes.map((requestType) => (
                <li key={requestType.id}>
                  <button
                    type="button"
                    className="knowledge-item"
                    data-focus-key={requestTypeFocusKey(requestType.id)}
                    onClick={() => onOpenRequestType(requestType)}
                  >
                    <KnowledgeIcon kind="request" />
                    {requestType.name}
                  </button>
                  <span className="knowledge-item__meta">{requestType.organName}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </li>
  );
}
