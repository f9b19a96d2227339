// The simulated image registries (Docker Hub, registry.k8s.io, …) every node pulls from: which references resolve,
// how long a pull takes, and the error containerd 1.7 reports when one does not. Outages are injected per image.
import type { Rng } from '../rng.ts';
import { knownRepository, lookupImage, normalizeImage, type ResolvedImage } from './images.ts';

export type ResolveResult =
  | { ok: true; image: ResolvedImage; durationMs: number; resolveMs: number }
  | { ok: false; error: string; durationMs: number };

export interface RegistryOptions {
  /** Bytes per second a node downloads at. */
  bandwidth?: number;
  /** Round trips to resolve the reference and fetch the manifest. */
  latencyMs?: number;
}

const WELL_KNOWN_REGISTRIES = new Set(['docker.io', 'registry.k8s.io', 'quay.io', 'ghcr.io', 'gcr.io', 'mcr.microsoft.com', 'public.ecr.aws']);

/** The host a registry API lives at ("docker.io" is served by registry-1.docker.io). */
function apiHost(domain: string): string {
  return domain === 'docker.io' ? 'registry-1.docker.io' : domain;
}

export class ImageRegistry {
  private readonly unavailable = new Set<string>();
  private readonly bandwidth: number;
  private readonly latencyMs: number;

  constructor(private readonly rng: Rng, opts: RegistryOptions = {}) {
    this.bandwidth = opts.bandwidth ?? 40_000_000;
    this.latencyMs = opts.latencyMs ?? 350;
  }

  /** Failure injection: make pulls of this image (any reference form, e.g. "nginx") fail until restored. */
  setUnavailable(image: string, unavailable: boolean): void {
    const ref = normalizeImage(image);
    if (unavailable) this.unavailable.add(ref.full);
    else this.unavailable.delete(ref.full);
  }

  isUnavailable(image: string): boolean {
    return this.unavailable.has(normalizeImage(image).full);
  }

  /** Resolves and "downloads" a reference: the image, or containerd's error text, and the virtual time it took. */
  pull(image: string): ResolveResult {
    const ref = normalizeImage(image);
    const jitter = (): number => 0.85 + this.rng.float() * 0.3;
    const resolveMs = Math.round(this.latencyMs * jitter());
    const prefix = `failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}"`;
    const domain = ref.repo.split('/')[0] ?? '';
    const path = ref.repo.slice(domain.length + 1);
    if (this.unavailable.has(ref.full)) {
      const manifest = ref.digest !== '' ? ref.digest : ref.tag;
      return { ok: false, durationMs: resolveMs, error: `${prefix}: unexpected status from HEAD request to https://${apiHost(domain)}/v2/${path}/manifests/${manifest}: 503 Service Unavailable` };
    }
    const found = lookupImage(ref);
    if (found) {
      const durationMs = resolveMs + Math.round((found.size / this.bandwidth) * 1000 * jitter());
      return { ok: true, image: found, durationMs, resolveMs };
    }
    if (domain === 'docker.io' && !knownRepository(ref.repo)) {
      return { ok: false, durationMs: resolveMs, error: `${prefix}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed` };
    }
    if (!WELL_KNOWN_REGISTRIES.has(domain)) {
      return { ok: false, durationMs: resolveMs, error: `${prefix}: failed to do request: Head "https://${domain}/v2/${path}/manifests/${ref.digest !== '' ? ref.digest : ref.tag}": dial tcp: lookup ${domain.split(':')[0] ?? domain}: no such host` };
    }
    return { ok: false, durationMs: resolveMs, error: `${prefix}: ${ref.full}: not found` };
  }
}
