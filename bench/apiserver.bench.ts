// Pod creates per second through the whole chain: authentication, RBAC, admission, validation, etcd.
import { Engine } from '../src/sim/Engine.ts';

export function benchApiserver(): { name: string; value: number; unit: string }[] {
  const runs: number[] = [];
  for (let run = 0; run < 3; run++) {
    const engine = new Engine(undefined, { record: false });
    const headers = { authorization: 'Bearer admin-token', 'content-type': 'application/json' };
    const n = 5000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const res = engine.request({
        method: 'POST', path: '/api/v1/namespaces/default/pods', headers,
        body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `nginx-${i}` }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } }),
      });
      if (res.code !== 201) throw new Error(`create failed: ${JSON.stringify(res.body)}`);
    }
    runs.push(n / ((performance.now() - t0) / 1000));
  }
  runs.sort((a, b) => a - b);
  return [{ name: 'apiserver create pod (full chain), median of 3', value: Math.round(runs[1] ?? 0), unit: 'requests/s' }];
}
