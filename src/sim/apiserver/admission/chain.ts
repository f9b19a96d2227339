// The admission plugins kube-apiserver v1.32 enables by default that this engine models, in upstream order
// (pkg/kubeapiserver/options/plugins.go AllOrderedPlugins): NamespaceLifecycle, LimitRanger, ServiceAccount,
// NodeRestriction, PodSecurity, Priority, DefaultTolerationSeconds, …, ResourceQuota (quota is always last: it must see the
// object every other plugin has finished with). Each phase runs the plugins that implement it, in that order.
import { DefaultTolerationSeconds } from './DefaultTolerationSeconds.ts';
import { LimitRanger } from './LimitRanger.ts';
import { NamespaceLifecycle } from './NamespaceLifecycle.ts';
import { NodeRestriction } from './NodeRestriction.ts';
import { PodSecurity } from './PodSecurity.ts';
import { Priority } from './Priority.ts';
import { ResourceQuota } from './ResourceQuota.ts';
import { ServiceAccount } from './ServiceAccount.ts';
import type { MutatingPlugin, ValidatingPlugin } from './types.ts';

export interface AdmissionDeps {
  /** Random 5-character suffixes for generated names (the engine Rng's nameSuffix). */
  nameSuffix: () => string;
  /** Further services callers may pass for plugins added later; the plugins here ignore them. */
  [service: string]: unknown;
}

export type AdmissionPlugin = Partial<MutatingPlugin & ValidatingPlugin> & (MutatingPlugin | ValidatingPlugin);

/** One instance of every plugin, in AllOrderedPlugins order. */
export function defaultAdmissionPlugins(deps: AdmissionDeps): AdmissionPlugin[] {
  return [
    new NamespaceLifecycle(),
    new LimitRanger(),
    new ServiceAccount({ nameSuffix: deps.nameSuffix }),
    new NodeRestriction(),
    new PodSecurity(),
    new Priority(),
    new DefaultTolerationSeconds(),
    new ResourceQuota(),
  ];
}

function isMutating(p: AdmissionPlugin): p is AdmissionPlugin & MutatingPlugin {
  return typeof p.admit === 'function';
}

function isValidating(p: AdmissionPlugin): p is AdmissionPlugin & ValidatingPlugin {
  return typeof p.validate === 'function';
}

/** Both phases over the same plugin instances, as kube-apiserver builds them from one plugin list. */
export function defaultAdmissionChain(deps: AdmissionDeps): { mutating: MutatingPlugin[]; validating: ValidatingPlugin[] } {
  const plugins = defaultAdmissionPlugins(deps);
  return { mutating: plugins.filter(isMutating), validating: plugins.filter(isValidating) };
}

/** NamespaceLifecycle, LimitRanger, ServiceAccount, NodeRestriction, Priority, DefaultTolerationSeconds. */
export function defaultMutatingPlugins(deps: AdmissionDeps): MutatingPlugin[] {
  return defaultAdmissionChain(deps).mutating;
}

/** LimitRanger, ServiceAccount, PodSecurity, Priority, ResourceQuota. */
export function defaultValidatingPlugins(deps: AdmissionDeps): ValidatingPlugin[] {
  return defaultAdmissionChain(deps).validating;
}
