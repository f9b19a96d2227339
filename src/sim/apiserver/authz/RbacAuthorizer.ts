// models plugin/pkg/auth/authorizer/rbac/rbac.go and pkg/registry/rbac/validation/rule.go (DefaultRuleResolver).
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding, RoleRef, Subject } from 'kubernetes-types/rbac/v1';
import type { UserInfo } from '../../api/types.ts';
import type { Json } from '../../api/types.ts';
import type { RbacMatch } from '../../trace/types.ts';
import type { AuthorizationAttributes, AuthorizationResult, Authorizer, PolicyRule } from './types.ts';
import { aggregateClusterRoles } from './clusterRoleAggregation.ts';
import { aggregateErrorMessage, goQuote } from '../../api/goFormat.ts';
import { jsonClone } from '../../util/jsonClone.ts';

export { PrivilegedGroupsAuthorizer } from './PrivilegedGroupsAuthorizer.ts';

/** Where RBAC reads its objects from: plain rbac/v1 JSON, as stored. `undefined` means not found. */
export interface RbacSource {
  getRole(namespace: string, name: string): Role | undefined;
  listRoleBindings(namespace: string): RoleBinding[];
  getClusterRole(name: string): ClusterRole | undefined;
  listClusterRoleBindings(): ClusterRoleBinding[];
  /** Every ClusterRole; used to aggregate live (see RuleResolverOptions.liveAggregation). */
  listClusterRoles(): ClusterRole[];
  /**
   * Optional: a number that changes whenever any Role, ClusterRole, RoleBinding or ClusterRoleBinding may have
   * changed. When given, the authorizer remembers its decisions until it changes.
   */
  changeRevision?(): number;
}

export interface RuleResolverOptions {
  /**
   * How a missing role is reported. The authorizer reads informer listers, whose NotFound names the singular
   * resource (`role.rbac.authorization.k8s.io "x" not found`); the escalation checks in the RBAC registry read
   * storage, whose NotFound names the plural (`roles.rbac.authorization.k8s.io "x" not found`).
   */
  notFound?: 'lister' | 'registry';
  /**
   * true (default): a ClusterRole with an aggregationRule grants what aggregateClusterRoles computes from the
   * current ClusterRoles, i.e. the clusterrole-aggregation controller's settled state. false: its stored
   * `rules` only, exactly as upstream (whatever the controller has written so far).
   */
  liveAggregation?: boolean;
}

/** One binding that applied to the user, the subject that matched and the role it refers to. */
export interface RuleSource {
  bindingKind: 'ClusterRoleBinding' | 'RoleBinding';
  bindingName: string;
  /** '' for a ClusterRoleBinding. */
  bindingNamespace: string;
  roleRef: RoleRef;
  subject: Subject;
}

/** The `considered` / RbacMatch spelling: "ClusterRoleBinding/x", "RoleBinding/ns/x". */
export function bindingRef(source: Pick<RuleSource, 'bindingKind' | 'bindingName' | 'bindingNamespace'>): string {
  return source.bindingKind === 'ClusterRoleBinding'
    ? `ClusterRoleBinding/${source.bindingName}`
    : `RoleBinding/${source.bindingNamespace}/${source.bindingName}`;
}

/** "ClusterRole/x", or "Role/ns/x" for a Role (which always lives in the binding's namespace). */
export function roleRefString(roleRef: RoleRef, bindingNamespace: string): string {
  return roleRef.kind === 'Role' ? `Role/${bindingNamespace}/${roleRef.name}` : `${roleRef.kind}/${roleRef.name}`;
}

function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind === 'ServiceAccount') {
    const ns = subject.namespace !== undefined && subject.namespace !== '' ? subject.namespace : bindingNamespace;
    return `${subject.kind} ${goQuote(`${subject.name}/${ns}`)}`;
  }
  return `${subject.kind} ${goQuote(subject.name)}`;
}

/** The text after "RBAC: allowed by " (clusterRoleBindingDescriber / roleBindingDescriber). */
export function describeRuleSource(source: RuleSource): string {
  if (source.bindingKind === 'ClusterRoleBinding') {
    return `ClusterRoleBinding ${goQuote(source.bindingName)} of ${source.roleRef.kind} ${goQuote(source.roleRef.name)} to ${describeSubject(source.subject, '')}`;
  }
  return `RoleBinding ${goQuote(`${source.bindingName}/${source.bindingNamespace}`)} of ${source.roleRef.kind} ${goQuote(source.roleRef.name)} to ${describeSubject(source.subject, source.bindingNamespace)}`;
}

