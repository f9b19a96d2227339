// `kubectl describe`: not modelled yet. kubectl builds describe's text on the client from several requests (the
// object, its events by field selector, ...); this terminal says so rather than print an approximation.
import type { FlagSpec, ParsedFlags } from './flags.ts';
import type { KubectlEnv } from './kubectlEnv.ts';

export const DESCRIBE_FLAGS: FlagSpec[] = [
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'show-events', type: 'bool' },
];

export function kubectlDescribe(env: KubectlEnv, flags: ParsedFlags): number {
  const [type, name] = flags.args;
  const hint = type === undefined ? 'kubectl get pods -o yaml' : `kubectl get ${type}${name ? ` ${name}` : ''} -o yaml`;
  env.out.err(`error: "kubectl describe" is not supported in this terminal yet; try \`${hint}\` and \`kubectl get events\``);
  return 1;
}
