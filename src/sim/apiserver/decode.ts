// Request bodies: JSON, or YAML (application/yaml), with the apiserver's 400 texts for malformed input.
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { errors } from '../api/status.ts';

export function parseYamlOrJson(text: string, yaml: boolean): unknown {
  if (yaml) {
    try {
      return parseYaml(text, { uniqueKeys: true });
    } catch (e) {
      if (e instanceof YAMLParseError) {
        const pos = e.linePos?.[0];
        throw errors.badRequest(`error converting YAML to JSON: yaml: line ${pos?.line ?? 0}: ${e.message.split('\n')[0] ?? ''}`);
      }
      throw errors.badRequest(String(e));
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw errors.badRequest(`couldn't get version/kind; json parse error: ${goJsonError(msg)}`);
  }
}

/** Turns a JS JSON.parse message into the wording of Go's encoding/json where it can. */
function goJsonError(msg: string): string {
  const m = /Unexpected token '?(.)'?/.exec(msg);
  if (m) return `invalid character '${m[1] ?? ''}' looking for beginning of value`;
  if (/Unexpected end of JSON input/.test(msg)) return 'unexpected end of JSON input';
  return msg;
}
