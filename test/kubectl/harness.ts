// Runs the real kubectl (v1.32) against the engine behind the HTTP adapter, in this process.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../src/sim/Engine.ts';
import { createAdapter, type Adapter } from '../../server/adapter.ts';

export const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';

export interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface Cluster {
  engine: Engine;
  adapter: Adapter;
  port: number;
  dir: string;
  kubectl(args: string[], opts?: { stdin?: string }): Promise<KubectlResult>;
  /** Writes a file into the test's directory and returns its path. */
  file(name: string, content: string): string;
  stop(): Promise<void>;
}

export async function startCluster(opts: { user?: string; speed?: number } = {}): Promise<Cluster> {
  if (!existsSync(KUBECTL)) throw new Error(`kubectl not found at ${KUBECTL}: these tests drive the real kubectl v1.32`);
  const engine = new Engine(undefined, { record: false, epochMs: Date.now() });
  const adapter = createAdapter({ engine, user: opts.user ?? 'kubernetes-admin', speed: opts.speed ?? 1 });
  const port = await adapter.listen(0);
  const dir = mkdtempSync(join(tmpdir(), 'kubectl-conformance-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, '');
  const kubectl = (args: string[], o: { stdin?: string } = {}): Promise<KubectlResult> =>
    new Promise((resolve) => {
      const child = execFile(KUBECTL, ['--server', `http://127.0.0.1:${port}`, '--cache-dir', join(dir, 'cache'), ...args], {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, KUBECONFIG: kubeconfig },
        timeout: 30_000,
      }, (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
        resolve({ stdout, stderr, code });
      });
      if (o.stdin !== undefined) child.stdin?.end(o.stdin);
    });
  return {
    engine, adapter, port, dir, kubectl,
    file(name, content) {
      const p = join(dir, name);
      writeFileSync(p, content);
      return p;
    },
    stop: () => adapter.close(),
  };
}

/** Splits kubectl's table output into rows of cells (columns are separated by 2+ spaces). */
export function parseTable(text: string): string[][] {
  return text.trimEnd().split('\n').map((l) => l.trim().split(/\s{2,}/));
}
