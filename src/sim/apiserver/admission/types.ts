// models k8s.io/apiserver/pkg/admission: mutating plugins Admit (and may change the object);
// validating plugins Validate and are NOT allowed to mutate.
import type { GroupVersionKind, GroupVersionResource, KubeObject, UserInfo } from '../../api/types.ts';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

export interface AdmissionAttributes {
  operation: Operation;
  kind: GroupVersionKind;
  resource: GroupVersionResource;
  subresource: string;
  namespace: string;
  name: string;
  /** The incoming object; mutating plugins change it in place. Undefined for DELETE. */
  object: KubeObject | undefined;
  oldObject: KubeObject | undefined;
  userInfo: UserInfo;
  dryRun: boolean;
}

/** Read access to stored objects (what admission plugins get from their informers/listers). */
export interface ObjectReader {
  get(group: string, resource: string, namespace: string, name: string): KubeObject | undefined;
  list(group: string, resource: string, namespace: string): KubeObject[];
}

export interface AdmissionContext {
  store: ObjectReader;
  /** Adds a `Warning: 299 - "<text>"` header to the response (kubectl prints "Warning: <text>"). */
  warn(text: string): void;
  /** Records an audit annotation (PodSecurity audit mode uses this). */
  annotateAudit(key: string, value: string): void;
  /** The virtual wall time, RFC 3339. */
  now(): string;
}

interface PluginBase {
  readonly name: string;
  /** Whether the plugin looks at this request at all (admission.Handler.Handles + resource checks). */
  handles(attrs: AdmissionAttributes): boolean;
}

export interface MutatingPlugin extends PluginBase {
  /** May change attrs.object. Throws ApiError to reject. */
  admit(attrs: AdmissionAttributes, ctx: AdmissionContext): void;
}

export interface ValidatingPlugin extends PluginBase {
  /** Must not change anything. Throws ApiError to reject. */
  validate(attrs: AdmissionAttributes, ctx: AdmissionContext): void;
}
