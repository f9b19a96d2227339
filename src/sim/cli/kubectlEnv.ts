// What every kubectl subcommand runs with: the API client (user + impersonation), the namespace, the files it may
// read, and where its output goes.
import type { Engine } from '../Engine.ts';
import type { KubeClient } from './apiClient.ts';
import type { ParsedFlags } from './flags.ts';
import type { Output } from './output.ts';

export interface KubectlEnv {
  engine: Engine;
  client: KubeClient;
  /** The kubeconfig user (before impersonation). */
  user: string;
  /** `-n` or the context's namespace ("default"). */
  namespace: string;
  /** Whether `-n`/`--namespace` was given. */
  explicitNamespace: boolean;
  files: readonly { name: string; content: string }[];
  out: Output;
}

/** A kubectl subcommand: returns its exit code. */
export type KubectlCommand = (env: KubectlEnv, flags: ParsedFlags) => number;
