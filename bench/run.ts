// `npm run bench`: one JSON object per line, {"name", "value", "unit"}. The script bundles this file with esbuild
// and runs it on plain Node, so the figures are those of the code as shipped (no on-the-fly transpiler).
import { benchEtcd } from './etcd.bench.ts';
import { benchApiserver } from './apiserver.bench.ts';
import { benchScheduler } from './scheduler.bench.ts';
import { benchDeployment } from './deployment.bench.ts';
import { benchUi } from './ui.bench.ts';

for (const r of [...(await benchEtcd()), ...benchApiserver(), ...benchScheduler(), ...benchDeployment(), ...(await benchUi())]) console.log(JSON.stringify(r));
