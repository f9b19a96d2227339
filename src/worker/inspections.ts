// What the inspectors show that is not in the trace itself: `kubectl get events`, `kubectl get -o yaml`, and the
// object as each mutating admission plugin saw and left it. Pure functions over engine data, tested in Node.
import type { Json, KubeObject } from '../sim/api/types.ts';
import { parseApiVersion } from '../sim/api/types.ts';
import { applyDefaults } from '../sim/apiserver/defaults/defaults.ts';
import { applyJsonPatch } from '../sim/apiserver/patch/jsonPatch.ts';
import { applyMergePatch } from '../sim/apiserver/patch/jsonMergePatch.ts';
import { applyStrategicMergePatch } from '../sim/apiserver/patch/strategicMergePatch.ts';
import { renderTable } from '../sim/apiserver/printers/kubectlPrint.ts';
import { printTable } from '../sim/apiserver/printers/table.ts';
import { toGoYaml } from '../sim/kubectl/goYaml.ts';
import type { TraceEvent } from '../sim/trace/types.ts';
import type { AdmissionStep } from './protocol.ts';

/**
 * What `kubectl get events` prints in `namespace` (or with `-A`): LAST SEEN, TYPE, REASON, OBJECT, MESSAGE, in
 * the order the server lists them (by name, which for one object is by time), or kubectl's "No resources" line.
 */
export function kubectlGetEvents(events: readonly KubeObject[], nowMs: number, namespace: string | null): string {
  const shown = namespace === null ? events : events.filter((e) => e.metadata?.namespace === namespace);
  if (shown.length === 0) return namespace === null ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`;
  const table = printTable('', 'events', shown, { nowMs, includeObject: 'Metadata' });
  return renderTable(table, { wide: false, showNamespace: namespace === null });
}

/** An object as `kubectl get -o yaml` prints it: resourceVersion from etcd's mod revision, managedFields hidden. */
export function kubectlGetYaml(value: string, modRevision: number): string {
  const obj = JSON.parse(value) as KubeObject;
  const metadata = { ...(obj.metadata ?? {}), resourceVersion: String(modRevision) };
  delete (metadata as { managedFields?: unknown }).managedFields;
  return toGoYaml({ ...obj, metadata } as unknown as Json);
}

/** A request as the host saw it reach kube-apiserver. */
export interface SeenRequest {
  method: string;
  contentType: string;
  body: string;
}

/**
 * The object entering mutating admission for a create, update or patch, rebuilt as the apiserver builds it: the
 * decoded body (or the live object with the patch applied), the namespace from the URL, and the scheme defaults.
 * `live` is the stored object before the write; `name` the object's final name (generateName resolved).
 */
export function admissionInput(req: SeenRequest, live: KubeObject | undefined, namespace: string, name: string): KubeObject | undefined {
  let obj: KubeObject;
  try {
    const body = JSON.parse(req.body) as Json;
    if (req.method === 'PATCH') {
      if (!live) return undefined;
      const gv = parseApiVersion(live.apiVersion ?? 'v1');
      const patched = req.contentType.startsWith('application/json-patch+json') ? applyJsonPatch(live as unknown as Json, body)
        : req.contentType.startsWith('application/merge-patch+json') ? applyMergePatch(live as unknown as Json, body)
          : applyStrategicMergePatch(live as unknown as Json, body, { group: gv.group, version: gv.version, kind: live.kind ?? '' });
      obj = patched as unknown as KubeObject;
    } else {
      obj = body as unknown as KubeObject;
    }
  } catch {
    return undefined;
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return undefined;
  const metadata = { ...(obj.metadata ?? {}) };
  if (namespace) metadata.namespace = namespace;
  if (!metadata.name) metadata.name = name;
  obj = { ...obj, metadata };
  const { group, version } = parseApiVersion(obj.apiVersion ?? 'v1');
  applyDefaults(group, version, obj.kind ?? '', obj);
  return obj;
}

/** Each admission plugin of one request with the object before and after it, as YAML (equal when it changed nothing). */
export function admissionSteps(input: KubeObject | undefined, events: readonly TraceEvent[]): AdmissionStep[] {
  let current: Json | undefined = input as unknown as Json | undefined;
  const out: AdmissionStep[] = [];
  for (const e of events) {
    if (e.type !== 'admission') continue;
    const before = current === undefined ? null : toGoYaml(current);
    if (current !== undefined && e.phase === 'mutating' && e.patch.length > 0) {
      try {
        current = applyJsonPatch(current, e.patch as unknown as Json);
      } catch {
        current = undefined;
      }
    }
    out.push({ seq: e.seq, plugin: e.plugin, phase: e.phase, before, after: current === undefined ? null : toGoYaml(current) });
  }
  return out;
}
