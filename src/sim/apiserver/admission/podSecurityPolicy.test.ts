import { describe, expect, it } from 'vitest';
import type { PodSpec } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import {
  aggregateCheckResults, evaluatePod, forbiddenDetail, forbiddenReason, levelVersionString, policyToEvaluate,
  type LevelVersion,
} from './podSecurityPolicy.ts';

const restricted: LevelVersion = { level: 'restricted', version: 'latest' };
const baseline: LevelVersion = { level: 'baseline', version: 'latest' };

function detail(lv: LevelVersion, spec: Partial<PodSpec>, meta: ObjectMeta = {}): string {
  return forbiddenDetail(aggregateCheckResults(evaluatePod(lv, meta, { containers: [], ...spec })));
}

/** The one failing check's "reason (detail)". */
const one = (spec: Partial<PodSpec>, meta: ObjectMeta = {}, lv = baseline): string => detail(lv, spec, meta);

describe('restricted, as kubectl shows it for a plain nginx pod', () => {
  it('lists the four restricted failures in upstream check order', () => {
    expect(detail(restricted, { containers: [{ name: 'nginx', image: 'nginx' }] })).toBe(
      'allowPrivilegeEscalation != false (container "nginx" must set securityContext.allowPrivilegeEscalation=false), '
      + 'unrestricted capabilities (container "nginx" must set securityContext.capabilities.drop=["ALL"]), '
      + 'runAsNonRoot != true (pod or container "nginx" must set securityContext.runAsNonRoot=true), '
      + 'seccompProfile (pod or container "nginx" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")');
  });

  it('accepts a pod that meets restricted', () => {
    const spec: Partial<PodSpec> = {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{ name: 'app', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } } }],
    };
    expect(aggregateCheckResults(evaluatePod(restricted, {}, { containers: [], ...spec })).allowed).toBe(true);
  });

  it('nginx passes baseline and privileged', () => {
    const spec = { containers: [{ name: 'nginx', image: 'nginx' }] };
    expect(evaluatePod(baseline, {}, spec).every((r) => r.allowed)).toBe(true);
    expect(evaluatePod({ level: 'privileged', version: 'latest' }, {}, spec)).toEqual([]);
  });

  it('reasons alone, as listed for existing pods', () => {
    const agg = aggregateCheckResults(evaluatePod(restricted, {}, { containers: [{ name: 'nginx' }] }));
    expect(forbiddenReason(agg)).toBe('allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile');
  });
});

