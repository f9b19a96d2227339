// The explorer's terminal: a small bash on the learner's workstation (kubectl, curl through `kubectl proxy`) that
// can `ssh` to the cluster's nodes (crictl everywhere, etcdctl on the node that hosts etcd). Every kubectl request
// goes through `engine.request` as the terminal's kubeconfig user. runCommandLine only calls engine APIs: it never
// runs the clock (the UI plays time), so the same engine state and line give the same output.
//
// Prompts: `USER@workstation:~$ ` on the workstation (USER = the kubeconfig user), `root@NODE:~# ` on a node.
import type { Engine } from '../Engine.ts';
import type { Actor } from '../trace/types.ts';
import type { KubectlLine } from '../kubectl/kubectl.ts';
import { runCrictl } from './crictl.ts';
import { runCurl } from './curl.ts';
import { runEtcdctl } from './etcdctl.ts';
import { runKubectl } from './kubectl.ts';
import { Output } from './output.ts';
import { parseCommandLine, type SimpleCommand } from './tokenize.ts';

export { completions } from './completions.ts';

export interface ShellHost {
  engine: Engine;
  /** The kubeconfig user kubectl (and `kubectl proxy`) authenticates as. */
  user: string;
  /** The workstation's files (`kubectl apply -f NAME`, `cat NAME`, `ls`). */
  files: { name: string; content: string }[];
  /** Called with more output of a command still running (kubectl get -w), from inside engine clock steps. */
  stream?: (lines: KubectlLine[]) => void;
}

export interface ShellState {
  /** 'workstation' or a node name after `ssh NODE`. */
  host: string;
  /** `kubectl proxy` serves on the workstation's 127.0.0.1:8001. */
  proxy: boolean;
  cwdFiles?: never;
}

export interface ShellOutput {
  lines: KubectlLine[];
  state: ShellState;
  /** The prompt after the command (the host may have changed). */
  prompt: string;
  /** The exit status of the last command run ($?). */
  exitCode: number;
  /** Set when the command keeps running (a watch): the host calls stop() on Ctrl+C or before the next command. */
  running?: { stop(): void; command: string };
}

export const WORKSTATION = 'workstation';

/** The line `clear` outputs (what `clear` writes for xterm: home, erase screen, erase scrollback). */
export const CLEAR_SCREEN = '\x1b[H\x1b[2J\x1b[3J';

export function initialShellState(): ShellState {
  return { host: WORKSTATION, proxy: false };
}

export function promptFor(state: ShellState, user: string): string {
  return state.host === WORKSTATION ? `${user}@${WORKSTATION}:~$ ` : `root@${state.host}:~# `;
}

/** The node whose static etcd pod the scenario's cluster runs on: the control-plane node (kubeadm's layout). */
export function etcdNode(engine: Engine): string | undefined {
  const nodes = engine.scenario.cluster.nodes;
  return (nodes.find((n) => n.labels && 'node-role.kubernetes.io/control-plane' in n.labels) ?? nodes[0])?.name;
}

/** The commands each host has, for `help`, `command not found` and Tab completion. */
export function commandsOn(engine: Engine, state: ShellState): string[] {
  const builtins = ['cat', 'clear', 'echo', 'exit', 'help', 'ls', 'ssh', 'whoami'];
  if (state.host === WORKSTATION) return [...builtins, 'curl', 'kubectl'].sort();
  return [...builtins, 'crictl', 'curl', ...(state.host === etcdNode(engine) ? ['etcdctl'] : [])].sort();
}

export function runCommandLine(host: ShellHost, state: ShellState, line: string): ShellOutput {
  const out = new Output();
  const parsed = parseCommandLine(line);
  let current = state;
  let exitCode = 0;
  let running: ShellOutput['running'];
  if (!parsed.ok) {
    out.err(parsed.message);
    exitCode = parsed.exitCode;
  } else {
    const { commands, operators } = parsed.list;
    for (const [i, cmd] of commands.entries()) {
      const op = i === 0 ? ';' : operators[i - 1];
      if ((op === '&&' && exitCode !== 0) || (op === '||' && exitCode === 0)) continue;
      const r = runOne(host, current, cmd, out);
      current = r.state;
      exitCode = r.exitCode;
      if (r.running) {
        // The watch holds the terminal; Ctrl+C ends it and, as in bash, the rest of the list with it.
        const job = r.running;
        running = { stop: () => job.stop(), command: line.trim() };
        break;
      }
    }
  }
  return { lines: out.lines, state: current, prompt: promptFor(current, host.user), exitCode, ...(running ? { running } : {}) };
}

interface CommandRun {
  state: ShellState;
  exitCode: number;
  running?: { stop(): void };
}

