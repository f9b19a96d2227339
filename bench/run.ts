// `npm run bench`: one JSON object per line, {"name", "value", "unit"}. The script bundles this file with esbuild
// and runs it on plain Node, so the figures are those of the code as shipped (no on-the-fly transpiler).
import { benchEtcd } from './etcd.bench.ts';
import { benchApiserver } from './apiserver.bench.ts';
import { benchScheduler } from './scheduler.bench.ts';
import { benchDeployment } from './deployment.bench.ts';
import { benchUi } from './ui.bench.ts';

// Each benchmark builds its own engine; the Deployment one runs before the scheduler's, whose 5,000-node
// cluster leaves a large heap behind that would slow the next run's garbage collection.
for (const r of [...(await benchEtcd()), ...benchApiserver(), ...benchDeployment(), ...benchScheduler(), ...(await benchUi())]) console.log(JSON.stringify(r));
