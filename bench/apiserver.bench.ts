// Pod creates per second through the whole chain: authentication, authorization, admission, validation, etcd.
// Once as kubernetes-admin (system:masters short-circuits authorization) and once as bob (RBAC resolves his
// RoleBinding on every request).
import { Engine } from '../src/sim/Engine.ts';

function createsPerSecond(token: string, n: number): number {
  const engine = new Engine(undefined, { record: false, components: false });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const res = engine.request({
      method: 'POST', path: '/api/v1/namespaces/default/pods', headers,
      body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `nginx-${i}` }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } }),
    });
    if (res.code !== 201) throw new Error(`create failed: ${JSON.stringify(res.body)}`);
  }
  return n / ((performance.now() - t0) / 1000);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

export function benchApiserver(): { name: string; value: number; unit: string }[] {
  const out: { name: string; value: number; unit: string }[] = [];
  for (const [who, token] of [['kubernetes-admin', 'admin-token'], ['bob via RBAC', 'bob-token']] as const) {
    const runs = [0, 1, 2].map(() => createsPerSecond(token, 5000));
    out.push({ name: `apiserver create pod as ${who} (full chain), median of 3`, value: Math.round(median(runs)), unit: 'requests/s' });
  }
  return out;
}
