import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { Date_UTC, formatRfc3339 } from '../../clock.ts';
import { printPod } from './printPod.ts';

const NOW = Date_UTC(2026, 0, 15, 9, 0, 0);
const ago = (ms: number): string => formatRfc3339(NOW - ms);
const MIN = 60_000;

function pod(overrides: { spec?: Partial<Pod['spec']>; status?: Pod['status']; metadata?: Pod['metadata'] } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'nginx-pod', namespace: 'default', creationTimestamp: ago(5 * MIN), ...overrides.metadata },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }], ...overrides.spec },
    status: overrides.status ?? { phase: 'Pending' },
  };
}

const running = (name = 'nginx', extra: Partial<ContainerStatus> = {}): ContainerStatus => ({
  name,
  image: 'nginx:1.27',
  imageID: '',
  ready: true,
  restartCount: 0,
  started: true,
  state: { running: { startedAt: ago(4 * MIN) } },
  ...extra,
});
const waiting = (reason: string, extra: Partial<ContainerStatus> = {}): ContainerStatus => ({
  name: 'nginx',
  image: 'nginx:1.27',
  imageID: '',
  ready: false,
  restartCount: 0,
  state: { waiting: { reason } },
  ...extra,
});
const terminated = (exitCode: number, reason?: string, extra: Partial<ContainerStatus> = {}): ContainerStatus => ({
  name: 'nginx',
  image: 'nginx:1.27',
  imageID: '',
  ready: false,
  restartCount: 0,
  state: { terminated: { exitCode, ...(reason ? { reason } : {}) } },
  ...extra,
});

const cells = (p: Pod): unknown[] => printPod(p, NOW).cells;
const status = (p: Pod): unknown => printPod(p, NOW).cells[2];

