// `crictl` (v1.32) on a node, against that node's containerd: `ps [-a]`, `pods`, `images`, `logs ID`. The tables
// come from src/sim/runtime/crictl.ts (via NodeManager). models cri-tools cmd/crictl (container.go, sandbox.go,
// image.go, logs.go). Simplified: error texts for unknown IDs are condensed to crictl's final fatal line.
import type { Engine } from '../Engine.ts';
import { flagBool, parseFlags, type FlagSpec } from './flags.ts';
import type { Output } from './output.ts';

const FLAGS: FlagSpec[] = [
  { name: 'all', short: 'a', type: 'bool' },
  { name: 'quiet', short: 'q', type: 'bool' },
  { name: 'runtime-endpoint', short: 'r', type: 'string' },
  { name: 'tail', type: 'string' },
];

const HELP = `NAME:
   crictl - client for CRI

USAGE:
   crictl [global options] command [command options]

COMMANDS (in this terminal):
   images, image, img  List images
   logs                Fetch the logs of a container
   pods                List pods
   ps                  List containers
`;

export function runCrictl(engine: Engine, node: string, argv: readonly string[], out: Output): number {
  const parsed = parseFlags(argv, FLAGS);
  if (!parsed.ok) {
    out.err(`Incorrect Usage: ${parsed.error.replace(/^unknown (shorthand )?flag: /, 'flag provided but not defined: ')}`);
    return 1;
  }
  const [cmd, ...args] = parsed.flags.args;
  const all = flagBool(parsed.flags, 'all');
  const quiet = flagBool(parsed.flags, 'quiet');
  const rt = engine.nodes.runtime(node);
  if (cmd === undefined) {
    out.out(HELP);
    return 0;
  }
  if (!rt) {
    out.err('FATA[0000] validate service connection: validate CRI v1 runtime API for endpoint "unix:///run/containerd/containerd.sock": rpc error: code = Unavailable desc = connection error');
    return 1;
  }
  switch (cmd) {
    case 'ps':
      if (quiet) {
        const ids = [...rt.containers.values()].filter((c) => all || c.state === 'CONTAINER_RUNNING').sort((a, b) => b.createdAt - a.createdAt).map((c) => c.id);
        if (ids.length > 0) out.out(ids.join('\n'));
        return 0;
      }
      out.out(engine.nodes.crictl(node, 'ps', { all }) ?? '');
      return 0;
    case 'pods':
      out.out(engine.nodes.crictl(node, 'pods') ?? '');
      return 0;
    case 'images': case 'image': case 'img':
      out.out(engine.nodes.crictl(node, 'images') ?? '');
      return 0;
    case 'logs': {
      const id = args[0];
      if (id === undefined) {
        out.err('FATA[0000] ID cannot be empty');
        return 1;
      }
      const matches = [...rt.containers.values()].filter((c) => c.id.startsWith(id));
      const c = matches[0];
      if (matches.length !== 1 || !c) {
        out.err(`FATA[0000] rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found`);
        return 1;
      }
      for (const l of c.logs) {
        if (l.stream === 'stdout') out.out(l.text);
        else out.err(l.text);
      }
      return 0;
    }
    default:
      out.err(`crictl: "${cmd}" is not supported in this terminal (it runs: crictl ps [-a], pods, images, logs ID)`);
      return 1;
  }
}
