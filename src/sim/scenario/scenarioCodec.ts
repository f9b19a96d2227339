// Scenarios in URLs: `?scenario=<name>` names a built-in one; `?scenario=v1.<base64url JSON>` (or the same in the
// fragment, `#scenario=…`, which never reaches a server) carries a whole scenario. The prefix is the format version,
// so a link made today keeps loading when the format grows: decoders upgrade older versions, never guess.
// A shared session (`#session=v1.…`, the Share button's link) is a scenario plus what the learner did in it: their
// files, their user, every apply/delete with the engine position it happened at, and the step they were looking at.
import { base64Decode, base64UrlEncode, utf8Decode } from '../util/base64.ts';
import { defaultScenario } from './defaultScenario.ts';
import { gallery } from './gallery.ts';
import type { Fault } from '../faults.ts';
import { SCENARIO_FORMAT_VERSION, type Scenario, type ScenarioFile } from './types.ts';

export const SCENARIO_PARAM = 'scenario';
export const SESSION_PARAM = 'session';
export const SESSION_FORMAT_VERSION = 1;

/** Scenarios a link may name instead of carrying: the gallery's. */
export const builtinScenarios: Readonly<Record<string, Scenario>> = Object.fromEntries(gallery.map((s) => [s.name, s]));

/**
 * One recorded action, after `tasksRun` engine clock tasks: a file applied or deleted as a user, a terminal command
 * line (with the files it names, as they were), or a fault caused on purpose.
 */
export type SharedAction = (
  | { kind: 'apply' | 'delete'; user: string; file: ScenarioFile }
  | { kind: 'command'; user: string; line: string; files: ScenarioFile[] }
  | { kind: 'fault'; user: string; fault: Fault }
) & { tasksRun: number };

export interface SharedSession {
  version: typeof SESSION_FORMAT_VERSION;
  /** A built-in scenario's name, or a whole scenario. */
  scenario: string | Scenario;
  /** The learner's editor files and chosen user. */
  files: ScenarioFile[];
  user: string;
  actions: SharedAction[];
  /** Trace events shown (the step the learner was at). */
  cursor: number;
  /** Trace events the learner's engine had computed (played ahead of the cursor); at least `cursor`. */
  known?: number;
}

export type DecodedSession = { ok: true; session: SharedSession; scenario: Scenario } | { ok: false; error: string };

export function encodeSession(session: SharedSession): string {
  return `v${SESSION_FORMAT_VERSION}.${base64UrlEncode(JSON.stringify(session))}`;
}

export function decodeSession(value: string): DecodedSession {
  const m = /^v(\d+)\.([A-Za-z0-9_-]*)$/.exec(value);
  if (!m) return { ok: false, error: 'the shared session is not a versioned value' };
  const version = Number(m[1]);
  if (version !== SESSION_FORMAT_VERSION) return { ok: false, error: `session format v${version} is not supported (this build reads v${SESSION_FORMAT_VERSION})` };
  const data = parseBase64Json(m[2] ?? '');
  if (typeof data === 'string') return { ok: false, error: data.replace('scenario', 'shared session') };
  const problem = checkSession(data.value);
  if (problem) return { ok: false, error: problem };
  const session = data.value as SharedSession;
  if (typeof session.scenario === 'string') {
    const builtin = builtinScenarios[session.scenario];
    if (!builtin) return { ok: false, error: `unknown scenario "${session.scenario.slice(0, 40)}"` };
    return { ok: true, session, scenario: builtin };
  }
  const scenarioProblem = checkScenario(session.scenario);
  return scenarioProblem ? { ok: false, error: scenarioProblem } : { ok: true, session, scenario: session.scenario };
}

/** The shared session in a page address (`session` in the fragment or the query), if there is one. */
export function sessionFromLocation(search: string, hash: string): DecodedSession | undefined {
  const value = queryParam(hash.replace(/^#/, ''), SESSION_PARAM) ?? queryParam(search.replace(/^\?/, ''), SESSION_PARAM);
  return value === undefined ? undefined : decodeSession(value);
}

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
  const data = parseBase64Json(m[2] ?? '');
  if (typeof data === 'string') return { ok: false, error: data };
  const problem = checkScenario(data.value);
  return problem ? { ok: false, error: problem } : { ok: true, scenario: data.value as Scenario };
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

/** The JSON value in a base64url string, or what is wrong with it. */
function parseBase64Json(text: string): { value: unknown } | string {
  const bytes = base64Decode(text);
  if (!bytes) return 'the scenario is not valid base64url';
  try {
    return { value: JSON.parse(utf8Decode(bytes)) as unknown };
  } catch {
    return 'the scenario is not valid JSON';
  }
}

function isFile(f: unknown): f is ScenarioFile {
  return typeof f === 'object' && f !== null && typeof (f as ScenarioFile).name === 'string' && typeof (f as ScenarioFile).content === 'string';
}

function checkSession(d: unknown): string | undefined {
  if (typeof d !== 'object' || d === null) return 'the shared session is not an object';
  const s = d as Partial<SharedSession>;
  if (s.version !== SESSION_FORMAT_VERSION) return 'the shared session\'s "version" does not match its link prefix';
  if (typeof s.scenario !== 'string' && (typeof s.scenario !== 'object' || s.scenario === null)) return 'the shared session names no scenario';
  if (!Array.isArray(s.files) || !s.files.every(isFile)) return 'the shared session\'s "files" must be a list of {name, content}';
  if (typeof s.user !== 'string') return 'the shared session needs a "user"';
  if (typeof s.cursor !== 'number' || !Number.isInteger(s.cursor) || s.cursor < 0) return 'the shared session\'s "cursor" must be a step number';
  if (s.known !== undefined && (typeof s.known !== 'number' || !Number.isInteger(s.known) || s.known < s.cursor)) return 'the shared session\'s "known" must be a step number past its cursor';
  const actionOk = (a: unknown): boolean => {
    if (typeof a !== 'object' || a === null) return false;
    const x = a as Record<string, unknown>;
    if (typeof x.user !== 'string' || typeof x.tasksRun !== 'number' || !Number.isInteger(x.tasksRun) || x.tasksRun < 0) return false;
    switch (x.kind) {
      case 'apply': case 'delete': return isFile(x.file);
      case 'command': return typeof x.line === 'string' && Array.isArray(x.files) && x.files.every(isFile);
      case 'fault': return isFault(x.fault);
      default: return false;
    }
  };
  if (!Array.isArray(s.actions) || !s.actions.every(actionOk)) return 'the shared session\'s "actions" are malformed';
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

function isFault(f: unknown): f is Fault {
  if (typeof f !== 'object' || f === null) return false;
  const x = f as Record<string, unknown>;
  switch (x.kind) {
    case 'kubelet': return typeof x.node === 'string' && typeof x.running === 'boolean';
    case 'image': return typeof x.image === 'string' && typeof x.available === 'boolean';
    case 'fill': return typeof x.node === 'string' && typeof x.full === 'boolean';
    default: return false;
  }
}
