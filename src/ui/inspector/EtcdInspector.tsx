import { memo, useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { EtcdKeyView } from '../../worker/protocol.ts';
import { engine } from '../engine/engine.ts';
import { selectEtcdKey, selectEtcdRevision, showEtcdDiff, useInspector } from '../store/inspectorStore.ts';
import { useSession } from '../store/sessionStore.ts';
import { t } from '../text/index.ts';
import { Empty, Section } from './common.tsx';
import { DiffView } from './DiffView.tsx';

const NO_KEYS: EtcdKeyView[] = [];

/** Keys grouped by resource: /registry/<resource>/… */
function groupKeys(keys: string[]): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const k of keys) {
    const resource = k.split('/')[2] ?? '';
    const list = groups.get(resource) ?? [];
    list.push(k);
    groups.set(resource, list);
  }
  return [...groups.entries()];
}

export const EtcdInspector = memo(function EtcdInspector() {
  const { keys, revision } = useSession(useShallow((s) => ({ keys: s.snapshot?.keys ?? NO_KEYS, revision: s.snapshot?.revision ?? 0 })));
  const history = useSession((s) => s.etcdHistory);
  const { key, rev, diff } = useInspector(useShallow((s) => ({ key: s.etcdKey, rev: s.etcdRevision, diff: s.etcdDiff })));
  const [filter, setFilter] = useState('');
  const groups = useMemo(() => groupKeys(keys.map((k) => k.key).filter((k) => k.includes(filter))), [keys, filter]);

  useEffect(() => {
    if (key) engine.etcdHistory(key);
  }, [key, revision]);

  const revisions = history && history.key === key ? history.revisions : [];
  const shown = revisions.find((r) => r.revision === rev) ?? revisions[0];
  // Revisions are newest first: the one before `shown` is the next in the list.
  const older = shown ? revisions[revisions.indexOf(shown) + 1] : undefined;
  const showDiff = diff && older !== undefined;
  return (
    <div className="flex min-h-0 flex-col gap-2">
      <div className="text-[12px] text-slate-400">{t.inspector.currentRevision(revision)}</div>
      <input className="input" type="search" placeholder={t.inspector.filterKeys} aria-label={t.inspector.filterKeys} value={filter} onChange={(e) => setFilter(e.target.value)} />
      <Section title={t.inspector.keyTree}>
        <div className="key-tree">
          {groups.map(([resource, list]) => (
            <details key={resource} open={resource === 'pods' || list.some((k) => k === key) || filter !== ''}>
              <summary className="key-group">/registry/{resource}/ <span className="text-slate-400">({list.length})</span></summary>
              <ul aria-label={`/registry/${resource}/`}>
                {list.map((k) => (
                  <li key={k}>
                    <button type="button" className={`key-btn ${k === key ? 'is-selected' : ''}`} aria-pressed={k === key} onClick={() => selectEtcdKey(k)}>{k.split('/').slice(3).join('/')}</button>
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </div>
      </Section>
      {key ? (
        <Section title={`${t.inspector.revisions} · ${key}`}>
          {revisions.length === 0 ? <p className="text-[13px] text-slate-400">{t.inspector.deletedKey}</p> : (
            <>
              <div className="flex flex-wrap gap-1" role="group" aria-label={t.inspector.revisions}>
                {revisions.map((r) => (
                  <button key={r.revision} type="button" className={`rev-btn ${r.revision === shown?.revision ? 'is-selected' : ''}`} aria-pressed={r.revision === shown?.revision} onClick={() => selectEtcdRevision(r.revision)}>
                    rev {r.revision} · v{r.version}
                  </button>
                ))}
              </div>
              {shown ? (
                <>
                  <div className="mt-2 flex items-center gap-2">
                    <span className="flex-1 text-[12px] text-slate-400">{t.inspector.valueAt(shown.revision)}</span>
                    {older ? (
                      <div className="segmented segmented-sm" role="group" aria-label={t.inspector.compare}>
                        <button type="button" aria-pressed={!showDiff} onClick={() => showEtcdDiff(false)}>{t.inspector.valueTab}</button>
                        <button type="button" aria-pressed={showDiff} onClick={() => showEtcdDiff(true)}>{t.inspector.diffTab(older.revision)}</button>
                      </div>
                    ) : null}
                  </div>
                  {showDiff ? (
                    <DiffView before={prettyJson(older.value)} after={prettyJson(shown.value)} label={`${key}: rev ${older.revision} → rev ${shown.revision}`} />
                  ) : <pre className="code-block max-h-72" tabIndex={0}>{prettyJson(shown.value)}</pre>}
                </>
              ) : null}
            </>
          )}
        </Section>
      ) : <Empty>{t.inspector.selectKey}</Empty>}
    </div>
  );
});

function prettyJson(value: string): string {
  try {
    return JSON.stringify(JSON.parse(value), null, 2);
  } catch {
    return value;
  }
}
