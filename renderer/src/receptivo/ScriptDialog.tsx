import type { UseQueryResult } from '@tanstack/react-query';
import type { ScriptList, ScriptTopic } from '@receptivo/shared';
import { RichText } from '../knowledge/RichText';
import { Dialog } from '../ui/Dialog';
import { LoadFailed } from '../ui/LoadFailed';
import { Tabs } from '../ui/Tabs';

interface ScriptDialogProps {
  scripts: UseQueryResult<ScriptList>;
  onClose: () => void;
}

/** The Script de Atendimento: topics on the left, the chosen one's text to read on the right. */
export function ScriptDialog({ scripts, onClose }: ScriptDialogProps) {
  return (
    <Dialog title="Script de Atendimento" onClose={onClose}>
      {scripts.isPending && <p className="muted">Carregando script…</p>}
      {scripts.isError && <LoadFailed what="o script de atendimento" error={scripts.error} onRetry={() => void scripts.refetch()} />}
      {scripts.isSuccess &&
        (scripts.data.topics.length === 0 ? (
          <p className="muted">Nenhum tópico de script cadastrado.</p>
        ) : (
          <ScriptTopics topics={scripts.data.topics} />
        ))}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          Fechar
        </button>
      </div>
    </Dialog>
  );
}

/** Topics as vertical tabs: the arrow keys go from one to the next, showing its text at once. */
function ScriptTopics({ topics }: { topics: readonly ScriptTopic[] }) {
  // The first topic is usually the greeting, the first thing read on a call: Tabs opens on it.
  return (
    <Tabs
      label="Tópicos"
      orientation="vertical"
      className="script-viewer"
      tabs={topics.map((topic) => ({
        key: topic.id,
        label: topic.title,
        content: (
          <div className="script-viewer__content">
            <h3 className="script-viewer__title">{topic.title}</h3>
            <RichText html={topic.content} />
          </div>
        ),
      }))}
    />
  );
}
