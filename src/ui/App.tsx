// A first look at the engine: apply the seed's pod as a chosen user and read the trace the request left.
import { useMemo, useState } from 'react';
import { Engine } from '../sim/Engine.ts';
import type { TraceEvent } from '../sim/trace/types.ts';
import { NGINX_POD_YAML } from '../sim/scenario/defaultScenario.ts';
import { parse } from 'yaml';

function describe(e: TraceEvent): string {
  switch (e.type) {
    case 'request': return `${e.from} → ${e.to}: ${e.method} ${e.path}`;
    case 'response': return `${e.from} → ${e.to}: ${e.summary}`;
    case 'stage': return `[${e.stage}] ${e.outcome}: ${e.detail}`;
    case 'authn': return e.ok ? `authenticated by ${e.authenticator} as ${e.user?.name ?? ''} (${e.user?.groups.join(', ') ?? ''})` : `authentication failed: ${e.reason ?? ''}`;
    case 'impersonation': return `${e.requestor} impersonates ${e.impersonated.name}`;
    case 'authz': return `${e.authorizer}: ${e.decision}${e.reason ? ' — ' + e.reason : ''}`;
    case 'admission': return `${e.phase} admission ${e.plugin}: ${e.outcome}${e.patch.length ? ` (${e.patch.length} change${e.patch.length > 1 ? 's' : ''})` : ''}${e.message ? ' — ' + e.message : ''}`;
    case 'validation': return e.ok ? `validation of ${e.kind} "${e.name}" passed` : `validation failed: ${e.errors.map((x) => x.message).join('; ')}`;
    case 'etcd': return `etcd ${e.op} ${e.key} @ revision ${e.revision}: ${e.detail}`;
    case 'watch': return `watch ${e.event} ${e.resource} ${e.namespace}/${e.name} → ${e.to}`;
    case 'watchOpen': return `${e.watcher} ${e.closed ? 'closed' : 'opened'} a watch on ${e.resource}`;
    case 'note': return `${e.actor}: ${e.text}`;
  }
}

export function App() {
  const engine = useMemo(() => new Engine(), []);
  const users = engine.scenario.cluster.users.map((u) => u.name);
  const [user, setUser] = useState('kubernetes-admin');
  const [events, setEvents] = useState<TraceEvent[]>([]);
  const [status, setStatus] = useState('');

  const apply = (): void => {
    const from = engine.tracer.events.length;
    const body = parse(NGINX_POD_YAML) as object;
    const creds = engine.credentialsFor(user);
    const res = engine.request({
      method: 'POST', path: '/api/v1/namespaces/default/pods', query: 'fieldManager=kubectl-client-side-apply',
      headers: { ...(creds.headers ?? {}), 'content-type': 'application/json' }, body: JSON.stringify(body), from: 'kubectl',
      ...(creds.clientCert ? { clientCert: creds.clientCert } : {}),
    });
    engine.clock.advanceBy(100);
    setEvents(engine.tracer.events.slice(from));
    const b = res.body as { message?: string; metadata?: { name?: string } };
    setStatus(res.code < 300 ? `${res.code}: pod/${b.metadata?.name ?? ''} created` : `${res.code}: ${b.message ?? ''}`);
  };

  return (
    <main className="mx-auto max-w-5xl p-6 font-sans">
      <h1 className="text-2xl font-semibold">What happens after <code className="text-sky-300">kubectl apply -f nginx-pod.yaml</code>?</h1>
      <p className="mt-2 text-slate-300">A simulated Kubernetes v1.32 control plane runs in this page. Apply the seed's pod and read every step the request took.</p>
      <pre className="mt-4 rounded bg-slate-900 p-3 text-sm text-slate-200">{NGINX_POD_YAML}</pre>
      <div className="mt-4 flex items-center gap-3">
        <label className="text-sm" htmlFor="user">kubeconfig user</label>
        <select id="user" className="rounded bg-slate-800 p-1" value={user} onChange={(e) => setUser(e.target.value)}>
          {users.map((u) => <option key={u} value={u}>{u}</option>)}
        </select>
        <button type="button" className="rounded bg-sky-600 px-3 py-1 font-medium hover:bg-sky-500" onClick={apply}>Apply</button>
        <span role="status" className="text-sm text-slate-300">{status}</span>
      </div>
      <ol aria-label="trace" className="mt-4 space-y-1 font-mono text-xs">
        {events.map((e) => (
          <li key={e.seq} className={e.type === 'stage' && e.outcome === 'denied' ? 'text-rose-300' : 'text-slate-200'}>
            <span className="text-slate-500">{String(e.time).padStart(5, ' ')}ms </span>{describe(e)}
          </li>
        ))}
      </ol>
    </main>
  );
}
