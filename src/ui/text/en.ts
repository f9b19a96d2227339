// Every word the UI shows, in English. A translation is another module of the same shape (`UiText`).
// Narration explains one trace event: what Kubernetes does at this step and why.
import type { TraceEvent } from '../../sim/trace/types.ts';
import type { Fault } from '../../sim/faults.ts';

type Known<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;

const stageNames = {
  authentication: 'Authentication',
  authorization: 'Authorization (RBAC)',
  mutatingAdmission: 'Mutating admission',
  validation: 'Validation',
  validatingAdmission: 'Validating admission',
  storage: 'Storage',
} as const;

function actorName(actor: string): string {
  if (actor === 'kubectl') return 'kubectl';
  if (actor === 'client') return 'an API client';
  return actor.replace(/^kubelet\//, 'the kubelet on ').replace(/^containerd\//, 'containerd on ');
}

function singular(resource: string): string {
  const special: Record<string, string> = { endpoints: 'endpoints', leases: 'lease', policies: 'policy' };
  if (special[resource]) return special[resource];
  return resource.endsWith('ies') ? `${resource.slice(0, -3)}y` : resource.replace(/s$/, '');
}

function pathOnly(path: string): string {
  return path.split('?')[0] ?? path;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function request(e: Known<'request'>): string {
  const who = actorName(e.from);
  const path = pathOnly(e.path);
  if (e.from === 'kubectl' && e.method === 'GET') {
    return `kubectl asks the API server for the live object (${e.method} ${path}). kubectl apply reads first, then creates the object if it is missing or sends a patch if it exists.`;
  }
  if (e.from === 'kubectl' && e.method === 'POST') {
    return `kubectl sends the object to the API server: ${e.method} ${path}. The kube-apiserver is the only component that reads and writes etcd; everything else, kubectl included, goes through it.`;
  }
  if (e.from === 'kubectl' && e.method === 'PATCH') return `The object exists, so kubectl sends only the difference: ${e.method} ${path}, a patch computed from the last applied configuration, the file and the live object.`;
  if (e.from === 'kubectl' && e.method === 'DELETE') return `kubectl asks the API server to delete the object: ${e.method} ${path}.`;
  if (/\/binding$/.test(path)) return `${cap(who)} has picked a node and tells the API server: ${e.method} ${path}. A Binding is how a pod gets its spec.nodeName.`;
  if (/\/status$/.test(path)) return `${cap(who)} reports what really happened: ${e.method} ${path}. Status is a subresource, so reporting it cannot change the spec.`;
  if (/[?&]watch=(true|1)/.test(e.path)) return `${cap(who)} opens a watch: ${e.method} ${path}?watch=true. The API server will push every change to it instead of being polled.`;
  return `${cap(who)} sends ${e.method} ${path} to the API server. Components talk to each other only through the API server.`;
}

function response(e: Known<'response'>): string {
  const to = actorName(e.to);
  if (e.code >= 400) {
    const msg = e.status?.message ?? e.summary;
    return `The API server answers ${to} with ${e.code} ${e.status?.reason ?? ''}: ${msg}`;
  }
  return `The API server answers ${to}: ${e.summary}.`;
}

function authn(e: Known<'authn'>): string {
  if (!e.ok || !e.user) return `Authentication failed (${e.reason ?? 'no authenticator recognised the credentials'}). The request stops here with 401 Unauthorized.`;
  return `Authentication: the ${e.authenticator} authenticator recognises the credentials as user "${e.user.name}" in groups ${e.user.groups.join(', ') || '(none)'}. Authentication only establishes who is asking, not what they may do.`;
}

function authz(e: Known<'authz'>): string {
  const a = e.attributes;
  const what = a.resourceRequest
    ? `${a.verb} ${a.resource}${a.subresource ? '/' + a.subresource : ''}${a.namespace ? ` in namespace "${a.namespace}"` : ''}`
    : `${a.verb} ${a.path}`;
  if (e.authorizer === 'PrivilegedGroups') {
    return e.decision === 'Allow'
      ? `Authorization: "${a.user}" is in system:masters, a group that may do anything, so ${what} is allowed without consulting RBAC.`
      : `Authorization: "${a.user}" is not in system:masters, so the superuser check has no opinion and the next authorizer, RBAC, decides.`;
  }
  if (e.decision === 'Allow') {
    const via = e.match ? ` by ${e.match.binding} → ${e.match.role}` : '';
    return `Authorization: RBAC allows "${a.user}" to ${what}${via}. RBAC only grants; there are no deny rules.`;
  }
  return `Authorization: RBAC found no rule that lets "${a.user}" ${what} (${plural(e.considered.length, 'binding')} considered). When no authorizer allows a request, Kubernetes denies it.`;
}

function admission(e: Known<'admission'>): string {
  if (e.outcome === 'denied') return `${e.phase === 'mutating' ? 'Mutating' : 'Validating'} admission: ${e.plugin} rejects the object: ${e.message ?? ''}`;
  if (e.phase === 'mutating') {
    if (e.patch.length === 0) return `Mutating admission: ${e.plugin} has nothing to change here.`;
    const paths = e.patch.slice(0, 3).map((p) => p.path).join(', ');
    return `Mutating admission: ${e.plugin} changes the object (${plural(e.patch.length, 'change')}: ${paths}${e.patch.length > 3 ? ', …' : ''}). Mutating plugins run in order, each seeing the previous one's result.`;
  }
  return `Validating admission: ${e.plugin} checks the final object and accepts it. Validating plugins may refuse but never change anything.`;
}

function validation(e: Known<'validation'>): string {
  if (e.ok) return `Validation: the ${e.kind} "${e.name}" satisfies the API's rules (required fields, formats, immutable fields).`;
  return `Validation fails: ${e.errors.map((x) => x.message).join('; ')}. The API server will answer 422 Invalid.`;
}

function etcd(e: Known<'etcd'>): string {
  switch (e.op) {
    case 'txn':
      return e.ok
        ? `Storage: the API server writes ${e.key} to etcd in a transaction (${e.detail}); etcd's revision is now ${e.revision}. Watchers will be told about this change.`
        : `Storage: the etcd transaction on ${e.key} fails (${e.detail}).`;
    case 'range':
      return `Storage: the API server reads ${e.key} from etcd: ${e.detail}.`;
    case 'delete':
      return `Storage: the API server deletes ${e.key} from etcd (revision ${e.revision}).`;
    case 'compact':
      return `etcd compacts its history up to revision ${e.revision}.`;
  }
}

function stage(e: Known<'stage'>): string {
  switch (e.stage) {
    case 'requestInfo': return `The API server reads the URL: ${e.detail}. Everything after this works from these request attributes.`;
    case 'mutatingAdmission': return 'Every mutating admission plugin has run.';
    case 'validatingAdmission': return 'Every validating admission plugin has accepted the object.';
    case 'validation': return e.outcome === 'ok' ? 'The object is valid.' : `Validation: ${e.detail}.`;
    case 'storage': return `Storage: ${e.detail}.`;
    case 'authentication': case 'authorization': case 'impersonation': case 'response':
      return `${e.stage}: ${e.detail}`;
    default: return anyStage(e);
  }
}

function anyStage(e: { stage: string; detail: string }): string {
  return `${e.stage}: ${e.detail}`;
}

function controller(e: Known<'controller'>): string {
  if (e.action === 'sync') return `kube-controller-manager's ${e.controller} controller wakes up for ${e.object} and compares what exists with what is wanted.`;
  return `kube-controller-manager's ${e.controller} controller acts on ${e.object}: ${e.detail}`;
}

const kubeletSteps: Record<Known<'kubelet'>['step'], string> = {
  admit: 'admits the pod (it fits on this node)',
  sandbox: 'creates the pod sandbox (network namespace, pause container)',
  pull: 'pulls the image',
  create: 'creates the container',
  start: 'starts the container',
  exit: 'sees a container exit',
  backoff: 'backs off before trying again',
  kill: 'stops a container',
  status: 'reports the pod status',
  delete: 'finishes deleting the pod',
};

function fault(f: Fault): string {
  switch (f.kind) {
    case 'kubelet': return f.running
      ? `You start the kubelet on ${f.node} again. It renews its Lease, posts node status, and the node lifecycle controller marks the Node Ready and lifts its taints.`
      : `You stop the kubelet on ${f.node} (as systemctl stop kubelet would). Its containers keep running, but nobody renews the node's Lease or posts its status: after 50 s (node-monitor-grace-period) the node lifecycle controller sets Ready to Unknown and taints the Node; its pods are evicted when their 300 s toleration runs out.`;
    case 'image': return f.available
      ? `The registry serves ${f.image} again: the next pull succeeds once the kubelet's back-off lets it try.`
      : `The registry stops serving ${f.image}: the next pull fails (ErrImagePull) and the kubelet backs off before trying again (ImagePullBackOff, 10 s doubling to 5 min).`;
    case 'fill': return f.full
      ? `Something outside Kubernetes takes all of ${f.node}'s CPU and memory. The Node object still shows them as allocatable, so kube-scheduler keeps placing pods there, and the kubelet's own admission rejects them (OutOfcpu / OutOfmemory).`
      : `${f.node}'s CPU and memory are free again: the kubelet admits new pods.`;
  }
}

function kubelet(e: Known<'kubelet'>): string {
  return `The kubelet on ${e.node} ${kubeletSteps[e.step]}${e.container ? ` (container "${e.container}")` : ''} for ${e.pod}: ${e.detail}`;
}

function scheduling(e: Known<'scheduling'>): string {
  const feasible = e.nodes.filter((n) => n.filters.every((f) => f.status === 'Success' || f.status === 'Skip')).length;
  if (e.chosen) {
    return `kube-scheduler runs its filter plugins on ${plural(e.nodes.length, 'node')} (${feasible} feasible), scores the survivors and picks ${e.chosen} for pod ${e.namespace}/${e.pod}. Next it will bind the pod there.`;
  }
  return `kube-scheduler finds no node for pod ${e.namespace}/${e.pod}: ${e.fitError ?? 'no feasible node'}`;
}

/** Sentence case, except for names Kubernetes writes in lower case (etcd, kube-scheduler, kubectl, containerd). */
function cap(s: string): string {
  if (/^(etcd|kube|containerd)/.test(s)) return s;
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A readable line for trace members this build does not know yet. */
function unknownEvent(event: object): string {
  const e = event as { type: string } & Record<string, unknown>;
  const actor = typeof e['actor'] === 'string' ? `${actorName(e['actor'])}: ` : '';
  const text = ['text', 'message', 'detail', 'reason', 'summary'].map((k) => e[k]).find((v): v is string => typeof v === 'string');
  return `${actor}${e.type}${text ? ` — ${text}` : ''}`;
}

export const en = {
  lang: 'en',
  appTitle: 'Pod journey',
  appSubtitle: 'what happens after kubectl apply',
  kubernetesVersion: 'Kubernetes v1.32 (simulated)',
  stageNames,
  actorName,
  singular,
  header: {
    user: 'kubeconfig user',
    scenario: 'Scenario',
    gallery: 'Scenarios',
    galleryHint: 'Open another scenario',
    share: 'Share',
    shareHint: 'Copy a link that replays this session: the scenario, your files and everything you applied',
    shareCopied: 'Link copied. It replays this session, up to this step, in any browser.',
    shareManual: 'Copy this link to share the session:',
    worker: { starting: 'Starting engine…', ready: 'Engine running in a Web Worker', restarting: 'Engine restarting…', failed: 'Engine unavailable' },
  },
  workerNotice: {
    crashed: (step: number) => `The engine crashed. A new one was started and replayed to step ${step}.`,
    stalled: (step: number) => `The engine stopped answering. A new one was started and replayed to step ${step}.`,
    dismiss: 'Dismiss',
  },
  panels: { manifests: 'Manifests', terminal: 'Terminal', inspector: 'Inspector', left: 'Side panel' },
  terminal: {
    log: 'Terminal output',
    input: 'Command line',
    run: 'Run',
    intro: 'kubectl runs as the user chosen above; its requests travel through the diagram. ssh NODE for crictl (etcdctl on control-plane); help lists all.',
    examples: 'Examples',
    example: (line: string) => `Put “${line}” on the command line`,
    pending: 'waiting for the API server…',
    completions: 'Completions',
    clear: 'Clear the terminal',
    running: 'Watching: each change arrives as a watch event. Ctrl+C stops.',
    stop: 'Stop (Ctrl+C)',
  },
  faults: {
    button: 'Failures',
    hint: 'Break the cluster on purpose and watch it react',
    title: 'Failures',
    intro: 'Each switch changes the cluster now, at this step, as a real outage would. The control plane only learns about it the way it learns anything: through what the components report, or stop reporting.',
    kubelets: 'Kubelets',
    kubeletRunning: (node: string) => `kubelet on ${node} running`,
    nodeFull: 'Node resources taken by something outside Kubernetes',
    full: (node: string) => `${node} full`,
    registry: 'Image registry',
    imageUnavailable: (image: string) => `${image} unavailable`,
    addImage: 'Image to break',
    add: 'Break',
    close: 'Close',
    stopped: 'stopped',
    fullBadge: 'full',
  },
  editor: {
    files: 'Files',
    editorLabel: (file: string) => `Contents of ${file}`,
    apply: 'Apply',
    delete: 'Delete',
    applyHint: (user: string) => `kubectl apply -f as ${user}`,
    deleteHint: (user: string) => `kubectl delete -f as ${user}`,
    reset: 'Reset file',
    resetHint: 'Restore this file as the scenario wrote it',
    yamlError: (line: number, col: number, message: string) => `YAML error at line ${line}, column ${col}: ${message}`,
    saved: 'Your edits are kept in this browser',
    terminal: 'kubectl output',
    noOutput: 'Press Apply to run kubectl apply -f with this file.',
    pending: 'waiting for the API server…',
    loading: 'Loading the editor…',
    newFile: 'New file',
    rename: 'Rename file',
    remove: 'Delete file',
    removeConfirm: (file: string) => `Delete ${file}? Its text is lost.`,
    fileName: 'File name',
    fileNameProblem: { empty: 'A file needs a name.', taken: 'Another tab has that name.', slash: 'A file name cannot contain / or \\.' },
    problems: 'Problems',
    noProblems: 'No problems: valid YAML, valid for the Kubernetes schema.',
    problemAt: (line: number, col: number) => `Line ${line}, column ${col}`,
    problemSource: { yaml: 'YAML schema', kubectl: 'kubectl', 'kube-apiserver': 'kube-apiserver' } as Record<string, string>,
    steps: 'Suggested steps',
    runStep: 'Run',
    stepAs: (action: string, file: string, user: string) => `${action} ${file} as ${user}`,
  },
  gallery: {
    title: 'Scenarios',
    intro: 'Each scenario is a small story on the same three-node cluster. Opening one starts it afresh; your edits to each are kept.',
    open: 'Open',
    current: 'current',
    close: 'Close',
  },
  diagram: {
    label: 'Control-plane diagram',
    terminal: 'Terminal',
    kubectl: 'kubectl',
    as: 'as',
    groups: 'groups',
    apiserver: 'kube-apiserver',
    etcd: 'etcd',
    scheduler: 'kube-scheduler',
    controllerManager: 'kube-controller-manager',
    kubelet: 'kubelet',
    containerd: 'containerd',
    node: 'Node',
    revision: (rev: number) => `revision ${rev}`,
    keys: (n: number) => plural(n, 'key'),
    queue: 'Unscheduled pods',
    noPods: 'no pods',
    watching: 'watching',
    watchingList: (resources: readonly string[]) => `watching ${resources.length > 2 ? `${resources.length} resources` : resources.join(', ')}`,
    idleComponent: 'no activity yet',
    tainted: (taint: string) => `taint ${taint.split(':').pop() ?? ''}`,
    denied: 'Denied',
    fitView: 'Fit the diagram to the view',
  },
  pod: {
    phase: { Pending: 'Pending', Running: 'Running', Succeeded: 'Succeeded', Failed: 'Failed', Unknown: 'Unknown' } as Record<string, string>,
    chip: (name: string, status: string) => `Pod ${name}: ${status}`,
  },
  playback: {
    label: 'Playback',
    play: 'Play',
    pause: 'Pause',
    step: 'Step forward',
    stepBack: 'Step back',
    speed: 'Speed',
    instant: 'Instant',
    timeline: 'Timeline',
    stepOf: (cur: number, total: number) => `step ${cur} / ${total}`,
    time: (ms: number) => `t = ${formatMs(ms)}`,
    markers: { request: 'request', decision: 'decision', error: 'error', action: 'your action' },
    keys: 'Space play/pause · ← → step · + − speed',
  },
  narration: {
    fileProblem: (file: string, problem: string) => `kubectl could not read ${file}, so nothing was sent. ${problem}.`,
    nextStep: (n: number, total: number, note: string, what: string) => `Step ${n} of ${total}: ${note} Press Run beside “${what}”, or do it yourself with the editor.`,
    label: 'Narration',
    start: 'The cluster is ready: three nodes, the RBAC roles pod-reader and pod-creator, and the control plane waiting. Choose a user, then press Apply to send nginx-pod.yaml.',
    inspect: 'Inspect',
    describe: (e: TraceEvent): string => {
      switch (e.type) {
        case 'request': return request(e);
        case 'response': return response(e);
        case 'stage': return stage(e);
        case 'authn': return authn(e);
        case 'impersonation': return `Impersonation: "${e.requestor}" acts as "${e.impersonated.name}"; each impersonated attribute was authorized first.`;
        case 'authz': return authz(e);
        case 'admission': return admission(e);
        case 'validation': return validation(e);
        case 'etcd': return etcd(e);
        case 'watch': return `The change reaches ${actorName(e.to)} through its watch: ${e.event} ${singular(e.resource)} ${e.namespace ? e.namespace + '/' : ''}${e.name} (resourceVersion ${e.resourceVersion}). Components never poll; they react to watch events.`;
        case 'watchOpen': return e.closed
          ? `${cap(actorName(e.watcher))}'s watch on ${e.resource} closes.`
          : `${cap(actorName(e.watcher))} watches ${e.resource}${e.namespace ? ` in ${e.namespace}` : ''}: from now on the API server pushes every change to it.`;
        case 'note': return `${cap(actorName(e.actor))}: ${e.text}`;
        case 'fault': return fault(e.fault);
        case 'controller': return controller(e);
        case 'cri': return e.error
          ? `${cap(actorName(e.from))} calls ${actorName(e.to)} over the CRI: ${e.call} fails: ${e.error}`
          : `${cap(actorName(e.from))} calls ${actorName(e.to)} over the CRI (gRPC): ${e.call}. The kubelet never runs containers itself; the container runtime does.`;
        case 'kubelet': return kubelet(e);
        case 'scheduling': return scheduling(e);
        case 'schedulingQueue': return `kube-scheduler moves pod ${e.namespace}/${e.pod} to ${e.to === 'removed' ? 'nowhere: it leaves the queue' : e.to} (${e.reason}${e.attempts ? `, ${plural(e.attempts, 'attempt')}` : ''}${e.backoffMs ? `, back-off ${formatMs(e.backoffMs)}` : ''}).`;
        default: return unknownEvent(e);
      }
    },
  },
  inspector: {
    tabs: { request: 'Request', rbac: 'RBAC', admission: 'Admission', etcd: 'etcd', scheduler: 'Scheduler', events: 'Events', objects: 'Objects' },
    widen: 'Widen the panel',
    narrow: 'Narrow the panel',
    before: 'before',
    after: 'after',
    showDiff: 'Object before → after',
    diffStat: (added: number, removed: number) => `+${added} −${removed}`,
    noRebuild: 'The object this plugin saw cannot be rebuilt for this request.',
    unchanged: 'unchanged',
    hiddenLines: (n: number) => `${n} unchanged line${n === 1 ? '' : 's'}`,
    valueTab: 'Value',
    diffTab: (older: number) => `Diff from rev ${older}`,
    compare: 'Show',
    scheduler: {
      none: 'kube-scheduler has not tried to place a pod yet. Apply a pod and step until it does.',
      attempt: 'Scheduling attempt',
      attemptLabel: (ns: string, pod: string, n: number, time: string) => `${ns}/${pod} · attempt ${n} · ${time}`,
      summary: (all: number, find: number, start: number) => `${all} nodes; looks for ${find} feasible, starting at node #${start}`,
      chosen: 'Chosen node',
      bound: (node: string) => `Binds to ${node}`,
      fitError: 'FitError',
      preemption: 'Preemption',
      filters: 'Filter plugins × nodes',
      filtersCaption: 'Each filter either passes a node or says why not; a node is dropped at its first failing filter.',
      scores: 'Scores',
      scoresCaption: 'raw score → normalized (0–100) × weight = weighted; the highest total wins.',
      plugin: 'Plugin',
      weight: (w: number) => `×${w}`,
      total: 'Total',
      notRun: 'not run',
      skip: 'skip',
      pass: 'pass',
      preFilter: 'PreFilter',
      skippedScore: 'skipped by PreScore',
      nominated: (node: string) => `nominated node ${node} tried first`,
    },
    events: {
      command: (all: boolean) => `kubectl get events${all ? ' -A' : ''}`,
      allNamespaces: 'All namespaces (-A)',
      caption: 'Events the components recorded, as of this step.',
    },
    objects: {
      select: 'Object',
      command: (resource: string, name: string, namespace: string) => `kubectl get ${resource} ${name}${namespace ? ` -n ${namespace}` : ''} -o yaml`,
      none: 'Nothing is stored under this key at this step.',
      caption: 'As the API server returns it at this step (managedFields hidden, as kubectl does).',
    },
    tabList: 'Inspector views',
    noRequest: 'No request yet. Apply a file, then step through it.',
    follow: 'Follows the current step',
    method: 'Method',
    path: 'Path',
    from: 'From',
    user: 'User',
    groups: 'Groups',
    authenticator: 'Authenticator',
    attributes: 'Request attributes',
    response: 'Response',
    pending: 'not answered yet',
    rbacDecision: 'Decision',
    allowedBy: 'Allowed by',
    binding: 'Binding',
    role: 'Role',
    rule: 'Rule',
    considered: 'Bindings considered',
    noneConsidered: 'none',
    denialMessage: 'Status message',
    noAuthz: 'This request has not been authorized yet.',
    noAdmission: 'This request has not reached admission.',
    plugin: 'Plugin',
    noChange: 'no change',
    changes: (n: number) => plural(n, 'change'),
    keyTree: 'Keys in etcd',
    revisions: 'Revisions',
    valueAt: (rev: number) => `Value at revision ${rev}`,
    selectKey: 'Select a key to see its revisions.',
    filterKeys: 'Filter keys',
    deletedKey: 'not present at this step',
    currentRevision: (rev: number) => `etcd revision ${rev} at this step`,
  },
} as const;

export type UiText = typeof en;

export function formatMs(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return `${m} min ${s} s`;
}
