import { useId } from 'react';
import type { CtiDiagnostics, PbxFinding } from '@receptivo/shared';
import { useQuery } from '@tanstack/react-query';
import { describeError } from '../api/client';
import { useApi } from '../auth/SessionProvider';
import { countLabel, formatTime } from '../ui/format';
import { getCtiDiagnostics } from './cti-api';

const placeLabels: Record<NonNullable<PbxFinding['fix']>['place'], string> = {
  'manager.conf': 'manager.conf (Asterisk)',
  'queues.conf': 'queues.conf (Asterisk)',
  'extensions.conf': 'extensions.conf (Asterisk)',
  'pjsip.conf': 'pjsip.conf (Asterisk)',
  'receptivo.env': 'configuração do servidor (receptivo.env)',
  usuarios: 'cadastro de usuários',
  sistema: 'sistema operacional',
};

/** Verificação da central: what is wrong or missing in the PBX's configuration, each finding with its fix. */
export function PbxWiringCheck() {
  const api = useApi();
  const titleId = useId();
  // Asked on the admin's click only: the check sends probes to the PBX.
  const check = useQuery({ queryKey: ['cti', 'diagnostics'], queryFn: () => getCtiDiagnostics(api), enabled: false, retry: false });

  return (
    <section className="telephony__section" aria-labelledby={titleId}>
      <h2 id={titleId} className="telephony__title">
        Verificação da central
      </h2>
      <p className="muted">
        Confere a configuração do Asterisk: permissões do usuário do AMI, filas e membros, ramais dos usuários, eventos recebidos, variáveis da URA e relógio.
      </p>
      <button type="button" className="button" onClick={() => void check.refetch()} disabled={check.isFetching}>
        {check.isFetching ? 'Verificando…' : check.data ? 'Verificar de novo' : 'Verificar configuração da central'}
      </button>
      {check.error && (
        <p role="alert" className="alert alert--error">
          {`Não foi possível verificar a central. ${describeError(check.error)}`}
        </p>
      )}
      {check.data && <Diagnosis diagnostics={check.data} />}
    </section>
  );
}

function Diagnosis({ diagnostics }: { diagnostics: CtiDiagnostics }) {
  const { findings, passed, pending, queues } = diagnostics;
  return (
    <div className="wiring-check" aria-live="polite">
      <p role="status">
        {`${findings.length === 0 ? 'Nenhum problema encontrado' : countLabel(findings.length, 'problema encontrado', 'problemas encontrados')} (verificado às ${formatTime(diagnostics.checkedAt)}).`}
      </p>
      {findings.length > 0 && (
        <ol className="wiring-check__findings" aria-label="Problemas encontrados">
          {findings.map((finding, index) => (
            <li key={`${finding.code}-${index}`} className={`wiring-check__finding wiring-check__finding--${finding.severity}`}>
              <p className="wiring-check__finding-title">
                <span className={finding.severity === 'error' ? 'badge badge--off' : 'badge badge--warn'}>{finding.severity === 'error' ? 'Erro' : 'Atenção'}</span>{' '}
                <strong>{finding.title}</strong>
              </p>
              <p>{finding.detail}</p>
              {finding.fix && (
                <>
                  <p className="muted">Como corrigir, em {placeLabels[finding.fix.place]}:</p>
                  <pre className="wiring-check__fix">
                    <code>{finding.fix.lines.join('\n')}</code>
                  </pre>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      {passed.length > 0 && (
        <>
          <h3 className="wiring-check__subtitle">Verificações sem problemas</h3>
          <ul className="wiring-check__passed">
            {passed.map((check) => (
              <li key={check}>{check}</li>
            ))}
          </ul>
        </>
      )}
      {pending.length > 0 && (
        <>
          <h3 className="wiring-check__subtitle">Aguardando chamadas para verificar</h3>
          <ul>
            {pending.map((check) => (
              <li key={check}>{check}</li>
            ))}
          </ul>
        </>
      )}
      {queues.length > 0 && (
        <table className="table">
          <caption>Filas e membros na central</caption>
          <thead>
            <tr>
              <th scope="col">Fila</th>
              <th scope="col">Membro</th>
              <th scope="col">Ramal</th>
              <th scope="col">Usuário</th>
            </tr>
          </thead>
          <tbody>
            {queues.flatMap((queue) =>
              queue.members.map((member) => (
                <tr key={`${queue.name}-${member.interface}`}>
                  <td>{queue.name}</td>
                  <td className="mono">{member.interface}</td>
                  <td className="mono">{member.extension ?? '—'}</td>
                  <td>{member.userName ?? <span className="badge badge--warn">sem usuário</span>}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </div>
  );
}
