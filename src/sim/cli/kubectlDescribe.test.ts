import { describe, expect, it } from 'vitest';
import { rfc1123z } from './describeFormat.ts';
import { testShell } from './testing.ts';

describe('kubectl describe', () => {
  it('a running pod: kubectl v1.32 layout (two-space levels, columns aligned per block, events table aligned on its own)', () => {
    const t = testShell();
    t.run('kubectl apply -f nginx-pod.yaml');
    t.advance(30_000);
    const r = t.run('kubectl describe pod nginx-pod');
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual(['Name:             nginx-pod', 'Namespace:        default', 'Priority:         0', 'Service Account:  default']);
    expect(lines).toContain('Status:           Running');
    expect(lines).toContain('  PodReadyToStartContainers   True ');
    expect(lines).toContain('    ConfigMapOptional:       <nil>');
    expect(lines).toContain('Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s');
    expect(lines).toContain('                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s');
    const ev = lines.indexOf('Events:');
    expect(lines.slice(ev, ev + 4)).toEqual([
      'Events:',
      '  Type    Reason     Age   From               Message',
      '  ----    ------     ----  ----               -------',
      '  Normal  Scheduled  30s   default-scheduler  Successfully assigned default/nginx-pod to node-1',
    ]);
    expect(lines.slice(ev + 4, ev + 8).map((l) => l.split(/\s{2,}/)[2])).toEqual(['Pulling', 'Pulled', 'Created', 'Started']);
    // The events' lines link to the event search, the rest to the describer's GET of the pod.
    const spans = new Set(r.lines.map((l) => l.span));
    expect(spans.size).toBe(2);
  });

  it('a pod no node can hold: Node <none>, PodScheduled False, the FailedScheduling event with the FitError', () => {
    const t = testShell('kubernetes-admin', [{ name: 'big.yaml', content: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: "100"\n' }]);
    t.run('kubectl apply -f big.yaml');
    t.advance(5000);
    const out = t.run('kubectl describe po big').stdout;
    expect(out).toContain('Node:             <none>\n');
    expect(out).toContain('IP:               \nIPs:              <none>\n');
    expect(out).toContain('    Requests:\n      cpu:        100\n    Environment:  <none>\n');
    expect(out).toContain('  Warning  FailedScheduling  5s    default-scheduler  0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.');
  });

  it('NotFound, prefix matches, several pods, no pods; -n and --show-events=false', () => {
    const t = testShell();
    expect(t.run('kubectl describe pods')).toMatchObject({ exitCode: 0, stdout: '', stderr: 'No resources found in default namespace.\n' });
    t.run('kubectl apply -f nginx-pod.yaml');
    t.advance(5000);
    expect(t.run('kubectl describe pod missing')).toMatchObject({ exitCode: 1, stderr: 'Error from server (NotFound): pods "missing" not found\n' });
    // kubectl falls back to the names starting with the argument, each followed by a blank line.
    const prefix = t.run('kubectl describe pod ngi');
    expect(prefix.stdout).toBe(`${t.run('kubectl describe pod nginx-pod').stdout}\n`);
    expect(t.run('kubectl describe pods -n kube-system').stderr).toBe('No resources found in kube-system namespace.\n');
    expect(t.run('kubectl describe pod nginx-pod --show-events=false').stdout).not.toContain('Events:');
  });

  it('a node: roles, lease, conditions, capacity, its pods against allocatable, and its events', () => {
    const t = testShell();
    t.run('kubectl apply -f nginx-pod.yaml');
    t.advance(5000);
    const out = t.run('kubectl describe node node-1').stdout;
    expect(out).toMatch(/^Name: {15}node-1\nRoles: {14}<none>\n/);
    expect(out).toContain('Lease:\n  HolderIdentity:  node-1\n  AcquireTime:     <unset>\n');
    expect(out).toContain('Non-terminated Pods:          (1 in total)\n');
    expect(out).toContain('Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n  Resource           Requests  Limits\n');
    expect(out).toContain('  cpu                0 (0%)    0 (0%)\n');
  });

  it('times print as Go time.RFC1123Z', () => {
    expect(rfc1123z('2026-11-26T21:27:03Z')).toBe('Thu, 26 Nov 2026 21:27:03 +0000');
    expect(rfc1123z('1970-01-01T00:00:00Z')).toBe('Thu, 01 Jan 1970 00:00:00 +0000');
    expect(rfc1123z('2024-02-29T23:59:59Z')).toBe('Thu, 29 Feb 2024 23:59:59 +0000');
  });
});
