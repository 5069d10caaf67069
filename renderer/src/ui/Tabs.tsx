import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem {
  key: string;
  label: string;
  content: ReactNode;
}

interface TabsProps {
  label: string;
  tabs: readonly TabItem[];
  /** Given when the page itself must switch tabs (e.g. a link to another tab); otherwise kept inside. */
  selected?: string;
  onSelect?: (key: string) => void;
  /** Vertical tabs (a list of topics beside the text) move with the up and down arrows. */
  orientation?: 'horizontal' | 'vertical';
  className?: string;
}

const arrows = {
  horizontal: { next: 'ArrowRight', previous: 'ArrowLeft' },
  vertical: { next: 'ArrowDown', previous: 'ArrowUp' },
};

/** WAI-ARIA tabs: one tab stop, arrow keys move between tabs, selecting as they go. */
export function Tabs({ label, tabs, selected: controlled, onSelect, orientation = 'horizontal', className }: TabsProps) {
  const baseId = useId();
  const [own, setOwn] = useState(tabs[0]?.key);
  const selected = controlled ?? own;
  const setSelected = (key: string) => {
    setOwn(key);
    onSelect?.(key);
  };
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const current = tabs.find((tab) => tab.key === selected) ?? tabs[0];

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = tabs.findIndex((tab) => tab.key === current?.key);
    const moves: Record<string, number> = {
      [arrows[orientation].next]: (index + 1) % tabs.length,
      [arrows[orientation].previous]: (index - 1 + tabs.length) % tabs.length,
      Home: 0,
      End: tabs.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    setSelected(tabs[next].key);
    refs.current.get(tabs[next].key)?.focus();
  }

  if (!current) return null;
  return (
    <div className={className ? `tabs ${className}` : 'tabs'}>
      <div
        role="tablist"
        aria-label={label}
        aria-orientation={orientation === 'vertical' ? 'vertical' : undefined}
        className="tabs__list"
        onKeyDown={onKeyDown}
      >
        {tabs.map((tab) => {
          const active = tab.key === current.key;
          return (
            <button
              key={tab.key}
              ref={(element) => {
                if (element) refs.current.set(tab.key, element);
                else refs.current.delete(tab.key);
              }}
              type="button"
              role="tab"
              id={`${baseId}-tab-${tab.key}`}
              aria-selected={active}
              aria-controls={`${baseId}-panel-${tab.key}`}
              tabIndex={active ? 0 : -1}
              className="tabs__tab"
              onClick={() => setSelected(tab.key)}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <div
        role="tabpanel"
        id={`${baseId}-panel-${current.key}`}
        aria-labelledby={`${baseId}-tab-${current.key}`}
        className="tabs__panel"
      >
        {current.content}
      </div>
    </div>
  );
}
