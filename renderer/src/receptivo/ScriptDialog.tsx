import { useId, useState } from 'react';
import type { ScriptList, ScriptTopic } from '@receptivo/shared';
import { RichText } from '../knowledge/RichText';
import { Dialog } from '../ui/Dialog';
import { LoadFailed } from '../ui/LoadFailed';
import type { Load } from '../ui/use-load';

interface ScriptDialogProps {
  scripts: Load<ScriptList>;
  onRetry: () => void;
  onClose: () => void;
}

/** The Script de Atendimento: topics on the left, the chosen one's text to read on the right. */
export function ScriptDialog({ scripts, onRetry, onClose }: ScriptDialogProps) {
  return (
    <Dialog title="Script de Atendimento" onClose={onClose}>
      {scripts.state === 'loading' && <p className="muted">Carregando script…</p>}
      {scripts.state === 'failed' && <LoadFailed what="o script de atendimento" failure={scripts} onRetry={onRetry} />}
      {scripts.state === 'ready' &&
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

function ScriptTopics({ topics }: { topics: readonly ScriptTopic[] }) {
  // The first topic is usually the greeting, the first thing read on a call.
  const [selectedId, setSelectedId] = useState(topics[0].id);
  const selected = topics.find((topic) => topic.id === selectedId) ?? topics[0];
  const contentId = useId();
  return (
    <div className="script-viewer">
      <ul className="script-viewer__topics" aria-label="Tópicos">
        {topics.map((topic) => (
          <li key={topic.id}>
            <button
              type="button"
              className="script-viewer__topic"
              aria-current={topic.id === selected.id ? 'true' : undefined}
              aria-controls={contentId}
              onClick={() => setSelectedId(topic.id)}
            >
              {topic.title}
            </button>
          </li>
        ))}
      </ul>
      <section id={contentId} className="script-viewer__content" aria-label={selected.title}>
        <h3 className="script-viewer__title">{selected.title}</h3>
        <RichText html={selected.content} />
      </section>
    </div>
  );
}
