// `etcdctl` (v3.5) on the control-plane node, reading the engine's etcd directly as etcdctl talks to etcd, not
// through kube-apiserver. `get KEY [RANGE_END] [--prefix] [--keys-only] [--print-value-only] [--rev N] [--limit N]
// [--count-only] [-w simple|json]` and `version`; connection flags (--endpoints, --cacert, --cert, --key) are
// accepted and ignored. models etcdctl/ctlv3/command/get_command.go, printer_simple.go and printer_json.go.
// Differs from a real cluster: kube-apiserver stores core kinds in etcd as protobuf (values start with
// "k8s\x00" followed by binary), JSON only for custom resources; this engine's store holds JSON for every kind,
// so `etcdctl get` prints readable JSON where a real cluster prints mostly binary.
import type { Etcd, KeyValue, RangeOptions } from '../etcd/Etcd.ts';
import { EtcdError } from '../etcd/Etcd.ts';
import { formatGet } from '../etcd/etcdctl.ts';
import { base64Encode } from '../util/base64.ts';
import { flagBool, flagString, parseFlags, type FlagSpec } from './flags.ts';
import type { Output } from './output.ts';

export const ETCD_VERSION = '3.5.16';

/** The IDs a single-member etcd named "default" reports (its well-known default cluster and member IDs). */
const CLUSTER_ID = '14841639068965178418';
const MEMBER_ID = '10276657743932975437';
const RAFT_TERM = 2;

const GLOBAL: FlagSpec[] = [
  { name: 'endpoints', type: 'string' },
  { name: 'cacert', type: 'string' },
  { name: 'cert', type: 'string' },
  { name: 'key', type: 'string' },
  { name: 'user', type: 'string' },
  { name: 'command-timeout', type: 'string' },
  { name: 'write-out', short: 'w', type: 'string' },
  { name: 'hex', type: 'bool' },
  { name: 'help', short: 'h', type: 'bool' },
];

const GET: FlagSpec[] = [
  { name: 'prefix', type: 'bool' },
  { name: 'keys-only', type: 'bool' },
  { name: 'print-value-only', type: 'bool' },
  { name: 'count-only', type: 'bool' },
  { name: 'rev', type: 'string' },
  { name: 'limit', type: 'string' },
  { name: 'from-key', type: 'bool' },
];

const HELP = `NAME:
\tetcdctl - A simple command line client for etcd3.

USAGE:
\tetcdctl [flags]

VERSION:
\t${ETCD_VERSION}

API VERSION:
\t3.5

COMMANDS (in this terminal):
\tget\t\t\tGets the key or a range of keys
\tversion\t\t\tPrints the version of etcdctl
`;

export function runEtcdctl(etcd: Etcd, argv: readonly string[], out: Output): number {
  // The command is the first word that is neither a flag nor the value of a global flag (`--endpoints x get k`).
  let commandIndex = -1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith('-')) { commandIndex = i; break; }
    const spec = GLOBAL.find((g) => a === `--${g.name}` || (g.short !== undefined && a === `-${g.short}`));
    if (spec && spec.type !== 'bool') i++;
  }
  const command = commandIndex < 0 ? undefined : argv[commandIndex];
  if (command === undefined) {
    out.out(HELP);
    return 0;
  }
  const args = [...argv.slice(0, commandIndex), ...argv.slice(commandIndex + 1)];
  switch (command) {
    case 'version':
      out.out(`etcdctl version: ${ETCD_VERSION}\nAPI version: 3.5`);
      return 0;
    case 'get':
      return get(etcd, args, out);
    case 'put': case 'del': case 'txn': case 'compaction': case 'defrag': case 'endpoint': case 'member': case 'watch':
    case 'snapshot': case 'lease': case 'alarm': case 'auth': case 'user': case 'role': case 'elect': case 'lock':
    case 'move-leader': case 'make-mirror': case 'check': case 'downgrade':
      out.err(`Error: "etcdctl ${command}" is not supported in this terminal (it runs: etcdctl get, etcdctl version)`);
      return 1;
    default:
      out.err(`Error: unknown command "${command}" for "etcdctl"\nRun 'etcdctl --help' for usage.`);
      return 1;
  }
}

function get(etcd: Etcd, argv: readonly string[], out: Output): number {
  const parsed = parseFlags(argv, [...GLOBAL, ...GET]);
  if (!parsed.ok) {
    out.err(`Error: ${parsed.error}`);
    return 1;
  }
  const f = parsed.flags;
  const [key, rangeEnd, ...extra] = f.args;
  if (key === undefined || extra.length > 0) {
    out.err('Error: get command needs one argument as key and an optional argument as range_end');
    return 1;
  }
  const format = flagString(f, 'write-out') ?? 'simple';
  if (format !== 'simple' && format !== 'json') {
    out.err(`Error: "${format}" output is not supported in this terminal (simple, json)`);
    return 1;
  }
  const opts: RangeOptions = {};
  if (flagBool(f, 'prefix')) opts.prefix = true;
  else if (flagBool(f, 'from-key')) opts.rangeEnd = '\0';
  else if (rangeEnd !== undefined) opts.rangeEnd = rangeEnd;
  const rev = flagString(f, 'rev');
  if (rev !== undefined) opts.revision = Number(rev);
  const limit = flagString(f, 'limit');
  if (limit !== undefined) opts.limit = Number(limit);
  if (flagBool(f, 'keys-only')) opts.keysOnly = true;
  if (flagBool(f, 'count-only')) opts.countOnly = true;
  let result;
  try {
    result = etcd.range(key, opts);
  } catch (e) {
    if (e instanceof EtcdError) {
      out.err(`Error: etcdserver: ${e.message}`);
      return 1;
    }
    throw e;
  }
  if (format === 'json') {
    out.out(rangeJson(result.kvs, result.count, result.more, result.revision));
    return 0;
  }
  if (opts.countOnly) {
    out.out(String(result.count));
    return 0;
  }
  const printValueOnly = flagBool(f, 'print-value-only');
  out.out(formatGet(result.kvs, { keysOnly: opts.keysOnly === true, printValueOnly }));
  return 0;
}

/** The RangeResponse as etcdctl -w json prints it: bytes base64, zero values omitted (gogoproto JSON tags). */
function rangeJson(kvs: readonly KeyValue[], count: number, more: boolean, revision: number): string {
  const kv = (k: KeyValue): string => {
    const parts = [`"key":"${base64Encode(k.key)}"`, `"create_revision":${k.createRevision}`, `"mod_revision":${k.modRevision}`, `"version":${k.version}`];
    if (k.value !== '') parts.push(`"value":"${base64Encode(k.value)}"`);
    return `{${parts.join(',')}}`;
  };
  const parts = [`"header":{"cluster_id":${CLUSTER_ID},"member_id":${MEMBER_ID},"revision":${revision},"raft_term":${RAFT_TERM}}`];
  if (kvs.length > 0) parts.push(`"kvs":[${kvs.map(kv).join(',')}]`);
  if (more) parts.push('"more":true');
  if (count > 0) parts.push(`"count":${count}`);
  return `{${parts.join(',')}}`;
}
