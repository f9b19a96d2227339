// The simulated registry's catalogue: common images with the sizes containerd reports for them (the compressed
// content size, which the kubelet's Pulled event and `crictl images` show), their default entrypoint and command,
// and what running them does. Digests and image IDs are simulated: stable per image, not the registries' real ones.

/** What a container of this image does when its entrypoint runs unchanged. */
export type ImageBehaviour =
  | 'pause'            // registry.k8s.io/pause: sleeps until stopped
  | 'shell'            // a distribution whose default command is a shell (exits 0 at once without a terminal)
  | 'server';          // a long-running server (nginx, redis, …) with startup log lines

export interface CatalogueImage {
  /** Fully qualified repository, e.g. "docker.io/library/nginx". */
  repo: string;
  tags: string[];
  /** Bytes, as containerd reports Image.size. */
  size: number;
  entrypoint: string[];
  cmd: string[];
  behaviour: ImageBehaviour;
  /** The server program name the default entrypoint ends up running (for `command: [nginx, -g, ...]`). */
  binaries?: string[];
  /** Extra environment the image sets (ENV lines). */
  env?: Record<string, string>;
  /** The program version its startup log prints. */
  version?: string;
}

export interface ResolvedImage extends CatalogueImage {
  /** "sha256:<64 hex>": the image config digest, what crictl shows as IMAGE ID. */
  id: string;
  /** "docker.io/library/nginx@sha256:…": the repo digest, what the kubelet reports as imageID. */
  repoDigest: string;
}

const catalogue: CatalogueImage[] = [
  { repo: 'registry.k8s.io/pause', tags: ['3.10'], size: 320368, entrypoint: ['/pause'], cmd: [], behaviour: 'pause' },
  {
    repo: 'docker.io/library/nginx', tags: ['latest', '1.27', '1.27.3'], size: 72099410, version: '1.27.3',
    entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], behaviour: 'server', binaries: ['nginx', '/docker-entrypoint.sh'],
    env: { NGINX_VERSION: '1.27.3', NJS_VERSION: '0.8.7', PKG_RELEASE: '1~bookworm' },
  },
  {
    repo: 'docker.io/library/nginx', tags: ['1.26', '1.26.2', 'stable'], size: 71024578, version: '1.26.2',
    entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], behaviour: 'server', binaries: ['nginx', '/docker-entrypoint.sh'],
    env: { NGINX_VERSION: '1.26.2', PKG_RELEASE: '1~bookworm' },
  },
  {
    repo: 'docker.io/library/nginx', tags: ['alpine', '1.27-alpine'], size: 20475012, version: '1.27.3',
    entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], behaviour: 'server', binaries: ['nginx', '/docker-entrypoint.sh'],
    env: { NGINX_VERSION: '1.27.3' },
  },
  { repo: 'docker.io/library/busybox', tags: ['latest', '1.37', '1.36'], size: 2166802, entrypoint: [], cmd: ['sh'], behaviour: 'shell' },
  { repo: 'docker.io/library/alpine', tags: ['latest', '3.21', '3.20'], size: 3653068, entrypoint: [], cmd: ['/bin/sh'], behaviour: 'shell' },
  { repo: 'docker.io/library/ubuntu', tags: ['latest', '24.04', 'noble'], size: 29754422, entrypoint: [], cmd: ['/bin/bash'], behaviour: 'shell' },
  { repo: 'docker.io/library/debian', tags: ['latest', 'bookworm', '12'], size: 48494272, entrypoint: [], cmd: ['bash'], behaviour: 'shell' },
  {
    repo: 'docker.io/library/redis', tags: ['latest', '7', '7.4', '7.4.2'], size: 45006484, version: '7.4.2',
    entrypoint: ['docker-entrypoint.sh'], cmd: ['redis-server'], behaviour: 'server', binaries: ['redis-server', 'docker-entrypoint.sh'],
  },
  {
    repo: 'docker.io/library/httpd', tags: ['latest', '2.4', '2.4.62'], size: 58273349, version: '2.4.62',
    entrypoint: [], cmd: ['httpd-foreground'], behaviour: 'server', binaries: ['httpd-foreground', 'httpd'],
  },
  {
    repo: 'docker.io/library/postgres', tags: ['latest', '17', '17.2'], size: 161430709, version: '17.2',
    entrypoint: ['docker-entrypoint.sh'], cmd: ['postgres'], behaviour: 'server', binaries: ['postgres', 'docker-entrypoint.sh'],
  },
  {
    repo: 'docker.io/library/mysql', tags: ['latest', '9', '9.1', '8.4', 'lts'], size: 172296451, version: '9.1.0',
    entrypoint: ['docker-entrypoint.sh'], cmd: ['mysqld'], behaviour: 'server', binaries: ['mysqld', 'docker-entrypoint.sh'],
  },
  {
    repo: 'docker.io/library/memcached', tags: ['latest', '1.6', '1.6.34'], size: 33512660, version: '1.6.34',
    entrypoint: ['docker-entrypoint.sh'], cmd: ['memcached'], behaviour: 'server', binaries: ['memcached', 'docker-entrypoint.sh'],
  },
  {
    repo: 'docker.io/library/mongo', tags: ['latest', '8', '8.0', '8.0.4'], size: 290347866, version: '8.0.4',
    entrypoint: ['docker-entrypoint.sh'], cmd: ['mongod'], behaviour: 'server', binaries: ['mongod', 'docker-entrypoint.sh'],
  },
];

