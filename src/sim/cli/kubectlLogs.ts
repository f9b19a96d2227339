// `kubectl logs POD [-c C] [--previous] [--tail N]`: GET the pod, pick the container as kubectl does, then GET
// pods/log. models staging/src/k8s.io/kubectl/pkg/cmd/logs/logs.go and polymorphichelpers/logsforobject.go.
// Simplified: -f prints what the container has logged so far and returns (the terminal cannot wait on time).
import type { Pod } from 'kubernetes-types/core/v1';
import { ACCEPT_JSON, serverErrorText, statusOf } from './apiClient.ts';
import { flagBool, flagString, type FlagSpec, type ParsedFlags } from './flags.ts';
import type { KubectlEnv } from './kubectlEnv.ts';
import { resourcePath, resolveResourceType } from './resourceTypes.ts';

export const LOGS_FLAGS: FlagSpec[] = [
  { name: 'container', short: 'c', type: 'string' },
  { name: 'previous', short: 'p', type: 'bool' },
  { name: 'tail', type: 'string' },
  { name: 'follow', short: 'f', type: 'bool' },
];

const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

export function kubectlLogs(env: KubectlEnv, flags: ParsedFlags): number {
  const { out } = env;
  const [target, ...rest] = flags.args;
  if (target === undefined) {
    out.err("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples");
    return 1;
  }
  let container = flagString(flags, 'container');
  if (rest.length > 0) {
    if (container !== undefined || rest.length > 1) {
      out.err("error: only one of -c or an inline [CONTAINER] arg is allowed\nSee 'kubectl logs -h' for help and examples");
      return 1;
    }
    container = rest[0];
  }
  let name = target;
  const slash = target.indexOf('/');
  if (slash >= 0) {
    const info = resolveResourceType(target.slice(0, slash));
    if (info?.resource !== 'pods') {
      out.err(`error: cannot get the logs from ${info ? info.resource : target.slice(0, slash)} in this terminal: name a pod`);
      return 1;
    }
    name = target.slice(slash + 1);
  }
  const podsInfo = resolveResourceType('pods');
  if (!podsInfo) return 1;
  const get = env.client.send('GET', resourcePath(podsInfo, env.namespace, name), { accept: ACCEPT_JSON });
  if (get.code === 404) {
    out.err(`error: error from server (NotFound): pods "${name}" not found in namespace "${env.namespace}"`, get.span, statusOf(get));
    return 1;
  }
  if (get.code >= 400) {
    out.err(serverErrorText(get), get.span, statusOf(get));
    return 1;
  }
  const pod = get.body as Pod;
  const containers = pod.spec?.containers ?? [];
  const inits = pod.spec?.initContainers ?? [];
  const ephemeral = pod.spec?.ephemeralContainers ?? [];
  if (container === undefined) {
    const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
    if (annotated !== undefined && containers.some((c) => c.name === annotated)) container = annotated;
    else {
      container = containers[0]?.name ?? '';
      if (containers.length + inits.length + ephemeral.length > 1) {
        const all = [...containers.map((c) => c.name), ...inits.map((c) => `${c.name} (init)`), ...ephemeral.map((c) => `${c.name} (ephem)`)];
        out.err(`Defaulted container "${container}" out of: ${all.join(', ')}`, get.span);
      }
    }
  } else if (![...containers, ...inits, ...ephemeral].some((c) => c.name === container)) {
    out.err(`error: container ${container} is not valid for pod ${name}`, get.span);
    return 1;
  }
  const res = env.client.send('GET', `${resourcePath(podsInfo, env.namespace, name)}/log`, {
    query: { container, previous: flagBool(flags, 'previous') ? 'true' : undefined, tailLines: flagString(flags, 'tail') },
  });
  if (res.code >= 400) {
    out.err(serverErrorText(res), res.span, statusOf(res));
    return 1;
  }
  out.out(typeof res.body === 'string' ? res.body : JSON.stringify(res.body), res.span);
  return 0;
}
