// Scenarios in URLs: `?scenario=<name>` names a built-in one; `?scenario=v1.<base64url JSON>` (or the same in the
// fragment, `#scenario=…`, which never reaches a server) carries a whole scenario. The prefix is the format version,
// so a link made today keeps loading when the format grows: decoders upgrade older versions, never guess.
import { base64Decode, base64UrlEncode, utf8Decode } from '../util/base64.ts';
import { defaultScenario } from './defaultScenario.ts';
import { SCENARIO_FORMAT_VERSION, type Scenario } from './types.ts';

export const SCENARIO_PARAM = 'scenario';

/** Scenarios a link may name instead of carrying. */
export const builtinScenarios: Readonly<Record<string, Scenario>> = { [defaultScenario.name]: defaultScenario };

export type DecodedScenario = { ok: true; scenario: Scenario } | { ok: false; error: string };

export function encodeScenario(scenario: Scenario): string {
  return `v${SCENARIO_FORMAT_VERSION}.${base64UrlEncode(JSON.stringify(scenario))}`;
}

export function decodeScenario(value: string): DecodedScenario {
  const builtin = builtinScenarios[value];
  if (builtin) return { ok: true, scenario: builtin };
  const m = /^v(\d+)\.([A-Za-z0-9_-]*)$/.exec(value);
  if (!m) return { ok: false, error: `unknown scenario "${value.slice(0, 40)}"` };
  const version = Number(m[1]);
  if (version !== SCENARIO_FORMAT_VERSION) return { ok: false, error: `scenario format v${version} is not supported (this build reads v${SCENARIO_FORMAT_VERSION})` };
  const bytes = base64Decode(m[2] ?? '');
  if (!bytes) return { ok: false, error: 'the scenario is not valid base64url' };
  let data: unknown;
  try {
    data = JSON.parse(utf8Decode(bytes));
  } catch {
    return { ok: false, error: 'the scenario is not valid JSON' };
  }
  const problem = checkScenario(data);
  return problem ? { ok: false, error: problem } : { ok: true, scenario: data as Scenario };
}

/** The scenario a page address asks for: the query parameter wins over the fragment; none = the default. */
export function scenarioFromLocation(search: string, hash: string): DecodedScenario {
  const value = queryParam(search.replace(/^\?/, ''), SCENARIO_PARAM) ?? queryParam(hash.replace(/^#/, ''), SCENARIO_PARAM);
  return value === undefined ? { ok: true, scenario: defaultScenario } : decodeScenario(value);
}

/** The first value of `name` in an application/x-www-form-urlencoded string (no URLSearchParams in src/sim's lib). */
function queryParam(query: string, name: string): string | undefined {
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    const key = decodeURIComponent((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, ' '));
    if (key === name) return decodeURIComponent((eq < 0 ? '' : part.slice(eq + 1)).replace(/\+/g, ' '));
  }
  return undefined;
}

function checkScenario(d: unknown): string | undefined {
  if (typeof d !== 'object' || d === null) return 'the scenario is not an object';
  const s = d as Partial<Scenario>;
  if (s.version !== SCENARIO_FORMAT_VERSION) return 'the scenario\'s "version" does not match its link prefix';
  if (typeof s.name !== 'string' || typeof s.title !== 'string') return 'the scenario needs a "name" and a "title"';
  if (typeof s.seed !== 'number' || !Number.isInteger(s.seed)) return 'the scenario\'s "seed" must be an integer';
  const c = s.cluster;
  if (typeof c !== 'object' || !Array.isArray(c.nodes) || !Array.isArray(c.namespaces) || !Array.isArray(c.users) || !Array.isArray(c.objects)) {
    return 'the scenario\'s "cluster" needs nodes, namespaces, users and objects lists';
  }
  if (!Array.isArray(s.files) || !s.files.every((f) => typeof f?.name === 'string' && typeof f.content === 'string')) {
    return 'the scenario\'s "files" must be a list of {name, content}';
  }
  return undefined;
}
