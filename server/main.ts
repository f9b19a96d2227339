// `npm run apiserver`: the simulated control plane on 127.0.0.1:8001, for the real kubectl and curl.
//   kubectl --server http://127.0.0.1:8001 get pods
import { parseArgs } from 'node:util';
import { Engine } from '../src/sim/Engine.ts';
import { defaultScenario } from '../src/sim/scenario/defaultScenario.ts';
import { createAdapter } from './adapter.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8001' },
    host: { type: 'string', default: '127.0.0.1' },
    user: { type: 'string', default: 'kubernetes-admin' },
    speed: { type: 'string', default: '1' },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`Usage: npm run apiserver -- [--port 8001] [--host 127.0.0.1] [--user kubernetes-admin] [--speed 1] [--seed N]

Serves the simulated Kubernetes v1.32 API like \`kubectl proxy\`: every request is authenticated as --user
(one of the scenario's kubeconfig users); --as/--as-group impersonation is authorized by RBAC.
Users: ${defaultScenario.cluster.users.map((u) => u.name).join(', ')}`);
  process.exit(0);
}

const speed = Number(values.speed);
if (!(speed > 0)) {
  console.error(`--speed must be a positive number, got "${values.speed}"`);
  process.exit(2);
}
const scenario = values.seed ? { ...defaultScenario, seed: Number(values.seed) } : defaultScenario;
if (!scenario.cluster.users.some((u) => u.name === values.user)) {
  console.error(`unknown user "${values.user}"; the kubeconfig has: ${scenario.cluster.users.map((u) => u.name).join(', ')}`);
  process.exit(2);
}
// Timestamps start at the real time, so that kubectl's client-side ages (describe) read right at --speed 1.
const engine = new Engine(scenario, { record: false, epochMs: Date.now() });
const adapter = createAdapter({ engine, user: values.user, speed });
const port = await adapter.listen(Number(values.port), values.host);
console.log(`Starting to serve on ${values.host}:${port} as user "${values.user}" (virtual clock ${speed}× wall time)`);
const shutdown = (): void => {
  void adapter.close().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
