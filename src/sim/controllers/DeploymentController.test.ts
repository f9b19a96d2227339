import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { RES } from '../client/paths.ts';
import { eventsFor, finishTerminating, newCluster, pods, runPods, settle, type Cluster } from './testing.ts';

function createDeployment(c: Cluster, name: string, replicas: number, extra: Record<string, unknown> = {}): void {
  c.admin.create(RES.deployments, 'default', {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, labels: { app: name } },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } }, ...extra },
  });
}

const replicaSets = (c: Cluster): ReplicaSet[] => c.admin.list<KubeObject>(RES.replicasets, 'default').items as ReplicaSet[];
const deployment = (c: Cluster, name: string): Deployment => c.admin.get<KubeObject>(RES.deployments, 'default', name) as Deployment;
const scalingEvents = (c: Cluster, name: string): string[] => eventsFor(c, 'default', 'Deployment', name).filter((e) => e.startsWith('ScalingReplicaSet'));

/** Lets the controllers react, then plays the kubelets: new pods run and become ready, deleted pods go. */
function step(c: Cluster): void {
  settle(c, 50);
  runPods(c);
  finishTerminating(c);
  settle(c, 50);
}

describe('DeploymentController', () => {
  const opts = { controllers: ['deployment-controller', 'replicaset-controller'] as const };

  it('creates a ReplicaSet named by the pod-template-hash, with the revision annotations', () => {
    const c = newCluster({ controllers: [...opts.controllers] });
    createDeployment(c, 'web', 3);
    settle(c, 100);
    const [rs] = replicaSets(c);
    const hash = rs?.metadata?.labels?.['pod-template-hash'] ?? '';
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(rs?.metadata?.name).toBe(`web-${hash}`);
    expect(rs?.spec?.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs?.spec?.template?.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    // maxSurge 25% of 3 rounds up to 1: max-replicas 4.
    expect(rs?.metadata?.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4',
    });
    expect(rs?.metadata?.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: deployment(c, 'web').metadata?.uid, controller: true, blockOwnerDeletion: true }]);
    expect(pods(c).map((p) => p.metadata?.generateName)).toEqual([`web-${hash}-`, `web-${hash}-`, `web-${hash}-`]);
    expect(scalingEvents(c, 'web')).toEqual([`ScalingReplicaSet: Scaled up replica set web-${hash} from 0 to 3`]);
    expect(deployment(c, 'web').metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
  });

  it('reports status and the Available/Progressing conditions with upstream texts', () => {
    const c = newCluster({ controllers: [...opts.controllers] });
    createDeployment(c, 'web', 3);
    settle(c, 100);
    let d = deployment(c, 'web');
    expect(d.status?.conditions?.map((x) => [x.type, x.status, x.reason])).toEqual([
      ['Available', 'False', 'MinimumReplicasUnavailable'], ['Progressing', 'True', 'ReplicaSetUpdated'],
    ]);
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, unavailableReplicas: 3 });
    const rsName = replicaSets(c)[0]?.metadata?.name ?? '';
    expect(d.status?.conditions?.[1]?.message).toBe(`ReplicaSet "${rsName}" is progressing.`);
    expect(d.status?.conditions?.[0]?.message).toBe('Deployment does not have minimum availability.');
    runPods(c);
    settle(c, 100);
    d = deployment(c, 'web');
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(d.status?.unavailableReplicas).toBeUndefined();
    expect(d.status?.conditions?.map((x) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`],
    ]);
  });

  it('scales through deployments/scale as kubectl scale does', () => {
    const c = newCluster({ controllers: [...opts.controllers] });
    createDeployment(c, 'web', 3);
    step(c);
    c.admin.patch(RES.deployments, 'default', 'web', 'merge', { spec: { replicas: 5 } }, 'scale');
    step(c);
    c.admin.patch(RES.deployments, 'default', 'web', 'merge', { spec: { replicas: 2 } }, 'scale');
    step(c);
    const rs = replicaSets(c)[0]?.metadata?.name ?? '';
    expect(scalingEvents(c, 'web')).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${rs} from 0 to 3`,
      `ScalingReplicaSet: Scaled up replica set ${rs} from 3 to 5`,
      `ScalingReplicaSet: Scaled down replica set ${rs} from 5 to 2`,
    ]);
    expect(pods(c)).toHaveLength(2);
    expect(replicaSets(c)[0]?.metadata?.annotations?.['deployment.kubernetes.io/desired-replicas']).toBe('2');
  });

  it('rolls out a new image within maxSurge and maxUnavailable', () => {
    const c = newCluster({ controllers: [...opts.controllers] });
    createDeployment(c, 'web', 4);
    step(c);
    const oldRS = replicaSets(c)[0]?.metadata?.name ?? '';
    // kubectl set image sends a strategic merge patch of the container's image.
    c.admin.patch(RES.deployments, 'default', 'web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } } });
    // With 4 replicas and 25%/25%: at most 5 pods, at least 3 available, at every step.
    for (let i = 0; i < 12; i++) {
      settle(c, 50);
      const rss = replicaSets(c);
      expect(rss.reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0)).toBeLessThanOrEqual(5);
      expect(rss.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0)).toBeGreaterThanOrEqual(3);
      runPods(c);
      finishTerminating(c);
      settle(c, 50);
    }
    const newRS = replicaSets(c).find((r) => r.metadata?.name !== oldRS);
    const n = newRS?.metadata?.name ?? '';
    expect(scalingEvents(c, 'web')).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${oldRS} from 0 to 4`,
      `ScalingReplicaSet: Scaled up replica set ${n} from 0 to 1`,
      `ScalingReplicaSet: Scaled down replica set ${oldRS} from 4 to 3`,
      `ScalingReplicaSet: Scaled up replica set ${n} from 1 to 2`,
      `ScalingReplicaSet: Scaled down replica set ${oldRS} from 3 to 1`,
      `ScalingReplicaSet: Scaled up replica set ${n} from 2 to 4`,
      `ScalingReplicaSet: Scaled down replica set ${oldRS} from 1 to 0`,
    ]);
    expect(newRS?.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    const d = deployment(c, 'web');
    expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(d.status).toMatchObject({ replicas: 4, updatedReplicas: 4, availableReplicas: 4 });
    expect(pods(c).every((p) => p.metadata?.labels?.['pod-template-hash'] === newRS?.metadata?.labels?.['pod-template-hash'])).toBe(true);
  });

  it('Recreate scales the old ReplicaSet to zero and waits for its pods before creating the new one', () => {
    const c = newCluster({ controllers: [...opts.controllers] });
    createDeployment(c, 'web', 2, { strategy: { type: 'Recreate' } });
    step(c);
    const oldRS = replicaSets(c)[0]?.metadata?.name ?? '';
    c.admin.patch(RES.deployments, 'default', 'web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } } });
    settle(c, 100);
    expect(replicaSets(c)).toHaveLength(1);
    expect(pods(c).every((p) => p.metadata?.deletionTimestamp)).toBe(true);
    finishTerminating(c);
    settle(c, 100);
    expect(replicaSets(c)).toHaveLength(2);
    const n = replicaSets(c).find((r) => r.metadata?.name !== oldRS)?.metadata?.name ?? '';
    expect(scalingEvents(c, 'web')).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${oldRS} from 0 to 2`,
      `ScalingReplicaSet: Scaled down replica set ${oldRS} from 2 to 0`,
      `ScalingReplicaSet: Scaled up replica set ${n} from 0 to 2`,
    ]);
  });

  it('keeps revisionHistoryLimit old ReplicaSets', () => {
    const c = newCluster({ controllers: [...opts.controllers] });
    createDeployment(c, 'web', 1, { revisionHistoryLimit: 1 });
    step(c);
    for (const tag of ['1.25', '1.26', '1.27']) {
      c.admin.patch(RES.deployments, 'default', 'web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'nginx', image: `nginx:${tag}` }] } } } });
      for (let i = 0; i < 6; i++) step(c);
    }
    const rss = replicaSets(c);
    expect(rss.map((r) => r.metadata?.annotations?.['deployment.kubernetes.io/revision']).sort()).toEqual(['3', '4']);
  });
});
