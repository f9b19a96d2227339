// models staging/src/k8s.io/apiserver/pkg/authentication: a union of authenticators tried in order
// (x509 client certificates, static bearer tokens, ServiceAccount tokens), then anonymous.
import type { UserInfo } from '../../api/types.ts';
import { base64Decode, base64UrlEncode, utf8Decode } from '../../util/base64.ts';
import type { ObjectReader } from '../admission/types.ts';

export const ANONYMOUS = 'system:anonymous';
export const UNAUTHENTICATED = 'system:unauthenticated';
export const AUTHENTICATED = 'system:authenticated';

/** What a request presents: a bearer token (Authorization header) and/or a verified client certificate. */
export interface Credentials {
  bearerToken?: string;
  clientCert?: { commonName: string; organizations: string[] };
}

export type AuthnResult =
  | { ok: true; user: UserInfo; authenticator: string }
  | { ok: false; authenticator: string; reason: string };

export interface TokenUser {
  token: string;
  user: UserInfo;
}

/** Adds system:authenticated as the authentication union does for every authenticated user. */
function withAuthenticatedGroup(user: UserInfo): UserInfo {
  return user.groups.includes(AUTHENTICATED) ? user : { ...user, groups: [...user.groups, AUTHENTICATED] };
}

export function serviceAccountUsername(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

export function serviceAccountGroups(namespace: string): string[] {
  return ['system:serviceaccounts', `system:serviceaccounts:${namespace}`];
}

/** Parses "system:serviceaccount:<ns>:<name>". */
export function parseServiceAccountUsername(username: string): { namespace: string; name: string } | undefined {
  const parts = username.split(':');
  if (parts.length !== 4 || parts[0] !== 'system' || parts[1] !== 'serviceaccount' || !parts[2] || !parts[3]) return undefined;
  return { namespace: parts[2], name: parts[3] };
}

/**
 * Signs and checks the engine's ServiceAccount tokens: JWT-shaped (header.claims.signature) with the claims a
 * v1.32 token carries. The signature is a keyed hash, not RSA: enough to tell forged tokens from issued ones.
 */
export class ServiceAccountTokens {
  /**
   * Verdicts by token text: verification is a pure function of the token (the claims carry no check against the
   * clock here), and components present the same few tokens on every request. Bounded; cleared when full.
   */
  private readonly verified = new Map<string, { namespace: string; name: string; uid: string } | undefined>();

  constructor(private readonly key: string, readonly issuer = 'https://kubernetes.default.svc.cluster.local') {}

  issue(namespace: string, name: string, uid: string, issuedAtSec: number, expirationSeconds = 3607): string {
    const header = base64UrlEncode(JSON.stringify({ alg: 'RS256', kid: 'sim' }));
    const claims = base64UrlEncode(JSON.stringify({
      aud: [this.issuer], exp: issuedAtSec + expirationSeconds, iat: issuedAtSec, iss: this.issuer,
      'kubernetes.io': { namespace, serviceaccount: { name, uid } },
      nbf: issuedAtSec, sub: serviceAccountUsername(namespace, name),
    }));
    return `${header}.${claims}.${this.sign(`${header}.${claims}`)}`;
  }

  /** The claims of a token this issuer signed, or undefined. */
  verify(token: string): { namespace: string; name: string; uid: string } | undefined {
    if (this.verified.has(token)) {
      const hit = this.verified.get(token);
      return hit && { ...hit };
    }
    const result = this.check(token);
    if (this.verified.size >= 4096) this.verified.clear();
    this.verified.set(token, result && { ...result });
    return result;
  }

  private check(token: string): { namespace: string; name: string; uid: string } | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [header, claims, sig] = parts as [string, string, string];
    if (this.sign(`${header}.${claims}`) !== sig) return undefined;
    const bytes = base64Decode(claims);
    if (!bytes) return undefined;
    try {
      const c = JSON.parse(utf8Decode(bytes)) as { 'kubernetes.io'?: { namespace?: string; serviceaccount?: { name?: string; uid?: string } } };
      const k = c['kubernetes.io'];
      if (!k?.namespace || !k.serviceaccount?.name) return undefined;
      return { namespace: k.namespace, name: k.serviceaccount.name, uid: k.serviceaccount.uid ?? '' };
    } catch {
      return undefined;
    }
  }

  private sign(text: string): string {
    // FNV-1a over key+text, widened to 256 bits by re-hashing: deterministic, dependency-free.
    let out = '';
    let h = 2166136261;
    for (let round = 0; round < 8; round++) {
      for (const ch of `${this.key}:${round}:${text}`) {
        h ^= ch.charCodeAt(0);
        h = Math.imul(h, 16777619);
      }
      out += (h >>> 0).toString(16).padStart(8, '0');
    }
    return base64UrlEncode(out);
  }
}

export class Authenticator {
  constructor(
    private readonly staticTokens: TokenUser[],
    private readonly saTokens: ServiceAccountTokens,
    private readonly store: ObjectReader,
    private readonly anonymousEnabled = true,
  ) {}

  authenticate(creds: Credentials): AuthnResult {
    if (creds.clientCert) {
      const { commonName, organizations } = creds.clientCert;
      return { ok: true, authenticator: 'x509', user: withAuthenticatedGroup({ name: commonName, groups: [...organizations] }) };
    }
    if (creds.bearerToken !== undefined) {
      const token = creds.bearerToken;
      const fixed = this.staticTokens.find((t) => t.token === token);
      if (fixed) return { ok: true, authenticator: 'token-file', user: withAuthenticatedGroup(fixed.user) };
      const sa = this.saTokens.verify(token);
      if (sa) {
        const obj = this.store.get('', 'serviceaccounts', sa.namespace, sa.name);
        if (!obj) return { ok: false, authenticator: 'serviceaccount', reason: `serviceaccounts "${sa.name}" not found` };
        if (sa.uid !== '' && obj.metadata?.uid !== sa.uid) {
          return { ok: false, authenticator: 'serviceaccount', reason: `service account UID (${sa.uid}) does not match service account UID in claims (${obj.metadata?.uid ?? ''})` };
        }
        return {
          ok: true, authenticator: 'serviceaccount',
          user: withAuthenticatedGroup({ name: serviceAccountUsername(sa.namespace, sa.name), uid: sa.uid, groups: serviceAccountGroups(sa.namespace) }),
        };
      }
      return { ok: false, authenticator: 'bearer-token', reason: 'invalid bearer token' };
    }
    if (this.anonymousEnabled) return { ok: true, authenticator: 'anonymous', user: { name: ANONYMOUS, groups: [UNAUTHENTICATED] } };
    return { ok: false, authenticator: 'anonymous', reason: 'anonymous requests are disabled' };
  }
}
