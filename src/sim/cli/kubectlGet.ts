// `kubectl get`: tables from the server's meta.k8s.io/v1 Table (human output, -o wide), or the objects themselves
// (-o json|yaml|name), with kubectl's grouping, separators, "No resources found" and error aggregation.
// models staging/src/k8s.io/kubectl/pkg/cmd/get/get.go (Run, printGeneric) and cli-runtime's resource builder.
import type { ApiResponse } from '../apiserver/ApiServer.ts';
import type { ResourceInfo } from '../apiserver/resources.ts';
import type { Json, KubeObject } from '../api/types.ts';
import { renderTable } from '../apiserver/printers/kubectlPrint.ts';
import type { Table } from '../apiserver/printers/types.ts';
import { toGoYaml } from '../kubectl/goYaml.ts';
import { ACCEPT_JSON, ACCEPT_TABLE, serverErrorText, statusOf } from './apiClient.ts';
import { flagBool, flagString, type FlagSpec, type ParsedFlags } from './flags.ts';
import { goJson } from '../kubectl/goJson.ts';
import type { KubectlEnv } from './kubectlEnv.ts';
import { watchGet } from './kubectlWatch.ts';
import { kindGroup, resolveResourceType, resourcePath } from './resourceTypes.ts';

export const GET_FLAGS: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'show-labels', type: 'bool' },
  { name: 'no-headers', type: 'bool' },
  { name: 'raw', type: 'string' },
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'watch-only', type: 'bool' },
  { name: 'output-watch-events', type: 'bool' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'chunk-size', type: 'string' },
];

/** kubectl v1.32's list of -o values, as its error message prints them. */
const ALLOWED_FORMATS = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

interface Target {
  info: ResourceInfo;
  name?: string;
}

/** One request's answer: a Table or an object/list, or the error line kubectl prints for it. */
interface Result {
  info: ResourceInfo;
  res: ApiResponse;
  error?: string;
}

