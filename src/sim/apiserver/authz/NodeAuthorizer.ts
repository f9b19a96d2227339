// models plugin/pkg/auth/authorizer/node/node_authorizer.go (v1.32, AuthorizeNodeWithSelectors on): requests from
// kubelets (user system:node:<name> in group system:nodes) are allowed what their own node needs — its Node, the
// pods bound to it, the secrets/configmaps/serviceaccount tokens those pods reference, its Lease — and for other
// resources the static system:node rules. Simplified: the graph is read from the store on demand (pods of the
// namespace bound to the node) instead of an incrementally kept graph; no PV/PVC/ResourceClaim/CSINode edges.
import type { Pod } from 'kubernetes-types/core/v1';
import type { UserInfo } from '../../api/types.ts';
import type { ObjectReader } from '../admission/types.ts';
import { nodeRules } from './bootstrapPolicy.ts';
import { ruleAllows } from './RbacAuthorizer.ts';
import type { AuthorizationAttributes, AuthorizationResult, Authorizer, PolicyRule } from './types.ts';

export const NODES_GROUP = 'system:nodes';
const NODE_USER_PREFIX = 'system:node:';

/** nodeidentifier.NewDefaultNodeIdentifier: the node name, if the user is a node. */
export function nodeIdentity(user: UserInfo): { nodeName: string } | undefined {
  if (!user.name.startsWith(NODE_USER_PREFIX)) return undefined;
  if (!user.groups.includes(NODES_GROUP)) return undefined;
  return { nodeName: user.name.slice(NODE_USER_PREFIX.length) };
}

const allow = (): AuthorizationResult => ({ decision: 'Allow', reason: '', considered: [] });
const noOpinion = (reason: string): AuthorizationResult => ({ decision: 'NoOpinion', reason, considered: [] });

type Kind = 'secret' | 'configmap' | 'pod' | 'serviceAccount';

/** Names of a kind a pod references (podutil.VisitPodSecretNames / VisitPodConfigmapNames, service account). */
function podReferences(pod: Pod, kind: Kind): string[] {
  const spec = pod.spec;
  if (!spec) return [];
  const out: string[] = [];
  const containers = [...(spec.initContainers ?? []), ...spec.containers, ...((spec.ephemeralContainers ?? []) as typeof spec.containers)];
  if (kind === 'serviceAccount') return spec.serviceAccountName ? [spec.serviceAccountName] : [];
  if (kind === 'secret') for (const s of spec.imagePullSecrets ?? []) if (s.name) out.push(s.name);
  for (const c of containers) {
    for (const e of c.envFrom ?? []) {
      if (kind === 'secret' && e.secretRef?.name) out.push(e.secretRef.name);
      if (kind === 'configmap' && e.configMapRef?.name) out.push(e.configMapRef.name);
    }
    for (const e of c.env ?? []) {
      if (kind === 'secret' && e.valueFrom?.secretKeyRef?.name) out.push(e.valueFrom.secretKeyRef.name);
      if (kind === 'configmap' && e.valueFrom?.configMapKeyRef?.name) out.push(e.valueFrom.configMapKeyRef.name);
    }
  }
  for (const v of spec.volumes ?? []) {
    if (kind === 'secret' && v.secret?.secretName) out.push(v.secret.secretName);
    if (kind === 'configmap' && v.configMap?.name) out.push(v.configMap.name);
    for (const src of v.projected?.sources ?? []) {
      if (kind === 'secret' && src.secret?.name) out.push(src.secret.name);
      if (kind === 'configmap' && src.configMap?.name) out.push(src.configMap.name);
    }
  }
  return out;
}

export class NodeAuthorizer implements Authorizer {
  readonly name = 'Node';

  constructor(private readonly store: ObjectReader, private readonly rules: PolicyRule[] = nodeRules()) {}

  authorize(attrs: AuthorizationAttributes): AuthorizationResult {
    const id = nodeIdentity(attrs.user);
    if (!id) return noOpinion('');
    const nodeName = id.nodeName;
    if (nodeName === '') return noOpinion(`unknown node for user "${attrs.user.name}"`);
    if (attrs.resourceRequest) {
      const selectors = attrs.fieldSelector !== undefined;
      switch (`${attrs.apiGroup}/${attrs.resource}`) {
        case '/secrets': return this.readNamespaced(nodeName, 'secret', attrs);
        case '/configmaps': return this.readNamespaced(nodeName, 'configmap', attrs);
        case '/serviceaccounts': return this.createToken(nodeName, attrs);
        case 'coordination.k8s.io/leases': return this.lease(nodeName, attrs);
        case '/nodes': if (selectors) return this.nodeObject(nodeName, attrs); break;
        case '/pods': if (selectors) return this.pod(nodeName, attrs); break;
      }
    }
    // Everything else is not subdivided: the static node rules decide.
    return this.rules.some((r) => ruleAllows(attrs, r)) ? allow() : noOpinion('');
  }

