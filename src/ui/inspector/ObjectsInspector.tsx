import { memo, useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { EtcdKeyView } from '../../worker/protocol.ts';
import { engine } from '../engine/engine.ts';
import { selectObject, useInspector } from '../store/inspectorStore.ts';
import { useSession } from '../store/sessionStore.ts';
import { t } from '../text/index.ts';
import { Empty } from './common.tsx';

const T = t.inspector.objects;
const NO_KEYS: EtcdKeyView[] = [];

/** etcd's resource prefixes that are not the resource's name in kubectl. */
const RESOURCE_OF_PREFIX: Record<string, string> = { minions: 'nodes' };

/** /registry/<prefix>/<ns>/<name> or /registry/<prefix>/<name> → what `kubectl get` names. */
export function objectOfKey(key: string): { resource: string; namespace: string; name: string } {
  const parts = key.split('/').slice(2);
  const prefix = parts[0] ?? '';
  const resource = RESOURCE_OF_PREFIX[prefix] ?? prefix;
  return parts.length >= 3 ? { resource, namespace: parts[1] ?? '', name: parts.slice(2).join('/') } : { resource, namespace: '', name: parts[1] ?? '' };
}

/** Objects the learner cares about first: their own kinds before the cluster's machinery. */
const FIRST = ['pods', 'deployments', 'replicasets', 'roles', 'rolebindings', 'events', 'serviceaccounts', 'configmaps', 'minions', 'namespaces'];

/** Any stored object as `kubectl get <resource> <name> -o yaml` prints it at this step. */
export const ObjectsInspector = memo(function ObjectsInspector() {
  const { keys, revision } = useSession(useShallow((s) => ({ keys: s.snapshot?.keys ?? NO_KEYS, revision: s.snapshot?.revision ?? 0 })));
  const object = useSession((s) => s.object);
  const chosen = useInspector((s) => s.objectKey);
  const groups = useMemo(() => {
    const by = new Map<string, string[]>();
    for (const k of keys) {
      const prefix = k.key.split('/')[2] ?? '';
      if (prefix === 'leases') continue;
      by.set(prefix, [...(by.get(prefix) ?? []), k.key]);
    }
    return [...by.entries()].sort(([a], [b]) => (FIRST.indexOf(a) + 1 || 99) - (FIRST.indexOf(b) + 1 || 99) || a.localeCompare(b));
  }, [keys]);
  const all = groups.flatMap(([, list]) => list);
  const key = chosen && all.includes(chosen) ? chosen : (groups[0]?.[1][0] ?? null);
  useEffect(() => {
    if (key) engine.object(key);
  }, [key, revision]);
  if (!key) return <Empty>{T.none}</Empty>;
  const o = objectOfKey(key);
  return (
    <div className="flex min-h-0 flex-col gap-2">
      <label className="flex items-center gap-2 text-[12px] text-slate-400">
        <span className="shrink-0">{T.select}</span>
        <select className="select min-w-0 flex-1 font-mono" value={key} onChange={(e) => selectObject(e.target.value)}>
          {groups.map(([prefix, list]) => (
            <optgroup key={prefix} label={RESOURCE_OF_PREFIX[prefix] ?? prefix}>
              {list.map((k) => <option key={k} value={k}>{k.split('/').slice(3).join('/')}</option>)}
            </optgroup>
          ))}
        </select>
      </label>
      <code className="cmd-line">$ {T.command(o.resource, o.name, o.namespace === 'default' ? '' : o.namespace)}</code>
      <p className="text-[12px] text-slate-400">{T.caption}</p>
      {object?.key === key ? (
        object.yaml === null ? <p className="text-[13px] text-slate-400">{T.none}</p> : <pre className="code-block" data-testid="object-yaml" tabIndex={0} aria-label={`${o.resource}/${o.name}`}>{object.yaml}</pre>
      ) : null}
    </div>
  );
});
