// What every kubectl subcommand runs with: the API client (user + impersonation), the namespace, the files it may
// read, and where its output goes.
import type { Engine } from '../Engine.ts';
import type { KubectlLine } from '../kubectl/kubectl.ts';
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
  /** Where a command still running (`get -w`) prints later lines; absent when the host cannot show them. */
  stream?: (lines: KubectlLine[]) => void;
  /** Called by a command that keeps running after it returns (an open watch), with how to stop it. */
  keepRunning?: (running: { stop(): void }) => void;
}

/** A kubectl subcommand: returns its exit code. */
export type KubectlCommand = (env: KubectlEnv, flags: ParsedFlags) => number;