  private readNamespaced(nodeName: string, kind: Kind, attrs: AuthorizationAttributes): AuthorizationResult {
    if (!['get', 'list', 'watch'].includes(attrs.verb)) return noOpinion('can only read resources of this type');
    if (attrs.subresource !== '') return noOpinion('cannot read subresource');
    if (attrs.namespace === '') return noOpinion('can only read namespaced object of this type');
    return this.related(nodeName, kind, attrs);
  }

  private related(nodeName: string, kind: Kind, attrs: AuthorizationAttributes): AuthorizationResult {
    if (attrs.name === '') return noOpinion('No Object name found');
    return this.hasPathFrom(nodeName, kind, attrs.namespace, attrs.name) ? allow() : noOpinion(`no relationship found between node '${nodeName}' and this object`);
  }

  /** hasPathFrom: object → pod → node, for the pods of the namespace bound to this node. */
  private hasPathFrom(nodeName: string, kind: Kind, namespace: string, name: string): boolean {
    if (!this.store.get('', 'nodes', '', nodeName)) return false;
    if (kind === 'pod') {
      const pod = this.store.get('', 'pods', namespace, name) as Pod | undefined;
      return pod?.spec?.nodeName === nodeName;
    }
    for (const p of this.store.list('', 'pods', namespace) as Pod[]) {
      if (p.spec?.nodeName !== nodeName) continue;
      if (podReferences(p, kind).includes(name)) return true;
    }
    return false;
  }

  private createToken(nodeName: string, attrs: AuthorizationAttributes): AuthorizationResult {
    if (attrs.verb !== 'create' || attrs.name === '') return noOpinion('can only create tokens for individual service accounts');
    if (attrs.subresource !== 'token') return noOpinion('can only create token subresource of serviceaccount');
    return this.hasPathFrom(nodeName, 'serviceAccount', attrs.namespace, attrs.name) ? allow() : noOpinion(`no relationship found between node '${nodeName}' and this object`);
  }

  private lease(nodeName: string, attrs: AuthorizationAttributes): AuthorizationResult {
    if (!['get', 'create', 'update', 'patch', 'delete'].includes(attrs.verb)) return noOpinion('can only get, create, update, patch, or delete a node lease');
    if (attrs.namespace !== 'kube-node-lease') return noOpinion('can only access leases in the "kube-node-lease" system namespace');
    // create carries no name: NodeRestriction checks it against the object.
    if (attrs.verb !== 'create' && attrs.name !== nodeName) return noOpinion('can only access node lease with the same name as the requesting node');
    return allow();
  }

  private nodeObject(nodeName: string, attrs: AuthorizationAttributes): AuthorizationResult {
    if (attrs.subresource === '') {
      if (['create', 'update', 'patch'].includes(attrs.verb)) return allow();
      if (['get', 'list', 'watch'].includes(attrs.verb)) {
        if (attrs.name === nodeName) return allow();
        if (attrs.name === '') return noOpinion(`node '${nodeName}' cannot read all nodes, only its own Node object`);
        return noOpinion(`node '${nodeName}' cannot read '${attrs.name}', only its own Node object`);
      }
    } else if (attrs.subresource === 'status' && (attrs.verb === 'update' || attrs.verb === 'patch')) return allow();
    return noOpinion('');
  }

  private pod(nodeName: string, attrs: AuthorizationAttributes): AuthorizationResult {
    switch (attrs.subresource) {
      case '':
        if (attrs.verb === 'get') {
          return this.related(nodeName, 'pod', attrs);
        }
        if (attrs.verb === 'list' || attrs.verb === 'watch') {
          if (selectsNode(attrs.fieldSelector ?? '', nodeName)) return allow();
          if (attrs.name !== '') return this.related(nodeName, 'pod', attrs);
          return noOpinion('can only list/watch pods with spec.nodeName field selector');
        }
        if (attrs.verb === 'create' || attrs.verb === 'delete') return allow();
        break;
      case 'status':
        if (attrs.verb === 'update' || attrs.verb === 'patch') return allow();
        break;
      case 'eviction':
        if (attrs.verb === 'create') return allow();
        break;
    }
    return noOpinion('');
  }
}

/** Whether a field selector has the requirement spec.nodeName=<node> (= or ==). */
function selectsNode(selector: string, nodeName: string): boolean {
  return selector.split(',').some((term) => {
    const m = /^\s*spec\.nodeName\s*==?\s*(.*?)\s*$/.exec(term);
    return m !== null && m[1] === nodeName;
  });
}