/** serviceaccount.MatchesUsername: "system:serviceaccount:<ns>:<name>". */
function serviceAccountUsername(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

/** appliesToUser: whether one binding subject names this user; `namespace` defaults an SA subject's namespace. */
export function subjectMatches(user: UserInfo, subject: Subject, namespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.name === subject.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const saNamespace = subject.namespace !== undefined && subject.namespace !== '' ? subject.namespace : namespace;
      if (saNamespace === '') return false;
      return user.name === serviceAccountUsername(saNamespace, subject.name);
    }
    default:
      return false;
  }
}

/** appliesTo: the first subject of the binding that names the user. */
export function firstMatchingSubject(user: UserInfo, subjects: Subject[] | undefined, namespace: string): Subject | undefined {
  return (subjects ?? []).find((s) => subjectMatches(user, s, namespace));
}

// --- rule matching: models pkg/apis/rbac/v1/evaluation_helpers.go ---

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === '*' || v === verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === '*' || g === group);
}

// `combined` is "res" or "res/sub"; a rule resource `*` matches everything, `*/sub` any resource's `sub`.
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const r of rule.resources ?? []) {
    if (r === '*' || r === combined) return true;
    if (subresource === '') continue;
    if (r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource)) return true;
  }
  return false;
}

/** No resourceNames means every name; otherwise the request must name one of them (list/create name none). */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const url of rule.nonResourceURLs ?? []) {
    if (url === '*' || url === path) return true;
    if (url.endsWith('*') && path.startsWith(url.replace(/\*+$/, ''))) return true;
  }
  return false;
}

/** RuleAllows: whether one PolicyRule grants the request. */
export function ruleAllows(attrs: AuthorizationAttributes, rule: PolicyRule): boolean {
  if (attrs.resourceRequest) {
    const combined = attrs.subresource === '' ? attrs.resource : `${attrs.resource}/${attrs.subresource}`;
    return verbMatches(rule, attrs.verb) && apiGroupMatches(rule, attrs.apiGroup)
      && resourceMatches(rule, combined, attrs.subresource) && resourceNameMatches(rule, attrs.name);
  }
  return verbMatches(rule, attrs.verb) && nonResourceURLMatches(rule, attrs.path);
}

/** What RulesFor returns: every rule found, and the messages of the roles that could not be resolved. */
export interface ResolvedRules {
  rules: PolicyRule[];
  errors: string[];
}

/** A visitor gets each rule with its source, or an error (then source and rule are absent). Return false to stop. */
export type RuleVisitor = (source: RuleSource | undefined, rule: PolicyRule | undefined, ruleIndex: number, error: string | undefined) => boolean;

/** models DefaultRuleResolver: ClusterRoleBindings first, then the RoleBindings of the namespace. */
export class RuleResolver {
  private readonly source: RbacSource;
  private readonly notFound: 'lister' | 'registry';
  private readonly liveAggregation: boolean;

  constructor(source: RbacSource, options: RuleResolverOptions = {}) {
    this.source = source;
    this.notFound = options.notFound ?? 'lister';
    this.liveAggregation = options.liveAggregation ?? true;
  }

  private notFoundMessage(kind: 'Role' | 'ClusterRole', name: string): string {
    const resource = kind === 'Role' ? 'role' : 'clusterrole';
    return `${resource}${this.notFound === 'registry' ? 's' : ''}.rbac.authorization.k8s.io ${goQuote(name)} not found`;
  }

  /**
   * GetRoleReferenceRules: the rules of the role a binding refers to. `bindingNamespace` is the binding's
   * namespace, '' for a ClusterRoleBinding. `aggregated` memoises live aggregation within one visit.
   */
  getRoleReferenceRules(roleRef: RoleRef, bindingNamespace: string, aggregated?: { roles?: ClusterRole[] }): { rules: PolicyRule[] } | { error: string; notFound?: { resource: 'roles' | 'clusterroles'; name: string } } {
    switch (roleRef.kind) {
      case 'Role': {
        const role = bindingNamespace === '' ? undefined : this.source.getRole(bindingNamespace, roleRef.name);
        if (!role) return { error: this.notFoundMessage('Role', roleRef.name), notFound: { resource: 'roles', name: roleRef.name } };
        return { rules: role.rules ?? [] };
      }
      case 'ClusterRole': {
        const role = this.source.getClusterRole(roleRef.name);
        if (!role) return { error: this.notFoundMessage('ClusterRole', roleRef.name), notFound: { resource: 'clusterroles', name: roleRef.name } };
        if (!this.liveAggregation || !role.aggregationRule) return { rules: role.rules ?? [] };
        const memo = aggregated ?? {};
        memo.roles ??= aggregateClusterRoles(this.source.listClusterRoles());
        const settled = memo.roles.find((r) => r.metadata?.name === roleRef.name);
        return { rules: settled?.rules ?? role.rules ?? [] };
      }
      default:
        return { error: `unsupported role reference kind: ${goQuote(roleRef.kind)}` };
    }
  }

