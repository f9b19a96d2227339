// Pod and PodSpec validation, in the order kube-apiserver v1.32 checks (and so prints) them.
// models pkg/apis/core/validation/validation.go (ValidatePodCreate, ValidatePodSpec, ValidatePodUpdate,
// ValidatePodStatusUpdate, ValidatePodTemplateSpec). Feature gates as in a default v1.32 cluster:
// RelaxedEnvironmentVariableValidation on (beta), PodLevelResources/InPlacePodVerticalScaling off, privileged allowed.
import type {
  Container, ContainerPort, EnvVar, Pod, PodSpec, PodTemplateSpec, Probe, Toleration, Volume,
  NodeSelectorTerm, PodAffinityTerm, LifecycleHandler, HTTPGetAction,
} from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { field, type FieldError, FieldPath } from '../../api/field.ts';
import {
  inclusiveRangeError, isConfigMapKey, isDNS1123Label, isDNS1123Subdomain, isHTTPHeaderName, isQualifiedName,
  isValidGroupID, isValidLabelValue, isValidPortName, isValidPortNum, isValidUserID, nameIsDNSSubdomain,
} from './names.ts';
import {
  fieldImmutableErrorMsg, validateAnnotations, validateLabelName, validateLabelSelector, validateLabels,
  validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate, validateSelectorRequirement,
} from './objectMeta.ts';
import { validateContainerResourceRequirements } from './resources.ts';
import { podSpecDiff } from './podSpecDiff.ts';
import { canonicalJsonEqual, sameStructure } from '../../util/jsonEqual.ts';
import { jsonClone } from '../../util/jsonClone.ts';

const fileModeErrorMsg = 'must be a number between 0 and 0777 (octal), both inclusive';
const maxInt32 = 2147483647;

// ---- volumes ----------------------------------------------------------------------------------------------

const volumeSourceKeys = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'flocker', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc',
  'flexVolume', 'configMap', 'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk',
  'storageos', 'projected', 'scaleIO', 'csi', 'ephemeral', 'image',
] as const;

/** The field path upstream uses when reporting a second source; a few differ from the JSON name. */
const volumeForbiddenPathName: Partial<Record<(typeof volumeSourceKeys)[number], string>> = { downwardAPI: 'downwarAPI', cephfs: 'cephFS' };

function validatePathNoBacksteps(target: string, path: FieldPath): FieldError[] {
  return target.split('/').includes('..') ? [field.invalid(path, target, "must not contain '..'")] : [];
}

function validateLocalDescendingPath(target: string, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (target.startsWith('/')) errs.push(field.invalid(path, target, 'must be a relative path'));
  return errs.concat(validatePathNoBacksteps(target, path));
}

function validateLocalNonReservedPath(target: string, path: FieldPath): FieldError[] {
  const errs = validateLocalDescendingPath(target, path);
  if (target.startsWith('..') && !target.startsWith('../')) errs.push(field.invalid(path, target, "must not start with '..'"));
  return errs;
}

function validateMode(mode: number | undefined, path: FieldPath): FieldError[] {
  return mode !== undefined && (mode > 0o777 || mode < 0) ? [field.invalid(path, mode, fileModeErrorMsg)] : [];
}

function validateKeyToPath(kp: { key: string; path: string; mode?: number }, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!kp.key) errs.push(field.required(path.child('key')));
  if (!kp.path) errs.push(field.required(path.child('path')));
  errs.push(...validateLocalNonReservedPath(kp.path ?? '', path.child('path')));
  errs.push(...validateMode(kp.mode, path.child('mode')));
  return errs;
}

const validVolumeDownwardAPIFieldPaths = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];
const validEnvDownwardAPIFieldPaths = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
const validResourceFieldPaths = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];

function validateObjectFieldSelector(fs: { apiVersion?: string; fieldPath: string }, expressions: string[], path: FieldPath): FieldError[] {
  if (!fs.apiVersion) return [field.required(path.child('apiVersion'))];
  if (!fs.fieldPath) return [field.required(path.child('fieldPath'))];
  const m = /^(metadata\.(?:annotations|labels))\['(.*)'\]$/.exec(fs.fieldPath);
  if (m) {
    const sub = m[2] ?? '';
    const subject = m[1] === 'metadata.annotations' ? sub.toLowerCase() : sub;
    return isQualifiedName(subject).map((msg) => field.invalid(path, subject, msg));
  }
  if (!expressions.includes(fs.fieldPath)) {
    // Simplified: upstream first converts the path for the apiVersion and reports conversion errors separately.
    return [field.notSupported(path.child('fieldPath'), fs.fieldPath, expressions)];
  }
  return [];
}

function validateResourceFieldSelector(fs: { containerName?: string; resource: string }, path: FieldPath, volume: boolean): FieldError[] {
  if (volume && !fs.containerName) return [field.required(path.child('containerName'))];
  if (!fs.resource) return [field.required(path.child('resource'))];
  if (!validResourceFieldPaths.includes(fs.resource) && !fs.resource.startsWith('requests.hugepages-') && !fs.resource.startsWith('limits.hugepages-')) {
    return [field.notSupported(path.child('resource'), fs.resource, validResourceFieldPaths)];
  }
  return [];
}

