// Shapes shared by every part of the engine. Objects are plain JSON, as they are in etcd and on the wire.
import type { ObjectMeta as K8sObjectMeta } from 'kubernetes-types/meta/v1';
import { jsonClone } from '../util/jsonClone.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** metav1.ObjectMeta, writable: the engine is the server and sets the system fields. */
export type ObjectMeta = Mutable<K8sObjectMeta>;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Any Kubernetes object as stored and served: apiVersion, kind, metadata, and whatever the kind adds. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

export interface GroupVersionResource {
  group: string;
  version: string;
  resource: string;
}

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** models k8s.io/apiserver/pkg/authentication/user.Info */
export interface UserInfo {
  name: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** "apps/v1" → {group:"apps",version:"v1"}; "v1" → {group:"",version:"v1"}. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function apiVersionOf(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}

/** The "resource.group" form Kubernetes uses in messages: "pods", "deployments.apps". */
export function qualifiedResource(group: string, resource: string): string {
  return group === '' ? resource : `${resource}.${group}`;
}

/** A deep copy of a JSON value (objects here are always plain JSON). */
export function deepClone<T>(value: T): T {
  // jsonClone gives JSON.parse(JSON.stringify(value)) exactly, without producing the text.
  return value === undefined ? value : jsonClone(value);
}