/** A reference split as the docker reference library normalises it ("nginx" → docker.io/library/nginx:latest). */
export interface ImageRef {
  /** docker.io/library/nginx */
  repo: string;
  /** "latest" when neither tag nor digest is given. */
  tag: string;
  digest: string;
  /** repo:tag or repo@digest, as containerd names the reference it resolves. */
  full: string;
}

/** models github.com/distribution/reference ParseNormalizedNamed + the kubelet's applyDefaultImageTag. */
export function normalizeImage(image: string): ImageRef {
  let rest = image;
  let digest = '';
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag = '';
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const first = rest.split('/')[0] ?? '';
  const hasDomain = rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  let repo = hasDomain ? rest : `docker.io/${rest.includes('/') ? rest : `library/${rest}`}`;
  if (repo.startsWith('index.docker.io/')) repo = `docker.io/${repo.slice('index.docker.io/'.length)}`;
  if (tag === '' && digest === '') tag = 'latest';
  const full = digest !== '' ? `${repo}@${digest}` : `${repo}:${tag}`;
  return { repo, tag, digest, full };
}

/** A stable 64-hex string derived from text (FNV-1a over rounds); stands in for sha256 digests. */
export function simulatedHex(text: string): string {
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995);
    h ^= h >>> 15;
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

function resolve(img: CatalogueImage): ResolvedImage {
  const key = `${img.repo}:${img.tags[0] ?? ''}`;
  return { ...img, id: `sha256:${simulatedHex(`config ${key}`)}`, repoDigest: `${img.repo}@sha256:${simulatedHex(`manifest ${key}`)}` };
}

const resolved = catalogue.map(resolve);

/** The catalogue entry a reference names (by tag or repo digest), if the registry has it. */
export function lookupImage(ref: ImageRef): ResolvedImage | undefined {
  for (const img of resolved) {
    if (img.repo !== ref.repo) continue;
    if (ref.digest !== '' ? img.repoDigest === `${ref.repo}@${ref.digest}` : img.tags.includes(ref.tag)) return img;
  }
  return undefined;
}

/** Whether the registry knows the repository at all (an unknown tag of a known repo fails differently). */
export function knownRepository(repo: string): boolean {
  return resolved.some((i) => i.repo === repo);
}

export function catalogueImages(): readonly ResolvedImage[] {
  return resolved;
}

export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';
