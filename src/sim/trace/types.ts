// The story the UI tells: every hop and every decision is one TraceEvent, with virtual time and a span tree.
import type { Json, UserInfo } from '../api/types.ts';
import type { Status } from '../api/status.ts';
import type { Fault } from '../faults.ts';

/** Who sends or receives a hop. Node-local components carry the node name. */
export type Actor =
  | 'kubectl' | 'kube-apiserver' | 'etcd' | 'kube-scheduler' | 'kube-controller-manager'
  | `kubelet/${string}` | `containerd/${string}` | 'client';

export type Stage =
  | 'requestInfo' | 'authentication' | 'impersonation' | 'authorization' | 'mutatingAdmission'
  | 'validation' | 'validatingAdmission' | 'storage' | 'response';

/** A JSON Patch operation (RFC 6902), as admission changes are shown. */
export interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace';
  path: string;
  value?: Json;
}

export interface RbacMatch {
  /** "ClusterRoleBinding/cluster-admin" or "RoleBinding/default/read-pods". */
  binding: string;
  /** "ClusterRole/cluster-admin" or "Role/default/pod-reader". */
  role: string;
  ruleIndex: number;
  rule: Json;
}

export type TraceBody =
  | { type: 'request'; from: Actor; to: Actor; method: string; path: string; user?: string; contentType?: string }
  | { type: 'response'; from: Actor; to: Actor; code: number; status?: Status; summary: string }
  | { type: 'stage'; stage: Stage; outcome: 'ok' | 'denied' | 'error' | 'skipped'; detail: string; data?: Json }
  | { type: 'authn'; authenticator: string; user: UserInfo | null; ok: boolean; reason?: string }
  | { type: 'impersonation'; requestor: string; impersonated: UserInfo; checks: { verb: string; resource: string; name: string; allowed: boolean }[] }
  | { type: 'authz'; authorizer: string; decision: 'Allow' | 'Deny' | 'NoOpinion'; reason: string; match?: RbacMatch; considered: string[];
      attributes: { user: string; groups: string[]; verb: string; namespace: string; apiGroup: string; resource: string; subresource: string; name: string; path: string; resourceRequest: boolean } }
  | { type: 'admission'; plugin: string; phase: 'mutating' | 'validating'; outcome: 'ok' | 'denied' | 'skipped'; patch: JsonPatchOp[]; message?: string; warnings?: string[] }
  | { type: 'validation'; kind: string; name: string; ok: boolean; errors: { field: string; message: string }[] }
  | { type: 'etcd'; op: 'txn' | 'range' | 'delete' | 'compact'; key: string; revision: number; ok: boolean; detail: string; prevModRevision?: number }
  | { type: 'watch'; event: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR'; resource: string; namespace: string; name: string; to: Actor; resourceVersion: string }
  | { type: 'watchOpen'; watcher: Actor; resource: string; namespace: string; resourceVersion: string; closed?: boolean }
  | { type: 'note'; actor: Actor; text: string; data?: Json }
  /** A failure caused on purpose (or undone) from outside the cluster: see src/sim/faults.ts. */
  | { type: 'fault'; fault: Fault; target: Actor }
  /** A kube-controller-manager controller's decision, e.g. deployment "default/web" scale-up "Scaled up replica set …". */
  | { type: 'controller'; controller: string; object: string; action: string; detail: string; data?: Json }
  /** A CRI call from a kubelet to its node's container runtime (RunPodSandbox, PullImage, CreateContainer, …). */
  | { type: 'cri'; from: Actor; to: Actor; call: string; request: Json; response: Json; error?: string }
  /** A kubelet decision about one pod: admission, sandbox, image pull, container create/start/exit, back-off, kill. */
  | { type: 'kubelet'; node: string; pod: string; step: 'admit' | 'sandbox' | 'pull' | 'create' | 'start' | 'exit' | 'backoff' | 'kill' | 'status' | 'delete'; detail: string; container?: string }
  /** One kube-scheduler scheduling attempt: the node × plugin table (filters, scores) and the outcome. */
  | SchedulingAttemptBody
  /** A pod moving between kube-scheduler's queues (activeQ, backoffQ, unschedulablePods) or leaving them. */
  | { type: 'schedulingQueue'; pod: string; namespace: string; to: 'activeQ' | 'backoffQ' | 'unschedulablePods' | 'removed'; reason: string; attempts: number; backoffMs?: number };

export type TraceEvent = TraceBody & {
  seq: number;
  /** Virtual milliseconds since the simulation started. */
  time: number;
  span: number;
  parent: number | null;
};

export type TraceListener = (event: TraceEvent) => void;

/** Hands out span ids and records events; the UI reads the trace, never the engine's internals. */
export class Tracer {
  private seq = 0;
  private spanSeq = 0;
  private readonly listeners = new Set<TraceListener>();
  /** Events are kept only when `record` is on (the UI and tests); benchmarks switch it off. */
  readonly events: TraceEvent[] = [];

  constructor(private readonly now: () => number, public record = true) {}

  /** Whether anyone reads events: when not, callers may skip the work of building them. */
  get active(): boolean {
    return this.record || this.listeners.size > 0;
  }

  newSpan(): number {
    return ++this.spanSeq;
  }

  emit(span: number, parent: number | null, body: TraceBody): void {
    if (!this.active) return;
    const event: TraceEvent = { ...body, seq: ++this.seq, time: this.now(), span, parent };
    if (this.record) this.events.push(event);
    for (const l of this.listeners) l(event);
  }

  subscribe(listener: TraceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** One plugin's answer at PreFilter or Filter for one node ('Skip': switched off by its PreFilter this cycle). */
export interface SchedulingFilterResult {
  plugin: string;
  status: 'Success' | 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Wait' | 'Skip' | 'Pending';
  reasons: string[];
}

/** One score plugin's contribution on one node: raw Score, after NormalizeScore, and × the plugin's weight. */
export interface SchedulingScoreResult {
  plugin: string;
  raw: number;
  normalized: number;
  weighted: number;
}

/** One evaluated node: the filters run in order (stopping at the first failure), and scores if it was feasible. */
export interface SchedulingNodeResult {
  node: string;
  filters: SchedulingFilterResult[];
  scores?: SchedulingScoreResult[];
  total?: number;
}

/** What DefaultPreemption decided after the filters left no node. */
export interface SchedulingPreemption {
  outcome: 'nominated' | 'notHelpful' | 'notEligible' | 'error';
  message: string;
  nominatedNode?: string;
  victims: { namespace: string; name: string; uid: string; priority: number }[];
  /** Nodes examined in the dry run that offered no way in, with why. */
  nodes: { node: string; status: string; reasons: string[] }[];
}

export interface SchedulingAttemptBody {
  type: 'scheduling';
  pod: string;
  namespace: string;
  uid: string;
  /** 1 for the first attempt. */
  attempt: number;
  profile: string;
  numAllNodes: number;
  /** How many feasible nodes the cycle looked for (percentageOfNodesToScore). */
  numNodesToFind: number;
  /** Index in the node list where the search started (nextStartNodeIndex). */
  startIndex: number;
  preFilter: SchedulingFilterResult[];
  /** Score plugins with their weights, in order; skipped ones (PreScore answered Skip) are marked. */
  scorePlugins: { plugin: string; weight: number; skipped: boolean }[];
  /** Evaluated nodes in evaluation order (nodes past the search's end are absent). */
  nodes: SchedulingNodeResult[];
  /** The nominated node tried first, if the pod had one. */
  nominatedNode?: string;
  chosen?: string;
  fitError?: string;
  preemption?: SchedulingPreemption;
}
