import { describe, expect, it } from 'vitest';
import { completions } from './shell.ts';
import { testShell } from './testing.ts';

describe('Tab completion', () => {
  it('completes commands, kubectl subcommands, types, names, namespaces, files and nodes', () => {
    const t = testShell();
    t.run('kubectl apply -f nginx-pod.yaml');
    const c = (line: string): string[] => completions(t.host, t.state, line);
    expect(c('ku')).toEqual(['kubectl']);
    expect(c('kubectl ')).toContain('get');
    expect(c('kubectl a')).toEqual(['annotate', 'api-resources', 'apply', 'auth']);
    expect(c('kubectl create ')).toEqual(['clusterrole', 'clusterrolebinding', 'deployment', 'role', 'rolebinding']);
    expect(c('kubectl create deployment web --rep')).toEqual(['--replicas']);
    expect(c('kubectl cordon node-')).toEqual(['node-1', 'node-2']);
    expect(c('kubectl label pods ng')).toEqual(['nginx-pod']);
    expect(c('kubectl scale d')).toEqual(['deployments']);
    expect(c('kubectl auth can-i --li')).toEqual(['--list']);
    expect(c('kubectl get po')).toEqual(['pods']);
    expect(c('kubectl s')).toEqual(['scale', 'set']);
    expect(c('kubectl set ')).toEqual(['image']);
    expect(c('kubectl set image d')).toEqual(['deployments']);
    expect(c('kubectl set image pods ng')).toEqual(['nginx-pod']);
    expect(c('kubectl set image pods nginx-pod ')).toEqual(['nginx=']);
    expect(c('kubectl set image pod/nginx-pod ng')).toEqual(['nginx=']);
    expect(c('kubectl set image pod/nginx-pod nginx=x --dry')).toEqual(['--dry-run']);
    expect(c('kubectl get pods ng')).toEqual(['nginx-pod']);
    expect(c('kubectl get pod/ng')).toEqual(['pod/nginx-pod']);
    expect(c('kubectl get pods -n kube-s')).toEqual(['kube-system']);
    expect(c('kubectl apply -f rb')).toEqual(['rbac.yaml']);
    expect(c('kubectl auth can-i cr')).toEqual(['create']);
    expect(c('ssh node')).toEqual(['node-1', 'node-2']);
    t.run('ssh control-plane');
    expect(c('etcdctl get /registry/r')).toEqual(['/registry/rolebindings/', '/registry/roles/']);
    expect(c('etcdctl get /registry/po')).toEqual(['/registry/pods/']);
    expect(c('etcdctl get /registry/pods/default/')).toEqual(['/registry/pods/default/nginx-pod']);
  });
});
