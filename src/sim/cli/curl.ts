// `curl URL` on the workstation: reaches the apiserver only through `kubectl proxy` on 127.0.0.1:8001, which
// forwards with the terminal user's credentials. kube-apiserver pretty-prints JSON for a User-Agent starting with
// "curl" (json.MarshalIndent, two spaces, struct field order) unless ?pretty=false — as in
// staging/src/k8s.io/apiserver/pkg/endpoints/handlers/negotiation (isPrettyPrint).
// Error texts are curl 7.88's. Simplified: the pretty body ends without a newline on a real server (the next
// prompt follows the closing brace); a line-based terminal cannot show that.
import type { Json } from '../api/types.ts';
import type { Engine } from '../Engine.ts';
import { clientFor } from './apiClient.ts';
import { flagString, flagStrings, parseFlags, type FlagSpec } from './flags.ts';
import { goJson } from '../kubectl/goJson.ts';
import type { Output } from './output.ts';

const CURL_FLAGS: FlagSpec[] = [
  { name: 'silent', short: 's', type: 'bool' },
  { name: 'insecure', short: 'k', type: 'bool' },
  { name: 'request', short: 'X', type: 'string' },
  { name: 'header', short: 'H', type: 'strings' },
  { name: 'location', short: 'L', type: 'bool' },
  { name: 'fail', short: 'f', type: 'bool' },
];

const PROXY_PORT = 8001;

export interface CurlEnv {
  engine: Engine;
  user: string;
  /** `kubectl proxy` is serving on 127.0.0.1:8001 of this host. */
  proxy: boolean;
  out: Output;
}

export function runCurl(env: CurlEnv, argv: readonly string[]): number {
  const parsed = parseFlags(argv, CURL_FLAGS);
  // -s hides curl's own error messages (not the body).
  const silent = parsed.ok && parsed.flags.values.has('silent');
  const out = { out: (t: string, span?: number) => env.out.out(t, span), err: (t: string) => { if (!silent) env.out.err(t); } };
  if (!parsed.ok) {
    out.err(`curl: option ${parsed.error.replace(/^unknown (shorthand )?flag: /, '')}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information`);
    return 2;
  }
  const url = parsed.flags.args[0];
  if (url === undefined) {
    out.err("curl: try 'curl --help' or 'curl --manual' for more information");
    return 2;
  }
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#]*)(?::(\d+))?([^?#]*)(?:\?([^#]*))?/.exec(url);
  const scheme = (m?.[1] ?? 'http').toLowerCase();
  const host = m?.[2] ?? '';
  if (scheme !== 'http' && scheme !== 'https') {
    out.err(`curl: (1) Protocol "${scheme}" not supported or disabled in libcurl`);
    return 1;
  }
  if (host === '') {
    out.err('curl: (3) URL using bad/illegal format or missing URL');
    return 3;
  }
  const port = m?.[3] !== undefined ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  const local = host === 'localhost' || host === '127.0.0.1';
  if (!local) {
    out.err(`curl: (6) Could not resolve host: ${host}`);
    return 6;
  }
  if (!env.proxy || port !== PROXY_PORT) {
    out.err(`curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server`);
    return 7;
  }
  if (scheme === 'https') {
    out.err('curl: (35) error:0A00010B:SSL routines::wrong version number');
    return 35;
  }
  const path = m?.[4] === undefined || m[4] === '' ? '/' : m[4];
  const query = m?.[5];
  const method = flagString(parsed.flags, 'request') ?? 'GET';
  let accept = '*/*';
  for (const h of flagStrings(parsed.flags, 'header')) {
    const colon = h.indexOf(':');
    if (colon > 0 && h.slice(0, colon).trim().toLowerCase() === 'accept') accept = h.slice(colon + 1).trim();
  }
  const res = clientFor(env.engine, env.user).send(method, path, { accept, ...(query !== undefined ? { rawQuery: query } : {}) });
  const prettyParam = /(?:^|&)pretty=([^&]*)/.exec(query ?? '')?.[1];
  const pretty = prettyParam === undefined || prettyParam === '' ? true : ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(prettyParam);
  if (res.code >= 400 && parsed.flags.values.has('fail')) {
    out.err(`curl: (22) The requested URL returned error: ${res.code}`);
    return 22;
  }
  const text = typeof res.body === 'string' ? res.body : goJson(structOrder(res.body as Json), { indent: pretty ? '  ' : '', sortKeys: false });
  out.out(text, res.span);
  return 0;
}

const OBJECT_META_ORDER = ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'];

function ordered(obj: { [k: string]: Json }, order: readonly string[]): { [k: string]: Json } {
  const out: { [k: string]: Json } = {};
  for (const k of order) if (k in obj) out[k] = obj[k] as Json;
  for (const k of Object.keys(obj)) if (!(k in out)) out[k] = obj[k] as Json;
  return out;
}

/**
 * Go's encoder writes struct fields in declaration order: TypeMeta (kind, apiVersion) first, then ObjectMeta's
 * fields in their order. Applied to the top level and each list item; deeper structs keep the engine's order.
 */
function structOrder(body: Json): Json {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const one = (o: { [k: string]: Json }): { [k: string]: Json } => {
    const meta = o.metadata;
    const r = ordered(o, ['kind', 'apiVersion', 'metadata']);
    if (meta !== null && typeof meta === 'object' && !Array.isArray(meta) && !Array.isArray(o.items)) r.metadata = ordered(meta, OBJECT_META_ORDER);
    return r;
  };
  const top = one(body);
  if (Array.isArray(top.items)) {
    top.items = top.items.map((i) => (i !== null && typeof i === 'object' && !Array.isArray(i) ? one(i) : i));
  }
  return top;
}
