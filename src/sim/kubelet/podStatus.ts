// models the kubelet's generateAPIPodStatus (pkg/kubelet/kubelet_pods.go: getPhase, convertToAPIContainerStatuses)
// and pkg/kubelet/status/generate.go: the PodStatus a kubelet reports from what its runtime holds.
import type { Container as SpecContainer, Pod } from 'kubernetes-types/core/v1';
import type { Json } from '../api/types.ts';

/** One instance of a container as the runtime reports it. */
export interface InstanceView {
  id: string;
  state: 'created' | 'running' | 'exited';
  startedAt: string;
  finishedAt: string;
  exitCode: number;
  reason: string;
  message: string;
  /** The image the runtime ran, e.g. "docker.io/library/nginx:latest". */
  image: string;
  /** The repo digest, e.g. "docker.io/library/nginx@sha256:…". */
  imageID: string;
}

export interface ContainerView {
  name: string;
  init: boolean;
  current?: InstanceView | undefined;
  previous?: InstanceView | undefined;
  restartCount: number;
  /** The reason the last sync could not start it (ErrImagePull, CrashLoopBackOff, …): the kubelet's reasonCache. */
  waiting?: { reason: string; message?: string } | undefined;
  ready: boolean;
}

export interface PodRuntimeView {
  sandboxReady: boolean;
  podIP?: string | undefined;
  hostIP: string;
  startTime: string;
  containers: Map<string, ContainerView>;
  /** Set once the pod is terminal (it never leaves Succeeded/Failed). */
  terminalPhase?: 'Succeeded' | 'Failed' | undefined;
}

type Obj = { [k: string]: Json };

function terminated(i: InstanceView): Obj {
  const t: Obj = { containerID: `containerd://${i.id}`, exitCode: i.exitCode, finishedAt: i.finishedAt, reason: i.reason, startedAt: i.startedAt };
  if (i.message !== '') t.message = i.message;
  return { terminated: t };
}

/** kubecontainer.ShouldContainerBeRestarted for an exited container. */
export function shouldRestart(restartPolicy: string, init: boolean, exitCode: number): boolean {
  if (init) return restartPolicy !== 'Never' && exitCode !== 0;
  if (restartPolicy === 'Never') return false;
  if (restartPolicy === 'OnFailure') return exitCode !== 0;
  return true;
}

function containerStatus(spec: SpecContainer, v: ContainerView | undefined, defaultReason: string, restartPolicy: string): Obj {
  const mounts = (spec.volumeMounts ?? []).map((m) => {
    const o: Obj = { mountPath: m.mountPath, name: m.name };
    if (m.readOnly) o.readOnly = true;
    if (m.readOnly) o.recursiveReadOnly = 'Disabled';
    return o;
  });
  const base: Obj = { name: spec.name, image: spec.image ?? '', imageID: '', ready: false, restartCount: v?.restartCount ?? 0, started: false, lastState: {} };
  if (mounts.length > 0) base.volumeMounts = mounts;
  const cur = v?.current;
  if (!v || !cur || cur.state === 'created') {
    base.state = { waiting: { reason: v?.waiting?.reason ?? defaultReason, ...(v?.waiting?.message ? { message: v.waiting.message } : {}) } };
    if (v?.previous) base.lastState = terminated(v.previous);
    if (cur) Object.assign(base, { image: cur.image, imageID: cur.imageID, containerID: `containerd://${cur.id}` });
    return base;
  }
  Object.assign(base, { image: cur.image, imageID: cur.imageID, containerID: `containerd://${cur.id}` });
  if (v.previous) base.lastState = terminated(v.previous);
  if (cur.state === 'running') {
    base.state = { running: { startedAt: cur.startedAt } };
    base.started = true;
    base.ready = v.ready;
    return base;
  }
  if (v.waiting && shouldRestart(restartPolicy, v.init, cur.exitCode)) {
    base.lastState = terminated(cur);
    base.state = { waiting: { reason: v.waiting.reason, ...(v.waiting.message ? { message: v.waiting.message } : {}) } };
    return base;
  }
  base.state = terminated(cur);
  return base;
}

