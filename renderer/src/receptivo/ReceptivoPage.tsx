import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { AttendanceDesk } from '../attendances/AttendanceDesk';
import { useApi, useCurrentUser } from '../auth/SessionProvider';
import { knowledgeQueries } from '../knowledge/knowledge-api';
import { Page } from '../ui/Page';
import { NoticeBoards } from './NoticeBoards';
import { ScriptDialog } from './ScriptDialog';
import './receptivo.css';

export function ReceptivoPage() {
  const user = useCurrentUser();
  // Loaded with the page so the script opens at once when the call starts.
  const api = useApi();
  const scripts = useQuery(knowledgeQueries.scripts(api));
  const [scriptOpen, setScriptOpen] = useState(false);

  return (
    <Page
      title="Receptivo"
      subtitle={
        <span className="receptivo-greeting">
          {`Olá, ${user.name}. `}
          {user.extension ? (
            <>
              Seu ramal cadastrado é o <strong>{user.extension}</strong>.
            </>
          ) : (
            'Você ainda não tem ramal associado. Peça a um administrador para cadastrar o seu ramal antes de atender chamadas.'
          )}
        </span>
      }
      actions={
        <button type="button" className="button" onClick={() => setScriptOpen(true)}>
          Script de Atendimento
        </button>
      }
    >
      <NoticeBoards />
      <AttendanceDesk />
      {scriptOpen && <ScriptDialog scripts={scripts} onClose={() => setScriptOpen(false)} />}
    </Page>
  );
}
