import { useId, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import type { PortalInformation } from '@receptivo/shared';
import { RichText } from '../knowledge/RichText';
import { countLabel } from '../ui/format';
import { LoadFailed } from '../ui/LoadFailed';
import { knowledgeQuery } from './portal-api';
import { portalPaths } from './portal-paths';
import { PortalPage } from './PortalPage';
import { usePortalApi } from './PortalSessionProvider';

/** Informações: the knowledge the call center publishes on the portal, searchable without signing in. */
export function InformationsPage() {
  const api = usePortalApi();
  const [params, setParams] = useSearchParams();
  const searched = params.get('q')?.trim() ?? '';
  const [typed, setTyped] = useState(searched);
  // Without words the server lists everything published, for browsing.
  const results = useQuery(knowledgeQuery(api, searched));
  const inputId = useId();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setParams(typed.trim() ? { q: typed.trim() } : {});
  }

  return (
    <PortalPage title="Informações" lead="Tire dúvidas sobre os serviços da prefeitura: busque por palavras como “lâmpada” ou “IPTU”.">
      <form role="search" aria-label="Buscar informações" className="portal-search" onSubmit={onSubmit}>
        <label htmlFor={inputId}>O que você procura?</label>
        <div className="portal-search__row">
          <input id={inputId} type="search" value={typed} onChange={(event) => setTyped(event.target.value)} />
          <button type="submit" className="button button--primary">
            Buscar
          </button>
        </div>
      </form>
      <div role="status" className="portal-search__summary">
        {results.data &&
          (searched
            ? `${countLabel(results.data.items.length, 'informação encontrada', 'informações encontradas')} para “${searched}”.`
            : `${countLabel(results.data.items.length, 'informação publicada', 'informações publicadas')}.`)}
      </div>
      {results.isError && <LoadFailed what="as informações" error={results.error} onRetry={() => void results.refetch()} />}
      {results.isPending && <p className="muted">Carregando as informações…</p>}
      {results.data && results.data.items.length > 0 && (
        <ul className="portal-list">
          {results.data.items.map((information) => (
            <li key={information.id} className="portal-item">
              <InformationArticle information={information} />
            </li>
          ))}
        </ul>
      )}
    </PortalPage>
  );
}

function InformationArticle({ information }: { information: PortalInformation }) {
  const titleId = useId();
  return (
    <article aria-labelledby={titleId}>
      <h2 id={titleId} className="portal-item__title">
        {information.title}
      </h2>
      <p className="muted portal-item__line">{information.categoryName}</p>
      <RichText html={information.body} />
      {information.proposedSolution && (
        <>
          <h3 className="portal-subtitle">Solução proposta</h3>
          <RichText html={information.proposedSolution} />
        </>
      )}
      {information.requestTypes.length > 0 && (
        <ul className="portal-links">
          {information.requestTypes.map((type) => (
            <li key={type.id}>
              <Link to={portalPaths.newRequest(type.id)} className="button">
                {`Registrar solicitação: ${type.name}`}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