describe('printPod (pkg/printers/internalversion/printers.go)', () => {
  it('prints a running pod as kubectl get pods shows it, wide cells included', () => {
    const p = pod({
      spec: { nodeName: 'node-1' },
      status: { phase: 'Running', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }], containerStatuses: [running()] },
    });
    expect(cells(p)).toEqual(['nginx-pod', '1/1', 'Running', '0', '5m', '10.244.1.5', 'node-1', '<none>', '<none>']);
  });

  it('prints a fresh pod: phase Pending, no IP, no node', () => {
    expect(cells(pod())).toEqual(['nginx-pod', '0/1', 'Pending', '0', '5m', '<none>', '<none>', '<none>', '<none>']);
  });

  it('takes the IP from status.podIPs, not status.podIP', () => {
    expect(cells(pod({ status: { phase: 'Running', podIP: '10.0.0.9' } }))[5]).toBe('<none>');
  });

  it.each(['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff', 'CrashLoopBackOff', 'CreateContainerConfigError'])(
    'shows the waiting reason %s',
    (reason) => {
      expect(status(pod({ status: { phase: 'Pending', containerStatuses: [waiting(reason)] } }))).toBe(reason);
    },
  );

  it('shows restarts with the time since the last termination: "3 (45s ago)"', () => {
    const p = pod({
      status: {
        phase: 'Running',
        containerStatuses: [
          waiting('CrashLoopBackOff', {
            restartCount: 3,
            lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(45_000) } },
          }),
        ],
      },
    });
    expect(cells(p).slice(1, 4)).toEqual(['0/1', 'CrashLoopBackOff', '3 (45s ago)']);
  });

  it('shows a bare restart count when no termination time is known', () => {
    const p = pod({ status: { phase: 'Running', containerStatuses: [running('nginx', { restartCount: 2 })] } });
    expect(cells(p)[3]).toBe('2');
  });

  it('shows Completed and Error from terminated reasons, with the Completed row condition', () => {
    const done = printPod(pod({ status: { phase: 'Succeeded', containerStatuses: [terminated(0, 'Completed')] } }), NOW);
    expect(done.cells.slice(1, 3)).toEqual(['0/1', 'Completed']);
    expect(done.conditions).toEqual([
      { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
    ]);
    const failed = printPod(pod({ status: { phase: 'Failed', containerStatuses: [terminated(1, 'Error')] } }), NOW);
    expect(failed.cells[2]).toBe('Error');
    expect(failed.conditions).toEqual([{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }]);
    expect(printPod(pod({ status: { phase: 'Running' } }), NOW).conditions).toBeUndefined();
  });

  it('falls back to ExitCode:N and Signal:N when a terminated state has no reason', () => {
    expect(status(pod({ status: { phase: 'Failed', containerStatuses: [terminated(137)] } }))).toBe('ExitCode:137');
    const signalled = terminated(0);
    signalled.state = { terminated: { exitCode: 0, signal: 9 } };
    expect(status(pod({ status: { phase: 'Failed', containerStatuses: [signalled] } }))).toBe('Signal:9');
  });

  it('prefers the first container: statuses are walked from last to first', () => {
    const p = pod({
      spec: { containers: [{ name: 'a' }, { name: 'b' }] },
      status: {
        phase: 'Pending',
        containerStatuses: [waiting('ErrImagePull', { name: 'a' }), waiting('ContainerCreating', { name: 'b' })],
      },
    });
    expect(cells(p).slice(1, 3)).toEqual(['0/2', 'ErrImagePull']);
  });

  it('turns Completed back into Running (Ready condition) or NotReady when another container still runs', () => {
    const statuses = [terminated(0, 'Completed', { name: 'job' }), running('server')];
    const spec = { containers: [{ name: 'job' }, { name: 'server' }] };
    expect(cells(pod({ spec, status: { phase: 'Running', containerStatuses: statuses } })).slice(1, 3)).toEqual([
      '1/2',
      'NotReady',
    ]);
    const ready = pod({
      spec,
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: statuses },
    });
    expect(status(ready)).toBe('Running');
  });

  describe('init containers', () => {
    const spec = { initContainers: [{ name: 'init' }] };
    const init = (s: ContainerStatus): ContainerStatus => ({ ...s, name: 'init' });

    it('shows Init:0/1 while the first init container runs or waits to initialize', () => {
      expect(status(pod({ spec, status: { phase: 'Pending', initContainerStatuses: [init(running())] } }))).toBe('Init:0/1');
      const p = pod({ spec, status: { phase: 'Pending', initContainerStatuses: [init(waiting('PodInitializing'))] } });
      expect(status(p)).toBe('Init:0/1');
    });

    it('counts finished init containers: Init:1/2', () => {
      const two = { initContainers: [{ name: 'init' }, { name: 'init2' }] };
      const p = pod({
        spec: two,
        status: { phase: 'Pending', initContainerStatuses: [init(terminated(0, 'Completed')), { ...running(), name: 'init2' }] },
      });
      expect(status(p)).toBe('Init:1/2');
    });

    it('prefixes init container waiting and terminated reasons with Init:', () => {
      const pull = pod({ spec, status: { phase: 'Pending', initContainerStatuses: [init(waiting('ErrImagePull'))] } });
      expect(status(pull)).toBe('Init:ErrImagePull');
      const crash = pod({ spec, status: { phase: 'Pending', initContainerStatuses: [init(waiting('CrashLoopBackOff'))] } });
      expect(status(crash)).toBe('Init:CrashLoopBackOff');
      const error = pod({ spec, status: { phase: 'Pending', initContainerStatuses: [init(terminated(1, 'Error'))] } });
      expect(status(error)).toBe('Init:Error');
      const bare = pod({ spec, status: { phase: 'Pending', initContainerStatuses: [init(terminated(2))] } });
      expect(status(bare)).toBe('Init:ExitCode:2');
    });

    it('shows PodInitializing once init containers are done and the main container waits', () => {
      const p = pod({
        spec,
        status: {
          phase: 'Pending',
          initContainerStatuses: [init(terminated(0, 'Completed'))],
          containerStatuses: [waiting('PodInitializing')],
        },
      });
      expect(cells(p).slice(1, 3)).toEqual(['0/1', 'PodInitializing']);
    });

    it('counts init container restarts only while initializing', () => {
      const crashing = init(
        waiting('CrashLoopBackOff', { restartCount: 4, lastState: { terminated: { exitCode: 1, finishedAt: ago(2 * MIN) } } }),
      );
      expect(cells(pod({ spec, status: { phase: 'Pending', initContainerStatuses: [crashing] } })).slice(2, 4)).toEqual([
        'Init:CrashLoopBackOff',
        '4 (2m ago)',
      ]);
      const done = init(terminated(0, 'Completed', { restartCount: 4 }));
      const p = pod({ spec, status: { phase: 'Running', initContainerStatuses: [done], containerStatuses: [running()] } });
      expect(cells(p).slice(1, 4)).toEqual(['1/1', 'Running', '0']);
    });

    it('counts a started sidecar (restartPolicy: Always) as a ready container', () => {
      const p = pod({
        spec: { initContainers: [{ name: 'sidecar', restartPolicy: 'Always' }] },
        status: {
          phase: 'Running',
          initContainerStatuses: [{ ...running(), name: 'sidecar', restartCount: 1 }],
          containerStatuses: [running()],
        },
      });
      expect(cells(p).slice(1, 4)).toEqual(['2/2', 'Running', '1']);
    });
  });

  it('shows Terminating once deletionTimestamp is set, unless the pod already finished', () => {
    const metadata = { name: 'nginx-pod', creationTimestamp: ago(5 * MIN), deletionTimestamp: ago(-30_000) };
    expect(status(pod({ metadata, status: { phase: 'Running', containerStatuses: [running()] } }))).toBe('Terminating');
    expect(status(pod({ metadata, status: { phase: 'Succeeded', containerStatuses: [terminated(0, 'Completed')] } }))).toBe(
      'Completed',
    );
  });

  it('shows Unknown for a deleted pod on a lost node (reason NodeLost)', () => {
    const metadata = { name: 'nginx-pod', creationTimestamp: ago(5 * MIN), deletionTimestamp: ago(0) };
    expect(status(pod({ metadata, status: { phase: 'Running', reason: 'NodeLost' } }))).toBe('Unknown');
  });

  it('shows status.reason (e.g. Evicted) and SchedulingGated', () => {
    expect(status(pod({ status: { phase: 'Failed', reason: 'Evicted' } }))).toBe('Evicted');
    const gated = pod({
      status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] },
    });
    expect(status(gated)).toBe('SchedulingGated');
  });

  it('prints readiness gates as true/total and the nominated node', () => {
    const p = pod({
      spec: { readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }] },
      status: {
        phase: 'Pending',
        nominatedNodeName: 'node-2',
        conditions: [{ type: 'example.com/lb', status: 'True' }, { type: 'example.com/dns', status: 'False' }],
      },
    });
    expect(cells(p).slice(7)).toEqual(['node-2', '1/2']);
    const none = pod({ spec: { readinessGates: [{ conditionType: 'example.com/lb' }] } });
    expect(cells(none)[8]).toBe('0/1');
  });
});
