// The text of `kubectl describe pod` (v1.32), field by field in kubectl's order.
// models staging/src/k8s.io/kubectl/pkg/describe/describe.go (describePod, describeContainers, describeVolumes,
// describeStatus, DescribeProbe) and kubectl/pkg/util/qos (GetPodQOS, via status.qosClass here).
import type { Container, ContainerState, ContainerStatus, Event, Pod, Probe, ResourceRequirements, Volume } from 'kubernetes-types/core/v1';
import { quantityOf } from '../api/quantity.ts';
import { annotationsMultiline, describeEvents, labelsMultiline, PrefixWriter, rfc1123z, since, tolerationsMultiline, type DescribeSegment } from './describeFormat.ts';

export interface DescribePodInput {
  pod: Pod;
  /** The pod's events, or undefined when kubectl did not look them up (--show-events=false). */
  events: Event[] | undefined;
  nowMs: number;
  podSpan?: number;
  eventsSpan?: number;
}

export function describePod({ pod, events, nowMs, podSpan, eventsSpan }: DescribePodInput): DescribeSegment[] {
  const w = new PrefixWriter();
  w.setSpan(podSpan);
  const meta = pod.metadata ?? {};
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  w.write(0, `Name:\t${meta.name ?? ''}\n`);
  w.write(0, `Namespace:\t${meta.namespace ?? ''}\n`);
  if (spec.priority !== undefined) w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  labelsMultiline(w, 'Labels', meta.labels);
  annotationsMultiline(w, 'Annotations', meta.annotations);
  if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${since(meta.deletionTimestamp, nowMs)})\n`);
    w.write(0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(0, `Status:\t${status.phase ?? ''}\n`);
  }
  if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(0, `Message:\t${status.message}\n`);
  const seccomp = spec.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(0, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') w.write(0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
  w.write(0, `IP:\t${status.podIP ?? ''}\n`);
  if (!status.podIPs || status.podIPs.length === 0) {
    w.write(0, 'IPs:\t<none>\n');
  } else {
    w.write(0, 'IPs:\n');
    for (const ip of status.podIPs) w.write(1, `IP:\t${ip.ip ?? ''}\n`);
  }
  const controller = (meta.ownerReferences ?? []).find((r) => r.controller);
  if (controller) w.write(0, `Controlled By:\t${controller.kind}/${controller.name}\n`);
  if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if (spec.initContainers && spec.initContainers.length > 0) containers(w, 'Init Containers', spec.initContainers, status.initContainerStatuses);
  containers(w, 'Containers', spec.containers, status.containerStatuses);
  if (spec.readinessGates && spec.readinessGates.length > 0) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of spec.readinessGates) {
      const c = (status.conditions ?? []).find((x) => x.type === g.conditionType);
      w.write(1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`);
    }
  }
  if (status.conditions && status.conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  volumes(w, spec.volumes);
  w.write(0, `QoS Class:\t${status.qosClass ?? ''}\n`);
  labelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
  tolerationsMultiline(w, 'Tolerations', spec.tolerations);
  if (events) describeEvents(w, events, nowMs, eventsSpan);
  return w.done();
}