describe('baseline checks, with the details of upstream check_*_test.go', () => {
  it('host namespaces', () => {
    expect(one({ hostNetwork: true, hostIPC: true, hostPID: true })).toBe('host namespaces (hostNetwork=true, hostPID=true, hostIPC=true)');
  });

  it('privileged', () => {
    expect(one({ containers: [{ name: 'a' }, { name: 'd', securityContext: { privileged: true } }, { name: 'e', securityContext: { privileged: true } }] }))
      .toBe('privileged (containers "d", "e" must not set securityContext.privileged=true)');
  });

  it('non-default capabilities', () => {
    expect(one({ containers: [
      { name: 'a', securityContext: { capabilities: { add: ['FOO', 'BAR'] } } },
      { name: 'b', securityContext: { capabilities: { add: ['BAR', 'BAZ'] } } },
    ] })).toBe('non-default capabilities (containers "a", "b" must not include "BAR", "BAZ", "FOO" in securityContext.capabilities.add)');
  });

  it('hostPath volumes', () => {
    expect(one({ volumes: [{ name: 'a', hostPath: { path: '/' } }, { name: 'b', emptyDir: {} }] })).toBe('hostPath volumes (volume "a")');
  });

  it('hostPort', () => {
    expect(one({ containers: [
      { name: 'a', ports: [{ containerPort: 1 }] },
      { name: 'b', ports: [{ containerPort: 1, hostPort: 10 }, { containerPort: 2, hostPort: 20 }] },
      { name: 'c', ports: [{ containerPort: 1, hostPort: 10 }, { containerPort: 3, hostPort: 30 }] },
    ] })).toBe('hostPort (containers "b", "c" use hostPorts 10, 20, 30)');
    expect(one({ containers: [{ name: 'b', ports: [{ containerPort: 80, hostPort: 20 }] }] })).toBe('hostPort (container "b" uses hostPort 20)');
  });

  it('AppArmor profile fields and annotations', () => {
    expect(one({ securityContext: { appArmorProfile: { type: 'Unconfined' } } }))
      .toBe('forbidden AppArmor profile (pod must not set AppArmor profile type to "Unconfined")');
    expect(one({}, { annotations: {
      'container.apparmor.security.beta.kubernetes.io/': 'bogus',
      'container.apparmor.security.beta.kubernetes.io/a': '',
      'container.apparmor.security.beta.kubernetes.io/b': 'runtime/default',
      'container.apparmor.security.beta.kubernetes.io/d': 'localhost/foo',
      'container.apparmor.security.beta.kubernetes.io/e': 'unconfined',
    } })).toBe('forbidden AppArmor profiles (annotations must not set AppArmor profile type to '
      + '"container.apparmor.security.beta.kubernetes.io/="bogus"", "container.apparmor.security.beta.kubernetes.io/e="unconfined"")');
  });

  it('SELinux options', () => {
    expect(one({
      securityContext: { seLinuxOptions: { type: 'foo', user: 'bar', role: 'baz' } },
      containers: [
        { name: 'd', securityContext: { seLinuxOptions: { type: 'container_engine_t' } } },
        { name: 'e', securityContext: { seLinuxOptions: { type: 'bar' } } },
        { name: 'f', securityContext: { seLinuxOptions: { user: 'bar' } } },
      ],
    })).toBe('seLinuxOptions (pod and containers "e", "f" set forbidden securityContext.seLinuxOptions: types "bar", "foo"; user may not be set; role may not be set)');
    expect(one({ securityContext: { seLinuxOptions: { user: 'bad' } } }))
      .toBe('seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: user may not be set)');
  });

  it('container_engine_t is allowed from policy v1.31 only', () => {
    const spec = { containers: [{ name: 'd', securityContext: { seLinuxOptions: { type: 'container_engine_t' } } }] };
    expect(detail({ level: 'baseline', version: 31 }, spec)).toBe('');
    expect(detail({ level: 'baseline', version: 30 }, spec)).toBe('seLinuxOptions (container "d" set forbidden securityContext.seLinuxOptions: type "container_engine_t")');
  });

  it('procMount', () => {
    expect(one({ containers: [
      { name: 'c', securityContext: { procMount: 'Default' } },
      { name: 'd', securityContext: { procMount: 'Unmasked' } },
      { name: 'e', securityContext: { procMount: 'other' } },
    ] })).toBe('procMount (containers "d", "e" must not set securityContext.procMount to "Unmasked", "other")');
  });

  it('seccomp (baseline forbids only explicit bad types)', () => {
    expect(one({ securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [{ name: 'a' }] }))
      .toBe('seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")');
  });

  it('sysctls, with the v1.32 safe set', () => {
    expect(one({ securityContext: { sysctls: [{ name: 'a', value: '1' }, { name: 'b', value: '1' }] } })).toBe('forbidden sysctls (a, b)');
    expect(one({ securityContext: { sysctls: [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 16777216' }] } })).toBe('');
    expect(detail({ level: 'baseline', version: 31 }, { securityContext: { sysctls: [{ name: 'net.ipv4.tcp_rmem', value: '1' }] } }))
      .toBe('forbidden sysctls (net.ipv4.tcp_rmem)');
  });

  it('hostProcess', () => {
    expect(one({ securityContext: { windowsOptions: { hostProcess: true } }, containers: [{ name: 'w', securityContext: { windowsOptions: { hostProcess: true } } }] }))
      .toBe('hostProcess (pod and container "w" must not set securityContext.windowsOptions.hostProcess=true)');
  });
});

describe('restricted-only checks', () => {
  const compliant = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
  const podOk = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };

  it('restricted volume types (hostPath is reported here, not by the baseline check)', () => {
    expect(detail(restricted, {
      securityContext: podOk,
      containers: [{ name: 'a', securityContext: compliant }],
      volumes: [{ name: 'b1', hostPath: { path: '/' } }, { name: 'b2', nfs: { server: 's', path: '/' } }, { name: 'ok', emptyDir: {} }],
    })).toBe('restricted volume types (volumes "b1", "b2" use restricted volume types "hostPath", "nfs")');
  });

  it('runAsUser=0 and explicit runAsNonRoot=false', () => {
    expect(detail(restricted, {
      securityContext: { ...podOk, runAsUser: 0 },
      containers: [{ name: 'c', securityContext: { ...compliant, runAsUser: 0, runAsNonRoot: false } }],
    })).toBe('runAsNonRoot != true (container "c" must not set securityContext.runAsNonRoot=false), runAsUser=0 (pod and container "c" must not set runAsUser=0)');
  });

  it('capabilities: drop ALL and add only NET_BIND_SERVICE', () => {
    expect(detail(restricted, {
      securityContext: podOk,
      containers: [{ name: 'a', securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['SYS_ADMIN'] } } }],
    })).toBe('unrestricted capabilities (container "a" must set securityContext.capabilities.drop=["ALL"]; container "a" must not include "SYS_ADMIN" in securityContext.capabilities.add)');
  });

  it('older policy versions skip checks that did not exist yet (capabilities from v1.22, runAsUser from v1.23)', () => {
    const spec = { securityContext: { ...podOk, runAsUser: 0 }, containers: [{ name: 'a', securityContext: { allowPrivilegeEscalation: false } }] };
    expect(detail({ level: 'restricted', version: 21 }, spec)).toBe('');
  });
});

describe('namespace labels', () => {
  it('reads levels and versions, defaulting to privileged:latest', () => {
    const { policy, errors } = policyToEvaluate({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/warn': 'baseline',
      'pod-security.kubernetes.io/warn-version': 'v1.29',
    });
    expect(errors).toEqual([]);
    expect(levelVersionString(policy.enforce)).toBe('restricted:latest');
    expect(levelVersionString(policy.warn)).toBe('baseline:v1.29');
    expect(levelVersionString(policy.audit)).toBe('privileged:latest');
  });

  it('reports bad values as field errors; enforce fails closed, warn and audit fail open', () => {
    const { policy, errors } = policyToEvaluate({
      'pod-security.kubernetes.io/enforce': 'strict',
      'pod-security.kubernetes.io/audit': 'nope',
      'pod-security.kubernetes.io/enforce-version': '1.29',
    });
    expect(errors.map(String)).toEqual([
      'metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted',
      'metadata.labels[pod-security.kubernetes.io/enforce-version]: Invalid value: "1.29": must be "latest" or "v1.x"',
      'metadata.labels[pod-security.kubernetes.io/audit]: Invalid value: "nope": must be one of privileged, baseline, restricted',
    ]);
    expect(levelVersionString(policy.enforce)).toBe('restricted:latest');
    expect(policy.audit.level).toBe('privileged');
  });
});
