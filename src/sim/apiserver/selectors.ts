// Label and field selectors, models staging/src/k8s.io/apimachinery/pkg/labels/selector.go and
// pkg/fields/selector.go, with the per-kind field labels of pkg/registry/*/strategy.go (GetAttrs).
import { errors } from '../api/status.ts';
import type { KubeObject } from '../api/types.ts';

type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!' };

export interface Selector {
  matches(labels: Record<string, string> | undefined): boolean;
  readonly empty: boolean;
}

const everything: Selector = { matches: () => true, empty: true };

/** Parses a label selector string ("app=nginx,tier in (web,api),!legacy"); throws BadRequest as the apiserver does. */
export function parseLabelSelector(text: string | null): Selector {
  if (text === null || text.trim() === '') return everything;
  const reqs: Requirement[] = [];
  for (const raw of splitTopLevel(text)) {
    const s = raw.trim();
    if (s === '') throw errors.badRequest(`unable to parse requirement: found '', expected: identifier`);
    let m: RegExpExecArray | null;
    if ((m = /^(\S+?)\s+(in|notin)\s+\(([^)]*)\)$/.exec(s))) {
      reqs.push({ key: m[1] ?? '', op: m[2] as 'in' | 'notin', values: (m[3] ?? '').split(',').map((v) => v.trim()).filter((v) => v !== '') });
    } else if ((m = /^([^=!\s]+)\s*(==|=|!=)\s*([^=!\s]*)$/.exec(s))) {
      reqs.push({ key: m[1] ?? '', op: m[2] === '!=' ? 'notin' : 'in', values: [m[3] ?? ''] });
    } else if ((m = /^!\s*([^=!\s]+)$/.exec(s))) {
      reqs.push({ key: m[1] ?? '', op: '!' });
    } else if ((m = /^([^=!\s()]+)$/.exec(s))) {
      reqs.push({ key: m[1] ?? '', op: 'exists' });
    } else {
      throw errors.badRequest(`unable to parse requirement: <nil>: Invalid value: "${s}": invalid label selector`);
    }
  }
  return {
    empty: reqs.length === 0,
    matches(labels) {
      const l = labels ?? {};
      return reqs.every((r) => {
        const has = Object.prototype.hasOwnProperty.call(l, r.key);
        switch (r.op) {
          case 'exists': return has;
          case '!': return !has;
          case 'in': return has && r.values.includes(l[r.key] ?? '');
          case 'notin': return !has || !r.values.includes(l[r.key] ?? '');
        }
      });
    },
  };
}

function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

export interface FieldSelector {
  matches(obj: KubeObject): boolean;
  readonly empty: boolean;
  /** The terms, for indexers (e.g. spec.nodeName=node-1). */
  readonly terms: { field: string; op: '=' | '!='; value: string }[];
}

/** A getter for a dotted field path, split once: the value as a string ('' when absent, JSON for non-strings). */
const at = (path: string): ((o: KubeObject) => string) => {
  const parts = path.split('.');
  return (obj) => {
    let cur: unknown = obj;
    for (const p of parts) {
      if (cur === null || typeof cur !== 'object') return '';
      cur = (cur as Record<string, unknown>)[p];
    }
    if (cur === undefined || cur === null) return '';
    return typeof cur === 'string' ? cur : JSON.stringify(cur);
  };
};

const boolAt = (path: string): ((o: KubeObject) => string) => {
  const get = at(path);
  return (o) => (get(o) === 'true' ? 'true' : 'false');
};

/** Field labels each kind supports beyond metadata.name and metadata.namespace. */
const FIELD_LABELS: Record<string, Record<string, (o: KubeObject) => string>> = {
  pods: {
    'spec.nodeName': at('spec.nodeName'),
    'spec.restartPolicy': at('spec.restartPolicy'),
    'spec.schedulerName': at('spec.schedulerName'),
    'spec.serviceAccountName': at('spec.serviceAccountName'),
    'spec.hostNetwork': boolAt('spec.hostNetwork'),
    'status.phase': at('status.phase'),
    'status.podIP': at('status.podIP'),
    'status.nominatedNodeName': at('status.nominatedNodeName'),
  },
  nodes: { 'spec.unschedulable': boolAt('spec.unschedulable') },
  namespaces: { 'status.phase': at('status.phase') },
  secrets: { type: at('type') },
  events: {
    'involvedObject.kind': at('involvedObject.kind'),
    'involvedObject.namespace': at('involvedObject.namespace'),
    'involvedObject.name': at('involvedObject.name'),
    'involvedObject.uid': at('involvedObject.uid'),
    'involvedObject.apiVersion': at('involvedObject.apiVersion'),
    'involvedObject.resourceVersion': at('involvedObject.resourceVersion'),
    'involvedObject.fieldPath': at('involvedObject.fieldPath'),
    reason: at('reason'),
    reportingComponent: at('reportingComponent'),
    source: at('source.component'),
    type: at('type'),
  },
  replicasets: { 'status.replicas': at('status.replicas') },
};

export function parseFieldSelector(text: string | null, resource: string): FieldSelector {
  if (text === null || text.trim() === '') return { matches: () => true, empty: true, terms: [] };
  const labels = FIELD_LABELS[resource] ?? {};
  const terms: FieldSelector['terms'] = [];
  const getters: ((o: KubeObject) => boolean)[] = [];
  for (const raw of text.split(',')) {
    const m = /^\s*([^=!\s]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(raw);
    if (!m) throw errors.badRequest(`invalid selector: '${text}'; can't understand '${raw}'`);
    const fieldName = m[1] ?? '';
    const op = m[2] === '!=' ? '!=' : '=';
    const value = m[3] ?? '';
    let getter: ((o: KubeObject) => string) | undefined;
    if (fieldName === 'metadata.name') getter = (o) => o.metadata?.name ?? '';
    else if (fieldName === 'metadata.namespace') getter = (o) => o.metadata?.namespace ?? '';
    else getter = labels[fieldName];
    if (!getter) {
      throw errors.badRequest(`field label not supported: ${fieldName}`);
    }
    const g = getter;
    terms.push({ field: fieldName, op, value });
    getters.push(op === '=' ? (o) => g(o) === value : (o) => g(o) !== value);
  }
  return { matches: (o) => getters.every((f) => f(o)), empty: false, terms };
}