function runOne(host: ShellHost, state: ShellState, cmd: SimpleCommand, out: Output): CommandRun {
  const [name, ...args] = cmd.argv;
  const done = (exitCode: number, s: ShellState = state): CommandRun => ({ state: s, exitCode });
  if (name === undefined) return done(0); // only assignments
  if (cmd.background) out.err('[1] 4242'); // bash's job line; the job itself runs to completion here
  const onWorkstation = state.host === WORKSTATION;
  if (!commandsOn(host.engine, state).includes(name)) {
    out.err(`bash: ${name}: command not found`);
    return done(127);
  }
  switch (name) {
    case 'kubectl': {
      const r = runKubectl(host, state, args, out);
      return r.running ? { state: r.state, exitCode: r.exitCode, running: r.running } : done(r.exitCode, r.state);
    }
    case 'curl':
      return done(runCurl({ engine: host.engine, user: host.user, proxy: onWorkstation && state.proxy, out }, args));
    case 'etcdctl':
      note(host, 'etcd', `etcdctl ${args.join(' ')} talks to etcd directly, on control-plane's client port 2379: no kube-apiserver, so no authentication, RBAC, admission or watch. Only the API server (and whoever holds etcd's client certificate) should ever reach etcd.`);
      return done(runEtcdctl(host.engine.etcd, args, out));
    case 'crictl':
      note(host, `containerd/${state.host}`, `crictl ${args.join(' ')} asks containerd on ${state.host} over its CRI socket (/run/containerd/containerd.sock): the runtime's own view of containers and sandboxes, the same API the kubelet uses, with no API server in between.`);
      return done(runCrictl(host.engine, state.host, args, out));
    case 'ssh':
      return ssh(host, state, args, out);
    case 'exit': case 'logout':
      if (onWorkstation) return done(0); // the terminal stays open
      out.out('logout');
      out.err(`Connection to ${state.host} closed.`);
      return done(0, { ...state, host: WORKSTATION });
    case 'clear':
      out.out(CLEAR_SCREEN);
      return done(0);
    case 'echo':
      out.out(args.join(' '));
      return done(0);
    case 'whoami':
      out.out(onWorkstation ? host.user : 'root');
      return done(0);
    case 'ls': {
      if (!onWorkstation) return done(0);
      const names = host.files.map((f) => f.name).sort();
      if (args.length > 0) {
        const missing = args.filter((a) => !names.includes(a.replace(/^\.\//, '')));
        for (const m of missing) out.err(`ls: cannot access '${m}': No such file or directory`);
        const found = args.filter((a) => !missing.includes(a));
        if (found.length > 0) out.out(found.join('  '));
        return done(missing.length > 0 ? 2 : 0);
      }
      if (names.length > 0) out.out(names.join('  '));
      return done(0);
    }
    case 'cat': {
      let code = 0;
      for (const a of args) {
        const f = onWorkstation ? host.files.find((x) => x.name === a.replace(/^\.\//, '')) : undefined;
        if (!f) {
          out.err(`cat: ${a}: No such file or directory`);
          code = 1;
        } else out.out(f.content);
      }
      return done(code);
    }
    case 'help':
      out.out(helpText(host.engine, state));
      return done(0);
    default:
      out.err(`bash: ${name}: command not found`);
      return done(127);
  }
}

function ssh(host: ShellHost, state: ShellState, args: readonly string[], out: Output): CommandRun {
  const target = args.find((a) => !a.startsWith('-'));
  if (target === undefined) {
    out.err('usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]\n           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]\n           [-J destination] [-L address] [-l login_name] [-m mac_spec]\n           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]\n           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]\n           destination [command [argument ...]]');
    return { state, exitCode: 255 };
  }
  const node = target.includes('@') ? target.slice(target.indexOf('@') + 1) : target;
  if (!host.engine.nodes.nodeNames().includes(node)) {
    out.err(`ssh: Could not resolve hostname ${node}: Name or service not known`);
    return { state, exitCode: 255 };
  }
  // Simplified: no login banner; a node's shell starts in root's home.
  return { state: { ...state, host: node }, exitCode: 0 };
}

function helpText(engine: Engine, state: ShellState): string {
  if (state.host !== WORKSTATION) {
    const etcd = state.host === etcdNode(engine);
    return `You are on node ${state.host} (root). Commands here:
  crictl ps [-a] | pods | images | logs ID     the node's containerd, as the kubelet sees it
${etcd ? '  etcdctl get KEY [--prefix] [--keys-only] [--rev N] [-w json]   read etcd directly (try: etcdctl get /registry/pods --prefix --keys-only)\n' : ''}  exit                                          back to the workstation
  cat, clear, echo, ls, whoami, help`;
  }
  const etcd = etcdNode(engine);
  return `You are on your workstation; kubectl talks to the cluster as your kubeconfig user. Commands:
  kubectl get TYPE [NAME] [-o wide|yaml|json|name] [-n NS | -A] [-l SEL] [--field-selector SEL] [--show-labels]
  kubectl get pods -w             keeps printing changes as time plays (Ctrl+C stops it)
  kubectl describe pod|node NAME  kubectl get --raw PATH          kubectl logs POD [-c C] [--previous]
  kubectl apply -f FILE           kubectl delete -f FILE | kubectl delete TYPE NAME
  kubectl run NAME --image=IMG [--restart=Never] [--labels=k=v] [--port=N] [--dry-run=client|server] [-o yaml]
  kubectl create deployment NAME --image=IMG [--replicas=N]    kubectl scale deployment NAME --replicas=N
  kubectl create role|clusterrole NAME --verb=get,list --resource=pods [--resource-name=N]
  kubectl create rolebinding|clusterrolebinding NAME --role=R|--clusterrole=CR --user=U [--group=G] [--serviceaccount=NS:SA]
  kubectl label|annotate TYPE NAME k=v [k-] [--overwrite]      kubectl cordon|uncordon NODE
  kubectl auth can-i VERB TYPE [--as USER] [-n NS]      kubectl auth can-i --list [--as USER] [-n NS]
  kubectl auth whoami
  kubectl version                 kubectl api-resources
  kubectl proxy                   then: curl http://localhost:8001/api/v1/pods
  ssh NODE                        a node's shell: crictl${etcd ? `; etcdctl on ${etcd}` : ''}
  ls, cat FILE, clear, echo, whoami, help       && || ; and quotes work; pipes and redirections do not`;
}

/** Puts a tool that bypasses kube-apiserver in the trace, so the diagram lights what it reached and says why. */
function note(host: ShellHost, actor: Actor, text: string): void {
  host.engine.tracer.emit(host.engine.tracer.newSpan(), null, { type: 'note', actor, text });
}
