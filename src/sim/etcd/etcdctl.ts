// etcdctl v3's simple output (etcdctl/ctlv3/command/printer_simple.go Get + util.go printKV).
import type { KeyValue } from './Etcd.ts';

export interface EtcdctlGetFlags {
  /** --prefix: selects the keys only; the printing is the same. */
  prefix?: boolean;
  /** --keys-only: values are empty, so each key is followed by an empty line. */
  keysOnly?: boolean;
  /** --print-value-only: values without their keys. */
  printValueOnly?: boolean;
}

/**
 * What `etcdctl get` prints for `kvs`: per kv its key on one line (unless --print-value-only), then its
 * value on the next. With --keys-only etcd returns empty values, hence `key\n\n` per kv. Text ends with '\n'
 * unless there are no kvs (etcdctl prints nothing then).
 */
export function formatGet(kvs: readonly KeyValue[], flags: EtcdctlGetFlags = {}): string {
  let out = '';
  for (const kv of kvs) {
    if (!flags.printValueOnly) out += kv.key + '\n';
    out += (flags.keysOnly ? '' : kv.value) + '\n';
  }
  return out;
}