  /** VisitRulesFor. Rules of one binding are visited in the role's order, with their index in that role. */
  visitRulesFor(user: UserInfo, namespace: string, visitor: RuleVisitor, onBinding?: (source: RuleSource) => void): void {
    const memo: { roles?: ClusterRole[] } = {};
    for (const crb of this.source.listClusterRoleBindings()) {
      const subject = firstMatchingSubject(user, crb.subjects, '');
      if (!subject) continue;
      const resolved = this.getRoleReferenceRules(crb.roleRef, '', memo);
      const source: RuleSource = { bindingKind: 'ClusterRoleBinding', bindingName: crb.metadata?.name ?? '', bindingNamespace: '', roleRef: crb.roleRef, subject };
      onBinding?.(source);
      if ('error' in resolved) {
        if (!visitor(source, undefined, -1, resolved.error)) return;
        continue;
      }
      for (const [i, rule] of resolved.rules.entries()) {
        if (!visitor(source, rule, i, undefined)) return;
      }
    }
    if (namespace === '') return;
    for (const rb of this.source.listRoleBindings(namespace)) {
      const subject = firstMatchingSubject(user, rb.subjects, namespace);
      if (!subject) continue;
      const resolved = this.getRoleReferenceRules(rb.roleRef, namespace, memo);
      const source: RuleSource = { bindingKind: 'RoleBinding', bindingName: rb.metadata?.name ?? '', bindingNamespace: namespace, roleRef: rb.roleRef, subject };
      onBinding?.(source);
      if ('error' in resolved) {
        if (!visitor(source, undefined, -1, resolved.error)) return;
        continue;
      }
      for (const [i, rule] of resolved.rules.entries()) {
        if (!visitor(source, rule, i, undefined)) return;
      }
    }
  }

  /** RulesFor: every rule the user holds in `namespace` ('' = cluster-wide bindings only), plus resolution errors. */
  rulesFor(user: UserInfo, namespace: string): ResolvedRules {
    const rules: PolicyRule[] = [];
    const errors: string[] = [];
    this.visitRulesFor(user, namespace, (_source, rule, _i, error) => {
      if (rule) rules.push(rule);
      if (error !== undefined) errors.push(error);
      return true;
    });
    return { rules, errors };
  }
}

/** A decision as fresh as a newly computed one: callers own the arrays and objects they get. */
function copyResult(r: AuthorizationResult): AuthorizationResult {
  // Same key order as evaluate builds.
  if (r.match) return { decision: r.decision, reason: r.reason, match: { ...r.match, rule: jsonClone(r.match.rule) }, considered: [...r.considered] };
  return { decision: r.decision, reason: r.reason, considered: [...r.considered] };
}

/** authorizer.RuleResolver's answer (what SelfSubjectRulesReview is built from). */
export interface RuleInfo {
  resourceRules: { verbs: string[]; apiGroups: string[]; resources: string[]; resourceNames: string[] }[];
  nonResourceRules: { verbs: string[]; nonResourceURLs: string[] }[];
  incomplete: boolean;
  /** The aggregate error message, or undefined. */
  error: string | undefined;
}

/** Anything that can list a user's rules (RBAC; the Node authorizer answers "incomplete" for nodes). */
export interface RulesResolver {
  ruleInfoFor(user: UserInfo, namespace: string): RuleInfo;
}

/**
 * The RBAC authorizer: Allow when some rule reachable through a binding that names the user allows the request,
 * otherwise NoOpinion — with reason "RBAC: <errors>" only when some bound role could not be resolved.
 */
export class RbacAuthorizer implements Authorizer, RulesResolver {
  readonly name = 'RBAC';
  readonly resolver: RuleResolver;