function containers(w: PrefixWriter, label: string, list: readonly Container[], statuses: readonly ContainerStatus[] | undefined): void {
  w.write(0, `${label}:${list.length === 0 ? ' <none>' : ''}\n`);
  for (const c of list) {
    const st = (statuses ?? []).find((s) => s.name === c.name);
    w.write(1, `${c.name}:\n`);
    if (st) w.write(2, `Container ID:\t${st.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image ?? ''}\n`);
    if (st) w.write(2, `Image ID:\t${st.imageID ?? ''}\n`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? ''}${p.name ? ` (${p.name})` : ''}`).join(', ');
    w.write(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? ''}${p.name ? ` (${p.name})` : ''}`).join(', ');
    w.write(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);
    const sp = c.securityContext?.seccompProfile;
    if (sp) {
      w.write(2, `SeccompProfile:\t${sp.type}\n`);
      if (sp.type === 'Localhost') w.write(3, `LocalhostProfile:\t${sp.localhostProfile ?? ''}\n`);
    }
    if (c.command && c.command.length > 0) {
      w.write(2, 'Command:\n');
      for (const part of c.command) for (const s of part.split('\n')) w.write(3, `${s}\n`);
    }
    if (c.args && c.args.length > 0) {
      w.write(2, 'Args:\n');
      for (const part of c.args) for (const s of part.split('\n')) w.write(3, `${s}\n`);
    }
    if (st) {
      state(w, 'State', st.state);
      if (st.lastState?.terminated) state(w, 'Last State', st.lastState);
      w.write(2, `Ready:\t${st.ready ? 'True' : 'False'}\n`);
      w.write(2, `Restart Count:\t${st.restartCount ?? 0}\n`);
    }
    resources(w, c.resources, 2);
    if (c.livenessProbe) w.write(2, `Liveness:\t${probe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(2, `Readiness:\t${probe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(2, `Startup:\t${probe(c.startupProbe)}\n`);
    if (c.envFrom && c.envFrom.length > 0) {
      w.write(2, 'Environment Variables from:\n');
      for (const e of c.envFrom) {
        const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
        const ref = e.configMapRef ?? e.secretRef;
        const optional = ref?.optional === true;
        w.write(3, e.prefix ? `${ref?.name ?? ''}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n` : `${ref?.name ?? ''}\t${from}\tOptional: ${optional}\n`);
      }
    }
    env(w, c);
    const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
    w.write(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path=${JSON.stringify(m.subPath)}`] : [])];
      w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
    }
  }
}

function env(w: PrefixWriter, c: Container): void {
  const list = c.env ?? [];
  w.write(2, `Environment:${list.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of list) {
    if (!e.valueFrom) {
      (e.value ?? '').split('\n').forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
      continue;
    }
    const v = e.valueFrom;
    // Simplified: fieldRef values are not resolved against the pod (kubectl prints the resolved value first).
    if (v.fieldRef) w.write(3, `${e.name}:\t (${v.fieldRef.apiVersion ?? ''}:${v.fieldRef.fieldPath})\n`);
    else if (v.resourceFieldRef) w.write(3, `${e.name}:\t (${v.resourceFieldRef.resource})\n`);
    else if (v.secretKeyRef) w.write(3, `${e.name}:\t<set to the key '${v.secretKeyRef.key}' in secret '${v.secretKeyRef.name ?? ''}'>\tOptional: ${v.secretKeyRef.optional === true}\n`);
    else if (v.configMapKeyRef) w.write(3, `${e.name}:\t<set to the key '${v.configMapKeyRef.key}' of config map '${v.configMapKeyRef.name ?? ''}'>\tOptional: ${v.configMapKeyRef.optional === true}\n`);
  }
}

function state(w: PrefixWriter, name: string, s: ContainerState | undefined): void {
  if (s?.running) {
    w.write(2, `${name}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(s.running.startedAt)}\n`);
  } else if (s?.waiting) {
    w.write(2, `${name}:\tWaiting\n`);
    if (s.waiting.reason) w.write(3, `Reason:\t${s.waiting.reason}\n`);
  } else if (s?.terminated) {
    const t = s.terminated;
    w.write(2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode}\n`);
    if ((t.signal ?? 0) > 0) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(2, `${name}:\tWaiting\n`);
  }
}

/** A quantity as Quantity.String() prints it (the canonical form). */
function quantityText(raw: unknown): string {
  return quantityOf(raw)?.toString() ?? (typeof raw === 'string' ? raw : JSON.stringify(raw));
}

export function resources(w: PrefixWriter, r: ResourceRequirements | undefined, level: number): void {
  if (!r) return;
  for (const [title, list] of [['Limits', r.limits], ['Requests', r.requests]] as const) {
    const names = Object.keys(list ?? {}).sort();
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const n of names) w.write(level + 1, `${n}:\t${quantityText(list?.[n])}\n`);
  }
}

function probe(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const port = String(p.httpGet.port);
    const host = p.httpGet.host ?? '';
    return `http-get ${(p.httpGet.scheme ?? '').toLowerCase()}://${port ? `${host}:${port}` : host}${p.httpGet.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${String(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

/** describeVolumes for the sources pods here use; others print kubectl's "<unknown>". */
function volumes(w: PrefixWriter, list: readonly Volume[] | undefined): void {
  if (!list || list.length === 0) {
    w.write(0, 'Volumes:\t<none>\n');
    return;
  }
  w.write(0, 'Volumes:\n');
  for (const v of list) {
    w.write(1, `${v.name}:\n`);
    if (v.hostPath) {
      w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? '<none>'}\n`);
    } else if (v.emptyDir) {
      const size = quantityOf(v.emptyDir.sizeLimit)?.sign() === 1 ? quantityText(v.emptyDir.sizeLimit) : '<unset>';
      w.write(2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${size}\n`);
    } else if (v.secret) {
      w.write(2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${v.secret.optional === true}\n`);
    } else if (v.configMap) {
      w.write(2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${v.configMap.optional === true}\n`);
    } else if (v.persistentVolumeClaim) {
      w.write(2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`);
    } else if (v.projected) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const s of v.projected.sources ?? []) {
        // v1.32 prints the Optional pointers with %v: unset reads "<nil>" (a set one would print an address).
        if (s.secret) w.write(2, `SecretName:\t${s.secret.name ?? ''}\n    SecretOptionalName:\t${s.secret.optional === undefined ? '<nil>' : String(s.secret.optional)}\n`);
        else if (s.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n');
        else if (s.configMap) w.write(2, `ConfigMapName:\t${s.configMap.name ?? ''}\n    ConfigMapOptional:\t${s.configMap.optional === undefined ? '<nil>' : String(s.configMap.optional)}\n`);
        else if (s.serviceAccountToken) w.write(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 0}\n`);
      }
    } else {
      w.write(1, '<unknown>\n');
    }
  }
}
