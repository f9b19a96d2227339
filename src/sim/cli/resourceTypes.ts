// Resource type arguments as kubectl's RESTMapper resolves them from discovery: plural, singular, short name or
// kind, optionally qualified as `<type>.<group>` or `<type>.<version>.<group>`; case-insensitive. When two groups
// serve the same name (events), the legacy core group wins, then groups in discovery order.
// models staging/src/k8s.io/client-go/restmapper (shortcut.go, discovery.go priority) — resolved locally from the
// discovery data the apiserver serves instead of fetching it (kubectl caches discovery on disk too).
import { API_GROUPS, RESOURCES, type ResourceInfo } from '../apiserver/resources.ts';

const GROUP_ORDER = ['', ...API_GROUPS.map((g) => g.name)];

/** The resources `kubectl get` can name: everything discovery lists except the create-only reviews and bindings. */
export function gettableResources(): ResourceInfo[] {
  return RESOURCES.filter((r) => !r.createOnly)
    .sort((a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group));
}

function names(r: ResourceInfo): string[] {
  return [r.resource, r.singular, r.kind.toLowerCase(), ...r.shortNames];
}

/** The resource a type argument names, or undefined ("the server doesn't have a resource type"). */
export function resolveResourceType(arg: string, candidates: readonly ResourceInfo[] = allByPriority()): ResourceInfo | undefined {
  const t = arg.toLowerCase();
  for (const r of candidates) if (names(r).includes(t)) return r;
  // <type>.<group> or <type>.<version>.<group>
  for (const r of candidates) {
    if (r.group === '') continue;
    for (const n of names(r)) {
      if (t === `${n}.${r.group}` || t === `${n}.${r.version}.${r.group}`) return r;
    }
  }
  return undefined;
}

function allByPriority(): ResourceInfo[] {
  return [...RESOURCES].sort((a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group));
}

/** "pod", "role.rbac.authorization.k8s.io": how kubectl names the kind in `-o name` and multi-type tables. */
export function kindGroup(r: ResourceInfo): string {
  return r.kind.toLowerCase() + (r.group === '' ? '' : `.${r.group}`);
}

/** The REST path of a collection (namespace '' for cluster-scoped or all namespaces) or of one object. */
export function resourcePath(r: ResourceInfo, namespace: string, name?: string): string {
  const base = r.group === '' ? `/api/${r.version}` : `/apis/${r.group}/${r.version}`;
  const coll = r.namespaced && namespace !== '' ? `${base}/namespaces/${namespace}/${r.resource}` : `${base}/${r.resource}`;
  return name === undefined ? coll : `${coll}/${encodeURIComponent(name)}`;
}