  private readonly source: RbacSource;
  /** Decisions by user and request attributes, valid for `decisionsRevision` of the RBAC objects. */
  private readonly decisions = new Map<string, AuthorizationResult>();
  private decisionsRevision = -1;

  constructor(source: RbacSource, options: Omit<RuleResolverOptions, 'notFound'> = {}) {
    this.source = source;
    this.resolver = new RuleResolver(source, { ...options, notFound: 'lister' });
  }

  authorize(attrs: AuthorizationAttributes): AuthorizationResult {
    const rev = this.source.changeRevision?.();
    if (rev === undefined) return this.evaluate(attrs).result;
    if (rev !== this.decisionsRevision || this.decisions.size >= 4096) {
      this.decisions.clear();
      this.decisionsRevision = rev;
    }
    // RBAC looks at the user's name and groups and at these attributes only. The object name matters only through
    // rules with resourceNames: a decision no such rule took part in is remembered for every name.
    const u = attrs.user;
    const base = `${u.name}\u0000${u.groups.join('\u0001')}\u0000${attrs.resourceRequest ? 'r' : 'n'}\u0000${attrs.verb}\u0000${attrs.namespace}\u0000${attrs.apiGroup}\u0000${attrs.resource}\u0000${attrs.subresource}\u0000${attrs.resourceRequest ? '' : attrs.path}`;
    let r = this.decisions.get(base);
    if (r === undefined) {
      const named = `${base}\u0000${attrs.name}`;
      r = this.decisions.get(named);
      if (r === undefined) {
        const e = this.evaluate(attrs);
        r = e.result;
        this.decisions.set(e.nameDependent ? named : base, r);
      }
    }
    return copyResult(r);
  }

  private evaluate(attrs: AuthorizationAttributes): { result: AuthorizationResult; nameDependent: boolean } {
    let nameDependent = false;
    const considered: string[] = [];
    const errors: string[] = [];
    let allowed: { source: RuleSource; rule: PolicyRule; index: number } | undefined;
    this.resolver.visitRulesFor(attrs.user, attrs.namespace, (source, rule, index, error) => {
      if (rule && !nameDependent && (rule.resourceNames ?? []).length > 0) nameDependent = ruleAllows({ ...attrs, name: (rule.resourceNames ?? [])[0] ?? '' }, rule);
      if (source && rule && ruleAllows(attrs, rule)) {
        allowed = { source, rule, index };
        return false;
      }
      if (error !== undefined) errors.push(error);
      return true;
    }, (source) => considered.push(bindingRef(source)));
    if (allowed) {
      const match: RbacMatch = {
        binding: bindingRef(allowed.source),
        role: roleRefString(allowed.source.roleRef, allowed.source.bindingNamespace),
        ruleIndex: allowed.index,
        rule: jsonClone(allowed.rule) as unknown as Json,
      };
      return { result: { decision: 'Allow', reason: `RBAC: allowed by ${describeRuleSource(allowed.source)}`, match, considered }, nameDependent };
    }
    return { result: { decision: 'NoOpinion', reason: errors.length > 0 ? `RBAC: ${aggregateErrorMessage(errors)}` : '', considered }, nameDependent };
  }

  /** RulesFor as authorizer.RuleResolver: rules with resources, rules with URLs; RBAC is never incomplete. */
  ruleInfoFor(user: UserInfo, namespace: string): RuleInfo {
    const { rules, errors } = this.resolver.rulesFor(user, namespace);
    const info: RuleInfo = { resourceRules: [], nonResourceRules: [], incomplete: false, error: errors.length > 0 ? aggregateErrorMessage(errors) : undefined };
    for (const rule of rules) {
      if ((rule.resources ?? []).length > 0) {
        info.resourceRules.push({ verbs: [...rule.verbs], apiGroups: [...(rule.apiGroups ?? [])], resources: [...(rule.resources ?? [])], resourceNames: [...(rule.resourceNames ?? [])] });
      }
      if ((rule.nonResourceURLs ?? []).length > 0) {
        info.nonResourceRules.push({ verbs: [...rule.verbs], nonResourceURLs: [...(rule.nonResourceURLs ?? [])] });
      }
    }
    return info;
  }

  /** The raw rules the user holds in `namespace` (DefaultRuleResolver.RulesFor), for the escalation checks. */
  rulesFor(user: UserInfo, namespace: string): ResolvedRules {
    return this.resolver.rulesFor(user, namespace);
  }
}
