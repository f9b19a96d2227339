import { describe, expect, it } from 'vitest';
import { Clock } from '../clock.ts';
import { Rng } from '../rng.ts';
import { Tracer } from '../trace/types.ts';
import { ContainerRuntime } from './ContainerRuntime.ts';
import { crictlImages, crictlPods, crictlPs, humanDuration, humanSize } from './crictl.ts';
import { ImageRegistry } from './ImageRegistry.ts';
import { catalogueImages } from './images.ts';

function runtime(): { rt: ContainerRuntime; clock: Clock } {
  const clock = new Clock();
  const rng = new Rng(1);
  const rt = new ContainerRuntime({ node: 'node-1', clock, rng, tracer: new Tracer(() => clock.now(), false), registry: new ImageRegistry(rng) });
  return { rt, clock };
}

describe('crictl v1.32 output', () => {
  it('formats sizes and ages as go-units does', () => {
    expect([humanSize(72099410), humanSize(320368), humanSize(2166802), humanSize(999), humanSize(1_234_567_890)]).toEqual(['72.1MB', '320kB', '2.17MB', '999B', '1.23GB']);
    expect([humanDuration(500), humanDuration(1000), humanDuration(42_000), humanDuration(61_000), humanDuration(30 * 60_000), humanDuration(3_600_000), humanDuration(5 * 3_600_000)])
      .toEqual(['Less than a second', '1 second', '42 seconds', 'About a minute', '30 minutes', 'About an hour', '5 hours']);
  });

  it('prints images, pods and containers in tabwriter columns (minwidth 20, padding 3)', () => {
    const { rt, clock } = runtime();
    for (const img of catalogueImages()) if (img.repo.endsWith('/pause') || img.repo.endsWith('/nginx') && img.tags.includes('latest')) rt.addImage(img, img.tags[0] ?? '');
    const sb = rt.runPodSandbox({ name: 'nginx-pod', namespace: 'default', uid: 'u1', attempt: 0 }, '10.244.1.2');
    const created = rt.createContainer(sb.id, { name: 'nginx', attempt: 0, imageSpec: 'nginx', env: new Map() });
    if (!created.ok) throw new Error(created.error);
    rt.startContainer(created.container.id);
    clock.advanceBy(42_000);
    const nginxId = (catalogueImages().find((i) => i.tags.includes('latest') && i.repo.endsWith('/nginx'))?.id ?? '').slice(7, 20);
    expect(crictlImages(rt)).toBe(
      'IMAGE                     TAG                 IMAGE ID            SIZE\n' +
      `docker.io/library/nginx   latest              ${nginxId}       72.1MB\n` +
      `registry.k8s.io/pause     3.10                ${(catalogueImages()[0]?.id ?? '').slice(7, 20)}       320kB\n`);
    expect(crictlPods(rt, clock.wallMs())).toBe(
      'POD ID              CREATED             STATE               NAME                NAMESPACE           ATTEMPT             RUNTIME\n' +
      `${sb.id.slice(0, 13)}       42 seconds ago      Ready               nginx-pod           default             0                   (default)\n`);
    expect(crictlPs(rt, clock.wallMs())).toBe(
      'CONTAINER           IMAGE               CREATED             STATE               NAME                ATTEMPT             POD ID              POD                 NAMESPACE\n' +
      `${created.container.id.slice(0, 13)}       ${nginxId}       42 seconds ago      Running             nginx               0                   ${sb.id.slice(0, 13)}       nginx-pod           default\n`);
  });

  it('fails StartContainer as runc does when argv[0] is not in the image', () => {
    const { rt } = runtime();
    const nginx = catalogueImages().find((i) => i.repo.endsWith('/nginx'));
    if (!nginx) throw new Error('no nginx');
    rt.addImage(nginx, 'latest');
    const sb = rt.runPodSandbox({ name: 'p', namespace: 'default', uid: 'u', attempt: 0 }, '10.244.1.3');
    const c = rt.createContainer(sb.id, { name: 'c', attempt: 0, imageSpec: 'nginx', command: ['nginxx'], env: new Map() });
    if (!c.ok) throw new Error(c.error);
    expect(rt.startContainer(c.container.id)).toEqual({ ok: false, error: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "nginxx": executable file not found in $PATH: unknown' });
    expect(c.container).toMatchObject({ state: 'CONTAINER_EXITED', exitCode: 128, reason: 'StartError' });
  });
});