export function kubectlGet(env: KubectlEnv, flags: ParsedFlags): number {
  const { out } = env;
  const raw = flagString(flags, 'raw');
  if (raw !== undefined) return getRaw(env, raw, flags.args);
  const watch = flagBool(flags, 'watch') || flagBool(flags, 'watch-only');
  if (flagBool(flags, 'output-watch-events') && !watch) {
    out.err('error: --output-watch-events option can only be used with --watch or --watch-only');
    return 1;
  }
  if (watch && !env.stream) {
    out.err('error: --watch is not supported in this terminal: time moves only when the explorer plays; run the command again to see changes');
    return 1;
  }
  const output = flagString(flags, 'output') ?? '';
  if (!['', 'wide', 'name', 'json', 'yaml'].includes(output)) {
    if (ALLOWED_FORMATS.split(',').includes(output.split('=')[0] ?? '')) {
      out.err(`error: -o ${output.split('=')[0] ?? ''} is not supported in this terminal (it supports -o wide, name, json and yaml)`);
    } else {
      out.err(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${ALLOWED_FORMATS}`);
    }
    return 1;
  }
  const targets = parseTargets(flags.args);
  if (typeof targets === 'string') {
    out.err(targets);
    return 1;
  }
  const allNamespaces = flagBool(flags, 'all-namespaces');
  if (watch) {
    if (output === 'json' || output === 'yaml') {
      out.err(`error: --watch with -o ${output} is not supported in this terminal (it watches with tables and -o name)`);
      return 1;
    }
    if (new Set(targets.list.map((t) => t.info)).size > 1) {
      out.err('error: you may only specify a single resource type');
      return 1;
    }
    const [target] = targets.list;
    if (!target) return 1;
    if (targets.list.length > 1) {
      // Simplified: kubectl first prints the named objects, then fails to watch them.
      out.err('error: you may only watch a single resource or type of resource at a time');
      return 1;
    }
    return watchGet(env, {
      info: target.info, ...(target.name !== undefined ? { name: target.name } : {}), allNamespaces, output,
      watchOnly: flagBool(flags, 'watch-only'), outputWatchEvents: flagBool(flags, 'output-watch-events'),
      noHeaders: flagBool(flags, 'no-headers'), showLabels: flagBool(flags, 'show-labels'),
      labelSelector: flagString(flags, 'selector'), fieldSelector: flagString(flags, 'field-selector'),
    });
  }
  const listQuery = {
    labelSelector: flagString(flags, 'selector'),
    fieldSelector: flagString(flags, 'field-selector'),
    limit: '500',
  };
  const human = output === '' || output === 'wide';
  const accept = human ? ACCEPT_TABLE : ACCEPT_JSON;
  const ignoreNotFound = flagBool(flags, 'ignore-not-found');
  const results: Result[] = [];
  for (const t of targets.list) {
    const ns = t.info.namespaced ? (allNamespaces && t.name === undefined ? '' : env.namespace) : '';
    const res = t.name === undefined
      ? env.client.send('GET', resourcePath(t.info, ns), { query: listQuery, accept })
      : env.client.send('GET', resourcePath(t.info, ns, t.name), { accept });
    if (res.code >= 400 && ignoreNotFound && res.code === 404) continue;
    results.push(res.code >= 400 ? { info: t.info, res, error: serverErrorText(res) } : { info: t.info, res });
  }
  if (human) return printHuman(env, results, { wide: output === 'wide', allNamespaces, flags, ignoreNotFound });
  return printGeneric(env, results, output, targets.singleItem);
}

function parseTargets(args: readonly string[]): { list: Target[]; singleItem: boolean } | string {
  if (args.length === 0) {
    return 'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
      'error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
      "See 'kubectl get -h' for help and examples";
  }
  const unknown = (t: string): string => `error: the server doesn't have a resource type "${t}"`;
  if (args.some((a) => a.includes('/'))) {
    const list: Target[] = [];
    for (const a of args) {
      const slash = a.indexOf('/');
      if (slash < 0) {
        return "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'";
      }
      const info = resolveResourceType(a.slice(0, slash));
      if (!info) return unknown(a.slice(0, slash));
      list.push({ info, name: a.slice(slash + 1) });
    }
    return { list, singleItem: list.length === 1 };
  }
  const [types = '', ...names] = args;
  const infos: ResourceInfo[] = [];
  for (const t of types.split(',').filter((x) => x !== '')) {
    const info = resolveResourceType(t);
    if (!info) return unknown(t);
    infos.push(info);
  }
  const list: Target[] = names.length === 0 ? infos.map((info) => ({ info })) : infos.flatMap((info) => names.map((name) => ({ info, name })));
  return { list, singleItem: infos.length === 1 && names.length === 1 };
}

function printHuman(env: KubectlEnv, results: Result[], o: { wide: boolean; allNamespaces: boolean; flags: ParsedFlags; ignoreNotFound: boolean }): number {
  const { out } = env;
  const ok = results.filter((r) => r.error === undefined);
  const withKind = new Set(ok.map((r) => `${r.info.group}/${r.info.kind}`)).size > 1;
  const noHeaders = flagBool(o.flags, 'no-headers');
  let written = false;
  let allNamespaced = !o.allNamespaces;
  // Consecutive answers for the same resource share one table, as kubectl's printer keeps one tabwriter per mapping.
  for (let i = 0; i < ok.length;) {
    const first = ok[i] as Result;
    const rows: Table['rows'] = [];
    let columns: Table['columnDefinitions'] = null;
    let span = first.res.span;
    for (; i < ok.length && (ok[i] as Result).info === first.info; i++) {
      const r = ok[i] as Result;
      allNamespaced = allNamespaced && r.info.namespaced;
      const table = r.res.body as Table;
      columns ??= table.columnDefinitions;
      rows.push(...table.rows);
      span = r.res.span;
    }
    const table: Table = { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: {}, columnDefinitions: columns, rows };
    if (withKind) prefixNames(table, kindGroup(first.info));
    const text = renderTable(table, {
      wide: o.wide, noHeaders, showNamespace: o.allNamespaces && first.info.namespaced, showLabels: flagBool(o.flags, 'show-labels'),
    });
    if (text !== '' && written && !noHeaders) out.out('\n', span);
    if (text !== '') {
      out.out(text, span);
      written = true;
    }
  }
  const errors = results.filter((r) => r.error !== undefined);
  if (!written && errors.length === 0 && !o.ignoreNotFound) {
    const span = results[results.length - 1]?.res.span;
    out.err(allNamespaced ? `No resources found in ${env.namespace} namespace.` : 'No resources found', span);
  }
  for (const e of errors) out.err(e.error as string, e.res.span, statusOf(e.res));
  return errors.length > 0 ? 1 : 0;
}

/** kubectl's decorateTable with WithKind: the name column reads "kind.group/name". */
function prefixNames(table: Table, prefix: string): void {
  const col = (table.columnDefinitions ?? []).findIndex((c) => c.format === 'name');
  if (col < 0) return;
  table.rows = table.rows.map((r) => ({ ...r, cells: r.cells.map((c, i) => (i === col ? `${prefix}/${String(c)}` : c)) }));
}

/** The object as kubectl prints it: managedFields hidden (--show-managed-fields=false). */
function forPrinting(obj: KubeObject): KubeObject {
  if (!obj.metadata?.managedFields) return obj;
  const metadata = { ...obj.metadata };
  delete metadata.managedFields;
  return { ...obj, metadata };
}

function printGeneric(env: KubectlEnv, results: Result[], output: string, singleItem: boolean): number {
  const { out } = env;
  const errors = results.filter((r) => r.error !== undefined);
  if (singleItem && errors.length > 0) {
    for (const e of errors) out.err(e.error as string, e.res.span, statusOf(e.res));
    return 1;
  }
  const items: { obj: KubeObject; info: ResourceInfo; span: number }[] = [];
  for (const r of results) {
    if (r.error !== undefined) continue;
    const body = r.res.body as KubeObject & { items?: KubeObject[] };
    if (Array.isArray(body.items)) {
      const kind = (body.kind ?? '').replace(/List$/, '');
      for (const item of body.items) items.push({ obj: forPrinting({ apiVersion: body.apiVersion ?? 'v1', kind, ...item }), info: r.info, span: r.res.span });
    } else {
      items.push({ obj: forPrinting(body), info: r.info, span: r.res.span });
    }
  }
  const span = results[results.length - 1]?.res.span;
  if (output === 'name') {
    for (const it of items) out.out(`${kindGroup(it.info)}/${it.obj.metadata?.name ?? ''}`, it.span);
  } else {
    const value: Json = singleItem && items.length === 1
      ? (items[0]?.obj as Json)
      : { apiVersion: 'v1', items: items.map((i) => i.obj as Json), kind: 'List', metadata: { resourceVersion: '' } };
    out.out(output === 'json' ? `${goJson(value, { indent: '    ', sortKeys: true })}\n` : toGoYaml(value), span);
  }
  for (const e of errors) out.err(e.error as string, e.res.span, statusOf(e.res));
  return errors.length > 0 ? 1 : 0;
}

/** `kubectl get --raw PATH`: the response body as the server sent it. */
function getRaw(env: KubectlEnv, raw: string, args: readonly string[]): number {
  if (args.length > 0) {
    env.out.err('error: arguments may not be passed when --raw is specified');
    return 1;
  }
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const res = env.client.send('GET', path, { accept: 'application/json, */*', ...(q < 0 ? {} : { rawQuery: raw.slice(q + 1) }) });
  if (res.code >= 400) {
    env.out.err(serverErrorText(res), res.span, statusOf(res));
    return 1;
  }
  env.out.out(typeof res.body === 'string' ? res.body : goJson(res.body as Json, { indent: '', sortKeys: false }), res.span);
  return 0;
}