function validateVolumeSource(vol: Volume, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  const v = vol as unknown as Record<string, unknown>;
  for (const key of volumeSourceKeys) {
    if (v[key] === undefined || v[key] === null) continue;
    if (count > 0) {
      errs.push(field.forbidden(path.child(volumeForbiddenPathName[key] ?? key), 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    const p = path.child(key);
    switch (key as string) {
      case 'emptyDir': {
        const limit = vol.emptyDir?.sizeLimit;
        if (limit !== undefined && String(limit).trim().startsWith('-')) errs.push(field.forbidden(p.child('sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
        break;
      }
      case 'hostPath': {
        const hp = vol.hostPath;
        if (!hp?.path) {
          errs.push(field.required(p.child('path')));
          break;
        }
        errs.push(...validatePathNoBacksteps(hp.path, p.child('path')));
        const types = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];
        if (hp.type !== undefined && !types.includes(hp.type)) errs.push(field.notSupported(p.child('type'), hp.type, types));
        break;
      }
      case 'secret': {
        const s = vol.secret;
        if (!s?.secretName) errs.push(field.required(p.child('secretName')));
        errs.push(...validateMode(s?.defaultMode, p.child('defaultMode')));
        (s?.items ?? []).forEach((kp, i) => errs.push(...validateKeyToPath(kp, p.child('items').index(i))));
        break;
      }
      case 'configMap': {
        const c = vol.configMap;
        if (!c?.name) errs.push(field.required(p.child('name')));
        errs.push(...validateMode(c?.defaultMode, p.child('defaultMode')));
        (c?.items ?? []).forEach((kp, i) => errs.push(...validateKeyToPath(kp, p.child('items').index(i))));
        break;
      }
      case 'persistentVolumeClaim':
        if (!vol.persistentVolumeClaim?.claimName) errs.push(field.required(p.child('claimName')));
        break;
      case 'nfs': {
        const n = vol.nfs;
        if (!n?.server) errs.push(field.required(p.child('server')));
        if (!n?.path) errs.push(field.required(p.child('path')));
        if (!(n?.path ?? '').startsWith('/')) errs.push(field.invalid(p.child('path'), n?.path ?? '', 'must be an absolute path'));
        break;
      }
      case 'downwardAPI': {
        const d = vol.downwardAPI;
        errs.push(...validateMode(d?.defaultMode, p.child('defaultMode')));
        for (const file of d?.items ?? []) errs.push(...validateDownwardAPIFile(file, p));
        break;
      }
      case 'projected':
        errs.push(...validateProjected(vol, p));
        break;
      default:
        // Other volume types are accepted as given (the simulation has no storage drivers).
        break;
    }
  }
  if (count === 0) errs.push(field.required(path, 'must specify a volume type'));
  return errs;
}

function validateDownwardAPIFile(file: NonNullable<NonNullable<Volume['downwardAPI']>['items']>[number], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!file.path) errs.push(field.required(path.child('path')));
  errs.push(...validateLocalNonReservedPath(file.path ?? '', path.child('path')));
  if (file.fieldRef) {
    errs.push(...validateObjectFieldSelector(file.fieldRef, validVolumeDownwardAPIFieldPaths, path.child('fieldRef')));
    if (file.resourceFieldRef) errs.push(field.invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (file.resourceFieldRef) {
    errs.push(...validateResourceFieldSelector(file.resourceFieldRef, path.child('resourceFieldRef'), true));
  } else {
    errs.push(field.required(path, 'one of fieldRef and resourceFieldRef is required'));
  }
  errs.push(...validateMode(file.mode, path.child('mode')));
  return errs;
}

function validateProjected(vol: Volume, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const proj = vol.projected;
  errs.push(...validateMode(proj?.defaultMode, path.child('defaultMode')));
  const allPaths = new Set<string>();
  const addPath = (p: string, badValue: string): void => {
    if (allPaths.has(p)) errs.push(field.invalid(path, badValue, 'conflicting duplicate paths'));
    else allPaths.add(p);
  };
  (proj?.sources ?? []).forEach((src, i) => {
    let n = 0;
    const srcPath = path.child('sources').index(i);
    if (src.secret) {
      n++;
      const pp = srcPath.child('secret');
      if (!src.secret.name) errs.push(field.required(pp.child('name')));
      (src.secret.items ?? []).forEach((kp, j) => {
        errs.push(...validateKeyToPath(kp, pp.child('items').index(j)));
        if (kp.path) addPath(kp.path, src.secret?.name ?? '');
      });
    }
    if (src.configMap) {
      n++;
      const pp = srcPath.child('configMap');
      if (!src.configMap.name) errs.push(field.required(pp.child('name')));
      (src.configMap.items ?? []).forEach((kp, j) => {
        errs.push(...validateKeyToPath(kp, pp.child('items').index(j)));
        if (kp.path) addPath(kp.path, src.configMap?.name ?? '');
      });
    }
    if (src.downwardAPI) {
      n++;
      for (const file of src.downwardAPI.items ?? []) {
        errs.push(...validateDownwardAPIFile(file, srcPath.child('downwardAPI')));
        if (file.path) addPath(file.path, file.path);
      }
    }
    if (src.serviceAccountToken) {
      n++;
      const pp = srcPath.child('serviceAccountToken');
      const exp = src.serviceAccountToken.expirationSeconds ?? 3600;
      if (exp < 600) errs.push(field.invalid(pp.child('expirationSeconds'), exp, 'may not specify a duration less than 10 minutes'));
      if (exp > 2 ** 32) errs.push(field.invalid(pp.child('expirationSeconds'), exp, 'may not specify a duration larger than 2^32 seconds'));
      if (!src.serviceAccountToken.path) errs.push(field.required(path.child('path')));
      else errs.push(...validateLocalNonReservedPath(src.serviceAccountToken.path, path.child('path')));
    }
    if (src.clusterTrustBundle) n++;
    if (n > 1) errs.push(field.forbidden(srcPath, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}

/** ValidateVolumes: returns the names of the volumes that validated, which mounts may refer to. */
function validateVolumes(volumes: Volume[] | undefined, path: FieldPath): { names: Map<string, Volume>; errs: FieldError[] } {
  const errs: FieldError[] = [];
  const names = new Map<string, Volume>();
  (volumes ?? []).forEach((vol, i) => {
    const idx = path.index(i);
    const namePath = idx.child('name');
    const el = validateVolumeSource(vol, idx);
    if (!vol.name) el.push(field.required(namePath));
    else el.push(...isDNS1123Label(vol.name).map((msg) => field.invalid(namePath, vol.name, msg)));
    if (names.has(vol.name)) el.push(field.duplicate(namePath, vol.name));
    if (el.length === 0) names.set(vol.name, vol);
    else errs.push(...el);
  });
  return { names, errs };
}

// ---- containers -------------------------------------------------------------------------------------------

const supportedPortProtocols = ['SCTP', 'TCP', 'UDP'];

function validateContainerPorts(ports: ContainerPort[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const idx = path.index(i);
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length > 0) errs.push(...msgs.map((m) => field.invalid(idx.child('name'), port.name, m)));
      else if (names.has(port.name)) errs.push(field.duplicate(idx.child('name'), port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(field.required(idx.child('containerPort')));
    else errs.push(...isValidPortNum(port.containerPort).map((m) => field.invalid(idx.child('containerPort'), port.containerPort, m)));
    if (port.hostPort) errs.push(...isValidPortNum(port.hostPort).map((m) => field.invalid(idx.child('hostPort'), port.hostPort, m)));
    if (!port.protocol) errs.push(field.required(idx.child('protocol')));
    else if (!supportedPortProtocols.includes(port.protocol)) errs.push(field.notSupported(idx.child('protocol'), port.protocol, supportedPortProtocols));
  });
  return errs;
}

/** IsRelaxedEnvVarName (RelaxedEnvironmentVariableValidation is beta and on in v1.32). */
function isRelaxedEnvVarName(name: string): string[] {
  const errs: string[] = [];
  if (name.length === 0) errs.push('environment variable name must be non-empty');
  for (const ch of name) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp > 0x7e || cp < 0x20 || ch === '=') {
      errs.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
      break;
    }
  }
  return errs;
}

function validateEnv(vars: EnvVar[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (vars ?? []).forEach((ev, i) => {
    const idx = path.index(i);
    if (!ev.name) errs.push(field.required(idx.child('name')));
    else errs.push(...isRelaxedEnvVarName(ev.name).map((m) => field.invalid(idx.child('name'), ev.name, m)));
    const vf = ev.valueFrom;
    if (!vf) return;
    const vfPath = idx.child('valueFrom');
    let n = 0;
    if (vf.fieldRef) {
      n++;
      errs.push(...validateObjectFieldSelector(vf.fieldRef, validEnvDownwardAPIFieldPaths, vfPath.child('fieldRef')));
    }
    if (vf.resourceFieldRef) {
      n++;
      errs.push(...validateResourceFieldSelector(vf.resourceFieldRef, vfPath.child('resourceFieldRef'), false));
    }
    for (const kind of ['configMapKeyRef', 'secretKeyRef'] as const) {
      const sel = vf[kind];
      if (!sel) continue;
      n++;
      const p = vfPath.child(kind);
      errs.push(...nameIsDNSSubdomain(sel.name ?? '', false).map((m) => field.invalid(p.child('name'), sel.name ?? '', m)));
      if (!sel.key) errs.push(field.required(p.child('key')));
      else errs.push(...isConfigMapKey(sel.key).map((m) => field.invalid(p.child('key'), sel.key, m)));
    }
    if (n === 0) errs.push(field.invalid(vfPath, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    else if (ev.value) errs.push(field.invalid(vfPath, '', 'may not be specified when `value` is not empty'));
    else if (n > 1) errs.push(field.invalid(vfPath, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateEnvFrom(sources: Container['envFrom'], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (sources ?? []).forEach((src, i) => {
    const idx = path.index(i);
    if (src.prefix) errs.push(...isRelaxedEnvVarName(src.prefix).map((m) => field.invalid(idx.child('prefix'), src.prefix, m)));
    let n = 0;
    for (const kind of ['configMapRef', 'secretRef'] as const) {
      const ref = src[kind];
      if (!ref) continue;
      n++;
      const p = idx.child(kind).child('name');
      if (!ref.name) errs.push(field.required(p));
      else errs.push(...nameIsDNSSubdomain(ref.name, true).map((m) => field.invalid(p, ref.name, m)));
    }
    if (n === 0) errs.push(field.invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) errs.push(field.invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateVolumeMounts(ctr: Container, volumes: Map<string, Volume>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  const devices = new Map((ctr.volumeDevices ?? []).map((d) => [d.name, d.devicePath]));
  const privileged = ctr.securityContext?.privileged === true;
  (ctr.volumeMounts ?? []).forEach((mnt, i) => {
    const idx = path.index(i);
    if (!mnt.name) errs.push(field.required(idx.child('name')));
    if (!volumes.has(mnt.name)) errs.push(field.notFound(idx.child('name'), mnt.name));
    if (!mnt.mountPath) errs.push(field.required(idx.child('mountPath')));
    if (mountPoints.has(mnt.mountPath)) errs.push(field.invalid(idx.child('mountPath'), mnt.mountPath, 'must be unique'));
    mountPoints.add(mnt.mountPath);
    if (devices.has(mnt.name)) errs.push(field.invalid(idx.child('name'), mnt.name, 'must not already exist in volumeDevices'));
    if ([...devices.values()].includes(mnt.mountPath)) errs.push(field.invalid(idx.child('mountPath'), mnt.mountPath, 'must not already exist as a path in volumeDevices'));
    // Upstream reports subPath problems at the list path, without the index.
    if (mnt.subPath) errs.push(...validateLocalDescendingPath(mnt.subPath, path.child('subPath')));
    if (mnt.subPathExpr) {
      if (mnt.subPath) errs.push(field.invalid(idx.child('subPathExpr'), mnt.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(mnt.subPathExpr, path.child('subPathExpr')));
    }
    if (mnt.mountPropagation !== undefined) {
      const supported = ['Bidirectional', 'HostToContainer', 'None'];
      const mp = path.child('mountPropagation');
      if (!supported.includes(mnt.mountPropagation)) errs.push(field.notSupported(mp, mnt.mountPropagation, supported));
      if (mnt.mountPropagation === 'Bidirectional' && !privileged) errs.push(field.forbidden(mp, 'Bidirectional mount propagation is available only to privileged containers'));
    }
    const rro = mnt.recursiveReadOnly;
    if (rro !== undefined && rro !== 'Disabled') {
      const rp = path.child('recursiveReadOnly');
      if (rro === 'Enabled' || rro === 'IfPossible') {
        if (!mnt.readOnly) errs.push(field.forbidden(rp, 'may only be specified when readOnly is true'));
        if (mnt.mountPropagation !== undefined && mnt.mountPropagation !== 'None') errs.push(field.forbidden(rp, 'may only be specified when mountPropagation is None or not specified'));
      } else {
        errs.push(field.notSupported(rp, rro, ['Disabled', 'Enabled', 'IfPossible']));
      }
    }
  });
  return errs;
}

function validatePortNumOrName(port: number | string | undefined, path: FieldPath): FieldError[] {
  if (typeof port === 'string') return isValidPortName(port).map((m) => field.invalid(path, port, m));
  const n = port ?? 0;
  return isValidPortNum(n).map((m) => field.invalid(path, n, m));
}

function validateHTTPGet(h: HTTPGetAction, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!h.path) errs.push(field.required(path.child('path')));
  errs.push(...validatePortNumOrName(h.port, path.child('port')));
  const schemes = ['HTTP', 'HTTPS'];
  if (!schemes.includes(h.scheme ?? '')) errs.push(field.notSupported(path.child('scheme'), h.scheme ?? '', schemes));
  for (const header of h.httpHeaders ?? []) {
    errs.push(...isHTTPHeaderName(header.name).map((m) => field.invalid(path.child('httpHeaders'), header.name, m)));
  }
  return errs;
}

type Handler = Pick<Probe, 'exec' | 'httpGet' | 'tcpSocket' | 'grpc'> & Pick<LifecycleHandler, 'sleep'>;

function validateHandler(h: Handler, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  const one = (key: string, check: () => FieldError[]): void => {
    if (n > 0) errs.push(field.forbidden(path.child(key), 'may not specify more than 1 handler type'));
    else {
      n++;
      errs.push(...check());
    }
  };
  if (h.exec) one('exec', () => (h.exec?.command?.length ? [] : [field.required(path.child('exec').child('command'))]));
  if (h.httpGet) one('httpGet', () => validateHTTPGet(h.httpGet as HTTPGetAction, path.child('httpGet')));
  if (h.tcpSocket) one('tcpSocket', () => validatePortNumOrName(h.tcpSocket?.port, path.child('tcpSocket').child('port')));
  if (h.grpc) one('grpc', () => validatePortNumOrName(h.grpc?.port ?? 0, path.child('grpc').child('port')));
  if (h.sleep) {
    one('sleep', () => {
      const s = h.sleep?.seconds ?? 0;
      if (gracePeriod !== undefined && (s <= 0 || s > gracePeriod)) {
        return [field.invalid(path.child('sleep'), s, `must be greater than 0 and less than terminationGracePeriodSeconds (${gracePeriod}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`)];
      }
      return [];
    });
  }
  if (n === 0) errs.push(field.required(path, 'must specify a handler type'));
  return errs;
}

function validateProbe(probe: Probe | undefined, gracePeriod: number | undefined, path: FieldPath, kind: 'liveness' | 'readiness' | 'startup'): FieldError[] {
  if (!probe) return [];
  const errs = validateHandler(probe, gracePeriod, path);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const) {
    errs.push(...validateNonnegativeField(probe[f] ?? 0, path.child(f)));
  }
  if (probe.terminationGracePeriodSeconds !== undefined && probe.terminationGracePeriodSeconds <= 0) {
    errs.push(field.invalid(path.child('terminationGracePeriodSeconds'), probe.terminationGracePeriodSeconds, 'must be greater than 0'));
  }
  if (kind !== 'readiness' && (probe.successThreshold ?? 0) !== 1) {
    errs.push(field.invalid(path.child('successThreshold'), probe.successThreshold ?? 0, 'must be 1'));
  }
  if (kind === 'readiness' && probe.terminationGracePeriodSeconds !== undefined) {
    errs.push(field.invalid(path.child('terminationGracePeriodSeconds'), probe.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
  }
  return errs;
}

function validateLifecycle(ctr: Container, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (ctr.lifecycle?.postStart) errs.push(...validateHandler(ctr.lifecycle.postStart, gracePeriod, path.child('postStart')));
  if (ctr.lifecycle?.preStop) errs.push(...validateHandler(ctr.lifecycle.preStop, gracePeriod, path.child('preStop')));
  return errs;
}

function validateSeccompProfile(sp: { type: string; localhostProfile?: string } | undefined, path: FieldPath): FieldError[] {
  if (!sp) return [];
  const errs: FieldError[] = [];
  const types = ['Localhost', 'RuntimeDefault', 'Unconfined'];
  if (sp.type === '') errs.push(field.required(path.child('type'), 'type is required when seccompProfile is set'));
  else if (!types.includes(sp.type)) errs.push(field.notSupported(path.child('type'), sp.type, types));
  if (sp.type === 'Localhost') {
    if (sp.localhostProfile === undefined) errs.push(field.required(path.child('localhostProfile'), 'must be set when seccomp type is Localhost'));
    else errs.push(...validateLocalDescendingPath(sp.localhostProfile, path.child('localhostProfile')));
  } else if (sp.localhostProfile !== undefined) {
    // Simplified: upstream prints the *SeccompProfile struct.
    errs.push(field.invalidOmitValue(path.child('localhostProfile'), 'can only be set when seccomp type is Localhost'));
  }
  return errs;
}

function validateAppArmorProfile(p: { type: string; localhostProfile?: string } | undefined, path: FieldPath): FieldError[] {
  if (!p) return [];
  switch (p.type) {
    case 'Localhost':
      if (p.localhostProfile === undefined || p.localhostProfile.trim() === '') {
        if (p.localhostProfile !== undefined && p.localhostProfile !== p.localhostProfile.trim()) {
          return [field.invalid(path.child('localhostProfile'), p.localhostProfile, 'must not be padded with whitespace')];
        }
        return [field.required(path.child('localhostProfile'), 'must be set when AppArmor type is Localhost')];
      }
      if (p.localhostProfile !== p.localhostProfile.trim()) return [field.invalid(path.child('localhostProfile'), p.localhostProfile, 'must not be padded with whitespace')];
      return [];
    case 'RuntimeDefault':
    case 'Unconfined':
      return p.localhostProfile !== undefined ? [field.invalid(path.child('localhostProfile'), p.localhostProfile, 'can only be set when AppArmor type is Localhost')] : [];
    case '':
      return [field.required(path.child('type'), 'type is required when appArmorProfile is set')];
    default:
      return [field.notSupported(path.child('type'), p.type, ['Localhost', 'RuntimeDefault', 'Unconfined'])];
  }
}

function validateContainerSecurityContext(ctr: Container, path: FieldPath, hostUsers: boolean): FieldError[] {
  const sc = ctr.securityContext;
  if (!sc) return [];
  const errs: FieldError[] = [];
  if (sc.runAsUser !== undefined) errs.push(...isValidUserID(sc.runAsUser).map((m) => field.invalid(path.child('runAsUser'), sc.runAsUser, m)));
  if (sc.runAsGroup !== undefined) errs.push(...isValidGroupID(sc.runAsGroup).map((m) => field.invalid(path.child('runAsGroup'), sc.runAsGroup, m)));
  if (sc.procMount !== undefined) {
    if (!['Default', 'Unmasked'].includes(sc.procMount)) errs.push(field.notSupported(path.child('procMount'), sc.procMount, ['Default', 'Unmasked']));
    if (hostUsers && sc.procMount === 'Unmasked') errs.push(field.invalid(path.child('procMount'), sc.procMount, '`hostUsers` must be false to use `Unmasked`'));
  }
  errs.push(...validateSeccompProfile(sc.seccompProfile, path.child('seccompProfile')));
  if (sc.allowPrivilegeEscalation === false) {
    // Simplified: upstream prints the *SecurityContext struct with %#v; the engine omits it.
    if (sc.privileged === true) errs.push(field.invalidOmitValue(path, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    for (const cap of sc.capabilities?.add ?? []) {
      if (cap === 'CAP_SYS_ADMIN') errs.push(field.invalidOmitValue(path, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
    }
  }
  errs.push(...validateAppArmorProfile(sc.appArmorProfile, path.child('appArmorProfile')));
  return errs;
}

function validateContainerCommon(ctr: Container, volumes: Map<string, Volume>, path: FieldPath, restartPolicy: string, hostUsers: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const namePath = path.child('name');
  if (!ctr.name) errs.push(field.required(namePath));
  else errs.push(...isDNS1123Label(ctr.name).map((m) => field.invalid(namePath, ctr.name, m)));
  if (!ctr.image) errs.push(field.required(path.child('image')));
  const tmp = ctr.terminationMessagePolicy ?? '';
  if (tmp === '') errs.push(field.required(path.child('terminationMessagePolicy')));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') errs.push(field.notSupported(path.child('terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  errs.push(...validateContainerPorts(ctr.ports, path.child('ports')));
  errs.push(...validateEnv(ctr.env, path.child('env')));
  errs.push(...validateEnvFrom(ctr.envFrom, path.child('envFrom')));
  errs.push(...validateVolumeMounts(ctr, volumes, path.child('volumeMounts')));
  const ipp = ctr.imagePullPolicy ?? '';
  if (ipp === '') errs.push(field.required(path.child('imagePullPolicy')));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(ipp)) errs.push(field.notSupported(path.child('imagePullPolicy'), ipp, ['Always', 'IfNotPresent', 'Never']));
  errs.push(...validateContainerResourceRequirements(ctr.resources, path.child('resources')));
  (ctr.resizePolicy ?? []).forEach((rp, i) => {
    const p = path.child('resizePolicy');
    if (!['cpu', 'memory'].includes(rp.resourceName)) errs.push(rp.resourceName ? field.notSupported(p, rp.resourceName, ['cpu', 'memory']) : field.required(p));
    if (!['NotRequired', 'RestartContainer'].includes(rp.restartPolicy)) errs.push(rp.restartPolicy ? field.notSupported(p, rp.restartPolicy, ['NotRequired', 'RestartContainer']) : field.required(p));
    if (restartPolicy === 'Never' && rp.restartPolicy !== 'NotRequired') errs.push(field.invalid(p, rp.restartPolicy, "must be 'NotRequired' when `restartPolicy` is 'Never'"));
    void i;
  });
  errs.push(...validateContainerSecurityContext(ctr, path.child('securityContext'), hostUsers));
  return errs;
}

function checkHostPortConflicts(containers: Container[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((ctr, ci) => {
    (ctr.ports ?? []).forEach((port, pi) => {
      if (!port.hostPort) return;
      const key = `${port.protocol ?? ''}/${port.hostIP ?? ''}/${port.hostPort}`;
      if (seen.has(key)) errs.push(field.duplicate(path.index(ci).child('ports').index(pi).child('hostPort'), key));
      else seen.add(key);
    });
  });
  return errs;
}

function validateContainers(containers: Container[] | undefined, volumes: Map<string, Volume>, gracePeriod: number | undefined, path: FieldPath, restartPolicy: string, hostUsers: boolean): FieldError[] {
  const list = containers ?? [];
  if (list.length === 0) return [field.required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list.forEach((ctr, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(ctr, volumes, p, restartPolicy, hostUsers));
    if (names.has(ctr.name)) errs.push(field.duplicate(p.child('name'), ctr.name));
    else names.add(ctr.name);
    if (ctr.lifecycle) errs.push(...validateLifecycle(ctr, gracePeriod, p.child('lifecycle')));
    errs.push(...validateProbe(ctr.livenessProbe, gracePeriod, p.child('livenessProbe'), 'liveness'));
    errs.push(...validateProbe(ctr.readinessProbe, gracePeriod, p.child('readinessProbe'), 'readiness'));
    errs.push(...validateProbe(ctr.startupProbe, gracePeriod, p.child('startupProbe'), 'startup'));
    if (ctr.restartPolicy !== undefined) errs.push(field.forbidden(p.child('restartPolicy'), 'may not be set for non-init containers'));
  });
  return errs.concat(checkHostPortConflicts(list, path));
}

function validateInitContainers(inits: Container[] | undefined, regular: Container[] | undefined, volumes: Map<string, Volume>, gracePeriod: number | undefined, path: FieldPath, restartPolicy: string, hostUsers: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set((regular ?? []).map((c) => c.name));
  (inits ?? []).forEach((ctr, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(ctr, volumes, p, restartPolicy, hostUsers));
    let restartAlways = false;
    if (ctr.restartPolicy !== undefined) {
      if (ctr.restartPolicy !== 'Always') errs.push(field.notSupported(p.child('restartPolicy'), ctr.restartPolicy, ['Always']));
      restartAlways = ctr.restartPolicy === 'Always';
    }
    if (names.has(ctr.name)) errs.push(field.duplicate(p.child('name'), ctr.name));
    else if (ctr.name) names.add(ctr.name);
    errs.push(...checkHostPortConflicts([ctr], path));
    if (restartAlways) {
      if (ctr.lifecycle) errs.push(...validateLifecycle(ctr, gracePeriod, p.child('lifecycle')));
      errs.push(...validateProbe(ctr.livenessProbe, gracePeriod, p.child('livenessProbe'), 'liveness'));
      errs.push(...validateProbe(ctr.readinessProbe, gracePeriod, p.child('readinessProbe'), 'readiness'));
      errs.push(...validateProbe(ctr.startupProbe, gracePeriod, p.child('startupProbe'), 'startup'));
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
        if (ctr[f]) errs.push(field.forbidden(p.child(f), 'may not be set for init containers without restartPolicy=Always'));
      }
    }
    // Simplified: upstream prints the []ContainerResizePolicy with %#v.
    if ((ctr.resizePolicy ?? []).length > 0) errs.push(field.invalidOmitValue(p.child('resizePolicy'), 'must not be set for init containers'));
  });
  return errs;
}

// ---- scheduling fields ------------------------------------------------------------------------------------

const taintEffects = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateTolerations(tolerations: Toleration[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const idx = path.index(i);
    if (t.key) errs.push(...validateLabelName(t.key, idx.child('key')));
    if (!t.key && t.operator !== 'Exists') {
      errs.push(field.invalid(idx.child('operator'), t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
      errs.push(field.invalid(idx.child('effect'), t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (t.operator ?? '') {
      case 'Equal':
      case '': {
        const msgs = isValidLabelValue(t.value ?? '');
        if (msgs.length > 0) errs.push(field.invalid(idx.child('operator'), t.value ?? '', msgs.join(';')));
        break;
      }
      case 'Exists':
        if (t.value) errs.push(field.invalid(idx.child('operator'), t.value, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(field.notSupported(idx.child('operator'), t.operator ?? '', ['Equal', 'Exists']));
    }
    if (t.effect && !taintEffects.includes(t.effect)) errs.push(field.notSupported(idx.child('effect'), t.effect, taintEffects));
  });
  return errs;
}

function validateNodeSelectorTerm(term: NodeSelectorTerm, checkValues: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (term.matchExpressions ?? []).forEach((rq, j) => {
    const p = path.child('matchExpressions').index(j);
    const values = rq.values ?? [];
    errs.push(...validateSelectorRequirement(rq.key, rq.operator, values, true, p));
    if (checkValues) values.forEach((v, k) => errs.push(...isValidLabelValue(v).map((m) => field.invalid(p.child('values').index(k), v, m))));
  });
  (term.matchFields ?? []).forEach((rq, j) => {
    const p = path.child('matchFields').index(j);
    if (rq.operator === 'In' || rq.operator === 'NotIn') {
      if ((rq.values ?? []).length !== 1) errs.push(field.required(p.child('values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    } else {
      errs.push(field.invalid(p.child('operator'), rq.operator, 'not a valid selector operator'));
    }
    if (rq.key !== 'metadata.name') errs.push(field.invalid(p.child('key'), rq.key, 'not a valid field selector key'));
    else (rq.values ?? []).forEach((v, k) => errs.push(...isDNS1123Subdomain(v).map((m) => field.invalid(p.child('values').index(k), v, m))));
  });
  return errs;
}

function validatePodAffinityTerm(term: PodAffinityTerm, path: FieldPath): FieldError[] {
  const errs = validateLabelSelector(term.labelSelector, path.child('labelSelector'));
  errs.push(...validateLabelSelector(term.namespaceSelector, path.child('namespaceSelector')));
  for (const ns of term.namespaces ?? []) errs.push(...isDNS1123Label(ns).map((m) => field.invalid(path.child('namespace'), ns, m)));
  if (!term.topologyKey) errs.push(field.required(path.child('topologyKey'), 'can not be empty'));
  errs.push(...validateLabelName(term.topologyKey ?? '', path.child('topologyKey')));
  return errs;
}

function validateAffinity(spec: PodSpec, path: FieldPath): FieldError[] {
  const a = spec.affinity;
  if (!a) return [];
  const errs: FieldError[] = [];
  const na = a.nodeAffinity;
  if (na) {
    const np = path.child('nodeAffinity');
    const req = na.requiredDuringSchedulingIgnoredDuringExecution;
    if (req) {
      const tp = np.child('requiredDuringSchedulingIgnoredDuringExecution').child('nodeSelectorTerms');
      if ((req.nodeSelectorTerms ?? []).length === 0) errs.push(field.required(tp, 'must have at least one node selector term'));
      else req.nodeSelectorTerms.forEach((t, i) => errs.push(...validateNodeSelectorTerm(t, true, tp.index(i))));
    }
    (na.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => {
      const tp = np.child('preferredDuringSchedulingIgnoredDuringExecution').index(i);
      if (t.weight <= 0 || t.weight > 100) errs.push(field.invalid(tp.child('weight'), t.weight, 'must be in the range 1-100'));
      errs.push(...validateNodeSelectorTerm(t.preference, false, tp.child('preference')));
    });
  }
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const pa = a[kind];
    if (!pa) continue;
    const kp = path.child(kind);
    (pa.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => {
      errs.push(...validatePodAffinityTerm(t, kp.child('requiredDuringSchedulingIgnoredDuringExecution').index(i)));
    });
    (pa.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => {
      const tp = kp.child('preferredDuringSchedulingIgnoredDuringExecution').index(i);
      if (t.weight <= 0 || t.weight > 100) errs.push(field.invalid(tp.child('weight'), t.weight, 'must be in the range 1-100'));
      errs.push(...validatePodAffinityTerm(t.podAffinityTerm, tp.child('podAffinityTerm')));
    });
  }
  return errs;
}

function isValidIP(value: string): boolean {
  if (/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(value)) return value.split('.').every((o) => Number(o) <= 255 && !(o.length > 1 && o.startsWith('0')));
  return /^[0-9a-fA-F:]+$/.test(value) && value.includes(':') && value.split('::').length <= 2;
}

function validateIP(value: string, path: FieldPath): FieldError[] {
  return isValidIP(value) ? [] : [field.invalid(path, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

function validateDNSConfig(spec: PodSpec, path: FieldPath): FieldError[] {
  const cfg = spec.dnsConfig;
  if (spec.dnsPolicy === 'None') {
    if (!cfg) return [field.required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if ((cfg.nameservers ?? []).length === 0) return [field.required(path.child('nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (!cfg) return [];
  const errs: FieldError[] = [];
  const ns = cfg.nameservers ?? [];
  // Simplified: upstream prints the []string with %#v.
  if (ns.length > 3) errs.push(field.invalidOmitValue(path.child('nameservers'), 'must not have more than 3 nameservers'));
  ns.forEach((n, i) => errs.push(...validateIP(n, path.child('nameservers').index(i))));
  const searches = cfg.searches ?? [];
  if (searches.length > 32) errs.push(field.invalidOmitValue(path.child('searches'), 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048) errs.push(field.invalidOmitValue(path.child('searches'), 'must not have more than 2048 characters (including spaces) in the search list'));
  searches.forEach((s, i) => {
    const trimmed = s.endsWith('.') ? s.slice(0, -1) : s;
    errs.push(...isDNS1123Subdomain(trimmed).map((m) => field.invalid(path.child('searches').index(i), trimmed, m)));
  });
  (cfg.options ?? []).forEach((o, i) => {
    if (!o.name) errs.push(field.required(path.child('options').index(i), 'must not be empty'));
  });
  return errs;
}

function validateTopologySpreadConstraints(spec: PodSpec, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const list = spec.topologySpreadConstraints ?? [];
  list.forEach((c, i) => {
    const p = path.index(i);
    if (c.maxSkew <= 0) errs.push(field.invalid(p.child('maxSkew'), c.maxSkew, 'must be greater than zero'));
    if (!c.topologyKey) errs.push(field.required(p.child('topologyKey'), 'can not be empty'));
    const actions = ['DoNotSchedule', 'ScheduleAnyway'];
    if (!actions.includes(c.whenUnsatisfiable)) errs.push(field.notSupported(p.child('whenUnsatisfiable'), c.whenUnsatisfiable, actions));
    const dup = list.slice(i + 1).some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable);
    if (dup) errs.push(field.duplicate(p.child('{topologyKey, whenUnsatisfiable}'), `{${c.topologyKey}, ${c.whenUnsatisfiable}}`));
    if (c.minDomains !== undefined) {
      if (c.minDomains <= 0) errs.push(field.invalid(p.child('minDomains'), c.minDomains, 'must be greater than zero'));
      if (c.whenUnsatisfiable !== 'DoNotSchedule') errs.push(field.invalid(p.child('minDomains'), c.minDomains, 'can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway'));
    }
    errs.push(...validateLabelSelector(c.labelSelector, p.child('labelSelector')));
  });
  return errs;
}

function validatePodSecurityContext(spec: PodSpec, path: FieldPath): FieldError[] {
  const sc = spec.securityContext;
  if (!sc) return [];
  const errs: FieldError[] = [];
  if (sc.fsGroup !== undefined) errs.push(...isValidGroupID(sc.fsGroup).map((m) => field.invalid(path.child('fsGroup'), sc.fsGroup, m)));
  if (sc.runAsUser !== undefined) errs.push(...isValidUserID(sc.runAsUser).map((m) => field.invalid(path.child('runAsUser'), sc.runAsUser, m)));
  if (sc.runAsGroup !== undefined) errs.push(...isValidGroupID(sc.runAsGroup).map((m) => field.invalid(path.child('runAsGroup'), sc.runAsGroup, m)));
  (sc.supplementalGroups ?? []).forEach((g, i) => errs.push(...isValidGroupID(g).map((m) => field.invalid(path.child('supplementalGroups').index(i), g, m))));
  if (spec.shareProcessNamespace === true && spec.hostPID === true) {
    errs.push(field.invalid(path.child('shareProcessNamespace'), true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  }
  const sysctlRe = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
  const seen = new Set<string>();
  (sc.sysctls ?? []).forEach((s, i) => {
    const p = path.child('sysctls').index(i).child('name');
    if (!s.name) errs.push(field.required(p));
    else if (s.name.length > 253 || !sysctlRe.test(s.name)) errs.push(field.invalid(p, s.name, `must have at most 253 characters and match regex ${sysctlRe.source}`));
    else if (seen.has(s.name)) errs.push(field.duplicate(p, s.name));
    seen.add(s.name);
  });
  if (sc.fsGroupChangePolicy !== undefined && !['Always', 'OnRootMismatch'].includes(sc.fsGroupChangePolicy)) {
    errs.push(field.notSupported(path.child('fsGroupChangePolicy'), sc.fsGroupChangePolicy, ['Always', 'OnRootMismatch']));
  }
  errs.push(...validateSeccompProfile(sc.seccompProfile, path.child('seccompProfile')));
  errs.push(...validateAppArmorProfile(sc.appArmorProfile, path.child('appArmorProfile')));
  // supplementalGroupsPolicy is newer than the kubernetes-types release this project uses.
  const sgp = (sc as { supplementalGroupsPolicy?: string }).supplementalGroupsPolicy;
  if (sgp !== undefined && !['Merge', 'Strict'].includes(sgp)) {
    errs.push(field.notSupported(path.child('supplementalGroupsPolicy'), sgp, ['Merge', 'Strict']));
  }
  return errs;
}

// ---- PodSpec ----------------------------------------------------------------------------------------------

export interface PodSpecOptions {
  /** The spec belongs to a Pod, not a template: hostPort must then equal containerPort under hostNetwork. */
  resourceIsPod: boolean;
}

/** ValidatePodSpec. */
export function validatePodSpec(spec: PodSpec | undefined, path: FieldPath, opts: PodSpecOptions): FieldError[] {
  const s: PodSpec = spec ?? { containers: [] };
  const errs: FieldError[] = [];
  if (s.terminationGracePeriodSeconds === undefined || s.terminationGracePeriodSeconds === null) {
    errs.push(field.required(path.child('terminationGracePeriodSeconds')));
  }
  const grace = s.terminationGracePeriodSeconds ?? undefined;
  const hostUsers = s.hostUsers !== false;
  const restartPolicy = s.restartPolicy ?? '';
  const { names: vols, errs: vErrs } = validateVolumes(s.volumes, path.child('volumes'));
  errs.push(...vErrs);
  errs.push(...validateContainers(s.containers, vols, grace, path.child('containers'), restartPolicy, hostUsers));
  errs.push(...validateInitContainers(s.initContainers, s.containers, vols, grace, path.child('initContainers'), restartPolicy, hostUsers));
  if (s.hostNetwork === true) {
    (s.containers ?? []).forEach((c, i) => (c.ports ?? []).forEach((port, j) => {
      const hp = port.hostPort ?? 0;
      if ((opts.resourceIsPod || hp !== 0) && hp !== port.containerPort) {
        errs.push(field.invalid(path.child('containers').index(i).child('ports').index(j).child('hostPort'), hp, 'must match `containerPort` when `hostNetwork` is true'));
      }
    }));
  }
  const rp = path.child('restartPolicy');
  if (restartPolicy === '') errs.push(field.required(rp));
  else if (!['Always', 'OnFailure', 'Never'].includes(restartPolicy)) errs.push(field.notSupported(rp, restartPolicy, ['Always', 'OnFailure', 'Never']));
  const dns = s.dnsPolicy ?? '';
  const dp = path.child('dnsPolicy');
  if (dns === '') errs.push(field.required(dp));
  else if (!['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'].includes(dns)) errs.push(field.notSupported(dp, dns, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']));
  errs.push(...validateLabels(s.nodeSelector, path.child('nodeSelector')));
  errs.push(...validatePodSecurityContext(s, path.child('securityContext')));
  (s.imagePullSecrets ?? []).forEach((ref, i) => {
    if (Object.keys(ref).some((k) => k !== 'name')) errs.push(field.invalidOmitValue(path.child('imagePullSecrets').index(i), 'only name may be set'));
  });
  errs.push(...validateAffinity(s, path.child('affinity')));
  errs.push(...validateDNSConfig(s, path.child('dnsConfig')));
  (s.readinessGates ?? []).forEach((g, i) => {
    const p = path.child('readinessGates').index(i).child('conditionType');
    errs.push(...isQualifiedName(g.conditionType).map((m) => field.invalid(p, g.conditionType, m)));
  });
  const gates = new Set<string>();
  (s.schedulingGates ?? []).forEach((g, i) => {
    const p = path.child('schedulingGates').index(i);
    errs.push(...isQualifiedName(g.name).map((m) => field.invalid(p, g.name, m)));
    if (gates.has(g.name)) errs.push(field.duplicate(p, g.name));
    gates.add(g.name);
  });
  errs.push(...validateTopologySpreadConstraints(s, path.child('topologySpreadConstraints')));
  if (s.hostUsers === false) {
    if (s.hostNetwork) errs.push(field.forbidden(path.child('hostNetwork'), 'when `pod.Spec.HostUsers` is false'));
    if (s.hostPID) errs.push(field.forbidden(path.child('HostPID'), 'when `pod.Spec.HostUsers` is false'));
    if (s.hostIPC) errs.push(field.forbidden(path.child('HostIPC'), 'when `pod.Spec.HostUsers` is false'));
  }
  if (s.serviceAccountName) errs.push(...nameIsDNSSubdomain(s.serviceAccountName, false).map((m) => field.invalid(path.child('serviceAccountName'), s.serviceAccountName, m)));
  if (s.nodeName) errs.push(...nameIsDNSSubdomain(s.nodeName, false).map((m) => field.invalid(path.child('nodeName'), s.nodeName, m)));
  if (s.activeDeadlineSeconds !== undefined && (s.activeDeadlineSeconds < 1 || s.activeDeadlineSeconds > maxInt32)) {
    errs.push(field.invalid(path.child('activeDeadlineSeconds'), s.activeDeadlineSeconds, inclusiveRangeError(1, maxInt32)));
  }
  if (s.hostname) errs.push(...isDNS1123Label(s.hostname).map((m) => field.invalid(path.child('hostname'), s.hostname, m)));
  if (s.subdomain) errs.push(...isDNS1123Label(s.subdomain).map((m) => field.invalid(path.child('subdomain'), s.subdomain, m)));
  errs.push(...validateTolerations(s.tolerations, path.child('tolerations')));
  (s.hostAliases ?? []).forEach((ha, i) => {
    const p = path.child('hostAliases').index(i);
    errs.push(...validateIP(ha.ip ?? '', p.child('ip')));
    (ha.hostnames ?? []).forEach((h, j) => errs.push(...isDNS1123Subdomain(h).map((m) => field.invalid(p.child('hostnames').index(j), h, m))));
  });
  if (s.priorityClassName) errs.push(...nameIsDNSSubdomain(s.priorityClassName, false).map((m) => field.invalid(path.child('priorityClassName'), s.priorityClassName, m)));
  if (s.runtimeClassName !== undefined) errs.push(...nameIsDNSSubdomain(s.runtimeClassName, false).map((m) => field.invalid(path.child('runtimeClassName'), s.runtimeClassName, m)));
  if (s.preemptionPolicy !== undefined) {
    const pp = path.child('preemptionPolicy');
    if (s.preemptionPolicy === '') errs.push(field.required(pp));
    else if (!['PreemptLowerPriority', 'Never'].includes(s.preemptionPolicy)) errs.push(field.notSupported(pp, s.preemptionPolicy, ['PreemptLowerPriority', 'Never']));
  }
  if (s.overhead) errs.push(...validateContainerResourceRequirements({ limits: s.overhead }, path.child('overhead')));
  if (s.os) {
    if (!s.os.name) errs.push(field.required(path.child('os').child('name')));
    else if (!['linux', 'windows'].includes(s.os.name)) errs.push(field.notSupported(path.child('os').child('name'), s.os.name, ['linux', 'windows']));
  }
  return errs;
}

function validateContainersOnlyForPod(containers: Container[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (containers ?? []).forEach((c, i) => {
    const img = c.image ?? '';
    if (img.length !== img.trim().length) errs.push(field.invalid(path.index(i).child('image'), img, 'must not have leading or trailing whitespace'));
  });
  return errs;
}

const mirrorPodAnnotation = 'kubernetes.io/config.mirror';
const deletionCostAnnotation = 'controller.kubernetes.io/pod-deletion-cost';

function validatePodSpecificAnnotations(annotations: Record<string, string> | undefined, spec: PodSpec | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const a = annotations ?? {};
  if (mirrorPodAnnotation in a && !spec?.nodeName) {
    errs.push(field.invalid(path.key(mirrorPodAnnotation), a[mirrorPodAnnotation] ?? '', 'must set spec.nodeName if mirror pod annotation is set'));
  }
  if (deletionCostAnnotation in a) {
    const v = a[deletionCostAnnotation] ?? '';
    const n = Number(v);
    if (!/^[+-]?\d+$/.test(v.trim()) || n < -2147483648 || n > maxInt32) errs.push(field.invalid(path.key(deletionCostAnnotation), v, 'must be a 32bit integer'));
  }
  return errs;
}

/**
 * validatePodSpec's answer for stored (frozen, so unchanging) specs. An update whose spec has exactly the stored
 * spec's structure (a status update) gets the same answer without walking the spec again.
 */
const storedSpecErrors = new WeakMap<PodSpec, FieldError[]>();

/** `twin`: a frozen spec with exactly pod.spec's structure, whose validation may be remembered. */
function validatePodMetadataAndSpec(pod: Pod, twin?: PodSpec): FieldError[] {
  const meta = FieldPath.root('metadata');
  const specPath = FieldPath.root('spec');
  const errs = validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain, meta);
  errs.push(...validatePodSpecificAnnotations(pod.metadata?.annotations, pod.spec, meta.child('annotations')));
  let specErrs = twin ? storedSpecErrors.get(twin) : undefined;
  if (!specErrs) {
    specErrs = validatePodSpec(pod.spec, specPath, { resourceIsPod: true });
    if (twin) storedSpecErrors.set(twin, specErrs);
  }
  errs.push(...specErrs);
  if (!pod.spec?.serviceAccountName) {
    (pod.spec?.volumes ?? []).forEach((v, vi) => (v.projected?.sources ?? []).forEach((src, si) => {
      if (src.serviceAccountToken) {
        errs.push(field.forbidden(specPath.child('volumes').index(vi).child('projected').child('sources').index(si).child('serviceAccountToken'), 'must not be specified when serviceAccountName is not set'));
      }
    }));
  }
  errs.push(...validateContainersOnlyForPod(pod.spec?.containers, specPath.child('containers')));
  errs.push(...validateContainersOnlyForPod(pod.spec?.initContainers, specPath.child('initContainers')));
  return errs;
}

/** ValidatePodCreate. */
export function validatePodCreate(pod: Pod): FieldError[] {
  const errs = validatePodMetadataAndSpec(pod);
  const specPath = FieldPath.root('spec');
  if ((pod.spec?.ephemeralContainers ?? []).length > 0) errs.push(field.forbidden(specPath.child('ephemeralContainers'), 'cannot be set on create'));
  if (pod.spec?.nodeName && (pod.spec.schedulingGates ?? []).length > 0) {
    errs.push(field.forbidden(specPath.child('nodeName'), 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

/** ValidatePodTemplateSpec, for Deployments and ReplicaSets. */
export function validatePodTemplateSpec(tpl: PodTemplateSpec | undefined, path: FieldPath): FieldError[] {
  const meta: ObjectMeta = tpl?.metadata ?? {};
  const errs = validateLabels(meta.labels, path.child('labels'));
  errs.push(...validateAnnotations(meta.annotations, path.child('annotations')));
  errs.push(...validatePodSpecificAnnotations(meta.annotations, tpl?.spec, path.child('annotations')));
  errs.push(...validatePodSpec(tpl?.spec, path.child('spec'), { resourceIsPod: false }));
  if ((tpl?.spec?.ephemeralContainers ?? []).length > 0) {
    errs.push(field.forbidden(path.child('spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}

// ---- updates ----------------------------------------------------------------------------------------------

export const updatablePodSpecFields = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

/** apiequality.Semantic.DeepEqual for plain JSON (absent and null are the same; key order ignored). */
export function semanticEqual(a: unknown, b: unknown): boolean {
  return canonicalJsonEqual(a ?? null, b ?? null);
}

function validateContainerUpdates(next: Container[] | undefined, prev: Container[] | undefined, path: FieldPath): { errs: FieldError[]; stop: boolean } {
  const n = next ?? [];
  const o = prev ?? [];
  if (n.length !== o.length) return { errs: [field.forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  n.forEach((c, i) => {
    const img = c.image ?? '';
    if (!img) errs.push(field.required(path.index(i).child('image')));
    if (img.trim().length !== img.length) errs.push(field.invalid(path.index(i).child('image'), img, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function tolerationMatches(oldT: Toleration, newT: Toleration): boolean {
  const { tolerationSeconds: _a, ...o } = oldT;
  const { tolerationSeconds: _b, ...n } = newT;
  return semanticEqual(o, n);
}

/** ValidatePodUpdate: a user update may change only images, activeDeadlineSeconds and tolerations (additions). */
export function validatePodUpdate(pod: Pod, old: Pod): FieldError[] {
  const meta = FieldPath.root('metadata');
  const specPath = FieldPath.root('spec');
  const errs = validateObjectMetaUpdate(pod.metadata, old.metadata, meta);
  const spec: PodSpec = pod.spec ?? { containers: [] };
  const oldSpec: PodSpec = old.spec ?? { containers: [] };
  // A status update carries the stored spec unchanged: its validation is already known.
  const unchangedSpec = pod.spec !== undefined && old.spec !== undefined && Object.isFrozen(old.spec) && sameStructure(pod.spec, old.spec);
  errs.push(...validatePodMetadataAndSpec(pod, unchangedSpec ? old.spec : undefined));
  const oldAnn = old.metadata?.annotations ?? {};
  const newAnn = pod.metadata?.annotations ?? {};
  if (mirrorPodAnnotation in oldAnn && newAnn[mirrorPodAnnotation] !== oldAnn[mirrorPodAnnotation]) {
    errs.push(field.forbidden(meta.child('annotations').key(mirrorPodAnnotation), 'may not remove or update mirror pod annotation'));
  }
  if (!(mirrorPodAnnotation in oldAnn) && mirrorPodAnnotation in newAnn) {
    errs.push(field.forbidden(meta.child('annotations').key(mirrorPodAnnotation), 'may not add mirror pod annotation'));
  }
  for (const kind of ['containers', 'initContainers'] as const) {
    const r = validateContainerUpdates(spec[kind], oldSpec[kind], specPath.child(kind));
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const ads = specPath.child('activeDeadlineSeconds');
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) {
    const v = spec.activeDeadlineSeconds;
    if (v < 0 || v > maxInt32) {
      errs.push(field.invalid(ads, v, inclusiveRangeError(0, maxInt32)));
      return errs;
    }
    if (oldSpec.activeDeadlineSeconds !== undefined && oldSpec.activeDeadlineSeconds < v) {
      errs.push(field.invalid(ads, v, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (oldSpec.activeDeadlineSeconds !== undefined) {
    errs.push(field.invalid(ads, null, 'must not update from a positive integer to nil value'));
  }
  const tolPath = specPath.child('tolerations');
  const newTols = spec.tolerations ?? [];
  if ((oldSpec.tolerations ?? []).some((o) => !newTols.some((n) => tolerationMatches(o, n)))) {
    errs.push(field.forbidden(tolPath, 'existing toleration can not be modified except its tolerationSeconds'));
  } else {
    errs.push(...validateTolerations(newTols, tolPath));
  }
  const oldGates = new Set((oldSpec.schedulingGates ?? []).map((g) => g.name));
  const added = new Map<string, number>();
  (spec.schedulingGates ?? []).forEach((g, i) => {
    if (!oldGates.has(g.name)) added.set(g.name, i);
  });
  for (const [name, i] of [...added].sort((a, b) => a[1] - b[1])) {
    errs.push(field.forbidden(specPath.child('schedulingGates').index(i).child('name'), `only deletion is allowed, but found new scheduling gate '${name}'`));
  }
  if (unchangedSpec || semanticEqual(spec, oldSpec)) return errs;

  // Overwrite the updatable fields with their old values; whatever still differs is forbidden.
  const munged = jsonClone(spec);
  munged.containers = (munged.containers ?? []).map((c, i) => ({ ...c, image: oldSpec.containers?.[i]?.image ?? '' }));
  if (munged.initContainers) munged.initContainers = munged.initContainers.map((c, i) => ({ ...c, image: oldSpec.initContainers?.[i]?.image ?? '' }));
  setOrDelete(munged, 'activeDeadlineSeconds', oldSpec.activeDeadlineSeconds);
  setOrDelete(munged, 'schedulingGates', oldSpec.schedulingGates);
  setOrDelete(munged, 'tolerations', oldSpec.tolerations);
  if ((oldSpec.terminationGracePeriodSeconds ?? 0) < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = oldSpec.terminationGracePeriodSeconds ?? 0;
  }
  if ((oldSpec.schedulingGates ?? []).length > 0) {
    // Gated pods may add nodeSelector entries (additions only).
    const oldSel = oldSpec.nodeSelector ?? {};
    const newSel = munged.nodeSelector ?? {};
    if (Object.keys(oldSel).every((k) => newSel[k] === oldSel[k])) setOrDelete(munged, 'nodeSelector', oldSpec.nodeSelector);
  }
  if (!semanticEqual(munged, oldSpec)) {
    errs.push(field.forbidden(specPath, `pod updates may not change fields other than ${updatablePodSpecFields.join(',')}\n${podSpecDiff(oldSpec, munged)}`));
  }
  return errs;
}

function setOrDelete<K extends keyof PodSpec>(spec: PodSpec, key: K, value: PodSpec[K] | undefined): void {
  if (value === undefined) delete spec[key];
  else spec[key] = value;
}

/** ValidatePodStatusUpdate: what the kubelet and scheduler may write through pods/status. */
export function validatePodStatusUpdate(pod: Pod, old: Pod): FieldError[] {
  const meta = FieldPath.root('metadata');
  const errs = validateObjectMetaUpdate(pod.metadata, old.metadata, meta);
  const system = new Set(['PodScheduled', 'Ready', 'Initialized']);
  (pod.status?.conditions ?? []).forEach((c, i) => {
    if (system.has(c.type)) return;
    // Upstream uses the path metadata.conditions[i].Type here.
    errs.push(...isQualifiedName(c.type).map((m) => field.invalid(meta.child('conditions').index(i).child('Type'), c.type, m)));
  });
  const st = FieldPath.root('status');
  if ((pod.spec?.nodeName ?? '') !== (old.spec?.nodeName ?? '')) errs.push(field.forbidden(st.child('nodeName'), 'may not be changed directly'));
  const nominated = pod.status?.nominatedNodeName ?? '';
  if (nominated !== (old.status?.nominatedNodeName ?? '') && nominated) {
    errs.push(...isDNS1123Subdomain(nominated).map((m) => field.invalid(st.child('nominatedNodeName'), nominated, m)));
  }
  if ((pod.status?.qosClass ?? '') !== (old.status?.qosClass ?? '')) {
    errs.push(field.invalid(st.child('qosClass'), pod.status?.qosClass ?? '', fieldImmutableErrorMsg));
  }
  const restart = old.spec?.restartPolicy ?? 'Always';
  if (restart !== 'Always') {
    (old.status?.containerStatuses ?? []).forEach((os, i) => {
      const term = os.state?.terminated;
      if (!term) return;
      if (term.exitCode !== 0 && restart === 'OnFailure') return;
      for (const ns of pod.status?.containerStatuses ?? []) {
        if (ns.name === os.name && !ns.state?.terminated) {
          errs.push(field.forbidden(st.child('containerStatuses').index(i).child('state'), 'may not be transitioned to non-terminated state'));
        }
      }
    });
  }
  (pod.status?.podIPs ?? []).forEach((ip, i) => errs.push(...validateIP(ip.ip ?? '', st.child('podIPs').index(i))));
  const hostIPs = pod.status?.hostIPs ?? [];
  if (hostIPs.length > 0) {
    if ((pod.status?.hostIP ?? '') !== hostIPs[0]?.ip) errs.push(field.invalid(st.child('hostIPs').index(0).child('ip'), hostIPs[0]?.ip ?? '', 'must be equal to `hostIP`'));
    hostIPs.forEach((ip, i) => errs.push(...validateIP(ip.ip ?? '', st.child('hostIPs').index(i))));
  }
  return errs;
}
