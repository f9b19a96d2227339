// A scenario: the cluster to start from, the files a learner edits, and optional scripted steps.
// The format is versioned so that shared links keep working as it grows.
import type { KubeObject } from '../api/types.ts';

export const SCENARIO_FORMAT_VERSION = 1;

export interface ScenarioNode {
  name: string;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[];
  capacity?: { cpu?: string; memory?: string; pods?: string; 'ephemeral-storage'?: string };
  unschedulable?: boolean;
}

/** A kubeconfig user. How it authenticates decides which authenticator recognises it. */
export type ScenarioUser =
  | { name: string; kind: 'token'; token: string; groups?: string[]; description?: string }
  | { name: string; kind: 'cert'; commonName: string; organizations?: string[]; description?: string }
  | { name: string; kind: 'serviceaccount'; namespace: string; serviceAccount: string; description?: string }
  | { name: string; kind: 'anonymous'; description?: string };

export interface ScenarioFile {
  name: string;
  content: string;
}

export interface ScenarioStep {
  /** e.g. "apply", "delete" — a file applied as a user, as the editor's buttons do. */
  action: 'apply' | 'delete';
  file: string;
  user: string;
  note?: string;
}

export interface Scenario {
  version: typeof SCENARIO_FORMAT_VERSION;
  name: string;
  title: string;
  /** What the story shows, in a sentence or two (the gallery's card). */
  description?: string;
  seed: number;
  cluster: {
    nodes: ScenarioNode[];
    namespaces: string[];
    users: ScenarioUser[];
    /** Objects present before the story starts (RBAC, quotas, ...), created by the cluster's bootstrap. */
    objects: KubeObject[];
  };
  files: ScenarioFile[];
  steps?: ScenarioStep[];
}