/** getPhase (pkg/kubelet/kubelet_pods.go) over the API container statuses. */
export function podPhase(pod: Pod, initStatuses: Obj[], statuses: Obj[], terminal: PodRuntimeView['terminalPhase']): 'Pending' | 'Running' | 'Succeeded' | 'Failed' {
  if (terminal) return terminal;
  const restartPolicy = pod.spec?.restartPolicy ?? 'Always';
  let pendingInit = 0;
  let failedInit = 0;
  for (const s of initStatuses) {
    const st = s.state as Obj;
    const t = st.terminated as Obj | undefined;
    if (t && t.exitCode === 0) continue;
    if (t) failedInit++;
    else if (st.waiting && (s.lastState as Obj).terminated && ((s.lastState as Obj).terminated as Obj).exitCode !== 0) failedInit++;
    pendingInit++;
  }
  if (pendingInit > 0 && !(restartPolicy === 'Never' && failedInit > 0)) return 'Pending';
  if (pendingInit > 0) return 'Failed';
  let running = 0, waiting = 0, stopped = 0, succeeded = 0;
  for (const s of statuses) {
    const st = s.state as Obj;
    if (st.running) running++;
    else if (st.terminated) {
      stopped++;
      if ((st.terminated as Obj).exitCode === 0) succeeded++;
    } else if ((s.lastState as Obj).terminated) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady']);

/** Go's %s of a []string: "[a b]". */
const goList = (names: string[]): string => `[${names.join(' ')}]`;

/**
 * The status to report: the current status with the kubelet-owned fields replaced. Conditions keep their
 * lastTransitionTime while their status stays the same; kubelet conditions come first, as the API shows them.
 */
export function generatePodStatus(pod: Pod, view: PodRuntimeView, now: string): Obj {
  const old = (pod.status ?? {}) as unknown as Obj;
  const restartPolicy = pod.spec?.restartPolicy ?? 'Always';
  const initSpecs = pod.spec?.initContainers ?? [];
  const hasInit = initSpecs.length > 0;
  const defaultReason = hasInit ? 'PodInitializing' : 'ContainerCreating';
  const initStatuses = initSpecs.map((c) => containerStatus(c, view.containers.get(c.name), defaultReason, restartPolicy));
  const statuses = (pod.spec?.containers ?? []).map((c) => containerStatus(c, view.containers.get(c.name), defaultReason, restartPolicy));
  const phase = podPhase(pod, initStatuses, statuses, view.terminalPhase);

  // Init containers are "ready" once they succeeded (their Ready field, set below, is what Initialized reads).
  for (const s of initStatuses) {
    const t = (s.state as Obj).terminated as Obj | undefined;
    s.ready = t !== undefined && t.exitCode === 0;
  }
  const anyRegularStarted = statuses.some((s) => s.started === true || (s.state as Obj).terminated !== undefined || (s.lastState as Obj).terminated !== undefined);
  const incomplete = initSpecs.filter((_, i) => initStatuses[i]?.ready !== true).map((c) => c.name);
  const unready = statuses.filter((s) => s.ready !== true).map((s) => (typeof s.name === 'string' ? s.name : ''));

  const prev = new Map<string, Obj>();
  for (const c of (old.conditions as Obj[] | undefined) ?? []) prev.set(typeof c.type === 'string' ? c.type : '', c);
  const cond = (type: string, status: 'True' | 'False', reason?: string, message?: string): Obj => {
    const p = prev.get(type);
    const c: Obj = { type, status, lastProbeTime: null, lastTransitionTime: p && p.status === status ? (p.lastTransitionTime ?? now) : now };
    if (reason) c.reason = reason;
    if (message) c.message = message;
    return c;
  };
  const conditions: Obj[] = [cond('PodReadyToStartContainers', view.sandboxReady ? 'True' : 'False')];
  if (phase === 'Succeeded') conditions.push(cond('Initialized', 'True', 'PodCompleted'));
  else if (anyRegularStarted || incomplete.length === 0) conditions.push(cond('Initialized', 'True'));
  else conditions.push(cond('Initialized', 'False', 'ContainersNotInitialized', `containers with incomplete status: ${goList(incomplete)}`));
  let ready: Obj;
  if (phase === 'Succeeded') ready = { status: 'False', reason: 'PodCompleted' };
  else if (phase === 'Failed') ready = { status: 'False', reason: 'PodFailed' };
  else if (unready.length > 0) ready = { status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: ${goList(unready)}` };
  else ready = { status: 'True' };
  const mk = (type: string): Obj => cond(type, ready.status as 'True' | 'False', ready.reason as string | undefined, ready.message as string | undefined);
  conditions.push(mk('Ready'), mk('ContainersReady'));
  for (const c of (old.conditions as Obj[] | undefined) ?? []) if (!KUBELET_CONDITIONS.has(typeof c.type === 'string' ? c.type : '')) conditions.push(c);

  const status: Obj = { ...old, phase, conditions, hostIP: view.hostIP, hostIPs: [{ ip: view.hostIP }], startTime: (old.startTime as string | undefined) ?? view.startTime };
  if (view.podIP) {
    status.podIP = view.podIP;
    status.podIPs = [{ ip: view.podIP }];
  }
  if (initStatuses.length > 0) status.initContainerStatuses = initStatuses;
  status.containerStatuses = statuses;
  return status;
}
