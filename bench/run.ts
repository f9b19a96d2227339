// `npm run bench`: one JSON object per line, {"name", "value", "unit"}. The script bundles this file with esbuild
// and runs it on plain Node, so the figures are those of the code as shipped (no on-the-fly transpiler).
import { benchEtcd } from './etcd.bench.ts';
import { benchApiserver } from './apiserver.bench.ts';
import { benchScheduler } from './scheduler.bench.ts';
import { benchDeployment } from './deployment.bench.ts';
import { benchUi, type BenchResult } from './ui.bench.ts';

// Each benchmark builds its own engine; the Deployment one runs before the scheduler's, whose 5,000-node
// cluster leaves a large heap behind that would slow the next run's garbage collection.
// `npm run bench -- ui deployment` runs only the named ones (in this order); no argument runs them all.
const benches: [string, () => BenchResult[] | Promise<BenchResult[]>][] = [
  ['etcd', benchEtcd],
  ['apiserver', benchApiserver],
  ['deployment', benchDeployment],
  ['scheduler', benchScheduler],
  ['ui', benchUi],
];
const only = process.argv.slice(2);
const unknown = only.filter((n) => !benches.some(([name]) => name === n));
if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${benches.map(([n]) => n).join(', ')}`);
for (const [name, run] of benches) {
  if (only.length > 0 && !only.includes(name)) continue;
  for (const r of await run()) console.log(JSON.stringify(r));
}
