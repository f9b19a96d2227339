// models staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go: what a request is about, from its
// method, path and query alone — before anything is known about the user.

export interface RequestInfo {
  isResourceRequest: boolean;
  path: string;
  verb: string;
  apiPrefix: string;
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
  parts: string[];
}

/** Subresources of namespaces that stay on the namespace resource (namespaces/<n>/status is not a resource "status"). */
const namespaceSubresources = new Set(['status', 'finalize']);

export function parseRequestInfo(method: string, path: string, query: URLSearchParamsLike): RequestInfo {
  const info: RequestInfo = {
    isResourceRequest: false, path, verb: method.toLowerCase(), apiPrefix: '', apiGroup: '', apiVersion: '',
    namespace: '', resource: '', subresource: '', name: '', parts: [],
  };
  const segments = path.split('/').filter((s) => s !== '');
  if (segments.length < 3) return info; // /api, /apis, /apis/<group>, /version, /healthz ... are non-resource

  let cur = segments;
  const prefix = cur[0] ?? '';
  if (prefix !== 'api' && prefix !== 'apis') return info;
  info.apiPrefix = prefix;
  cur = cur.slice(1);
  if (prefix === 'apis') {
    if (cur.length < 3) return info; // /apis/<group>/<version> is discovery
    info.apiGroup = cur[0] ?? '';
    cur = cur.slice(1);
  }
  info.apiVersion = cur[0] ?? '';
  cur = cur.slice(1);
  if (cur.length === 0) return info; // /api/v1 is discovery

  info.isResourceRequest = true;
  switch (method.toUpperCase()) {
    case 'POST': info.verb = 'create'; break;
    case 'GET': case 'HEAD': info.verb = 'get'; break;
    case 'PUT': info.verb = 'update'; break;
    case 'PATCH': info.verb = 'patch'; break;
    case 'DELETE': info.verb = 'delete'; break;
    default: info.verb = ''; break;
  }

  // The legacy /watch/ path prefix.
  if (cur[0] === 'watch') {
    if (info.verb === 'get') info.verb = 'watch';
    cur = cur.slice(1);
  }

  if (cur[0] === 'namespaces') {
    if (cur.length > 1) {
      info.namespace = cur[1] ?? '';
      if (cur.length > 2 && !namespaceSubresources.has(cur[2] ?? '')) cur = cur.slice(2);
    }
  }

  info.parts = cur;
  if (cur.length >= 3) info.subresource = cur[2] ?? '';
  if (cur.length >= 2) info.name = cur[1] ?? '';
  if (cur.length >= 1) info.resource = cur[0] ?? '';

  // A collection GET is a list, or a watch when asked with ?watch=true.
  if (info.name === '' && info.verb === 'get') {
    info.verb = isTrue(query.get('watch')) ? 'watch' : 'list';
  } else if (info.verb === 'get' && isTrue(query.get('watch'))) {
    info.verb = 'watch';
  }
  if (info.name === '' && info.verb === 'delete') info.verb = 'deletecollection';
  return info;
}

function isTrue(v: string | null): boolean {
  return v === 'true' || v === '1';
}

export interface URLSearchParamsLike {
  get(name: string): string | null;
  getAll(name: string): string[];
  has(name: string): boolean;
}

/** A minimal URLSearchParams for the engine (whose lib has no DOM/URL types). */
export class Query implements URLSearchParamsLike {
  private readonly map = new Map<string, string[]>();
  constructor(search = '') {
    const s = search.startsWith('?') ? search.slice(1) : search;
    if (s === '') return;
    for (const pair of s.split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const k = decode(eq < 0 ? pair : pair.slice(0, eq));
      const v = eq < 0 ? '' : decode(pair.slice(eq + 1));
      const list = this.map.get(k);
      if (list) list.push(v);
      else this.map.set(k, [v]);
    }
  }
  static from(record: Record<string, string | undefined>): Query {
    const q = new Query();
    for (const [k, v] of Object.entries(record)) if (v !== undefined) q.map.set(k, [v]);
    return q;
  }
  get(name: string): string | null {
    return this.map.get(name)?.[0] ?? null;
  }
  getAll(name: string): string[] {
    return this.map.get(name) ?? [];
  }
  has(name: string): boolean {
    return this.map.has(name);
  }
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
