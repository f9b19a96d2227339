// `npm run bench`: one JSON object per line, {"name", "value", "unit"}.
import { benchEtcd } from './etcd.bench.ts';
import { benchApiserver } from './apiserver.bench.ts';

for (const r of [...(await benchEtcd()), ...benchApiserver()]) console.log(JSON.stringify(r));
