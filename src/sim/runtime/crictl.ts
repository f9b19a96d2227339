// models cri-tools v1.32 `crictl ps`, `crictl pods` and `crictl images` table output (cmd/crictl/container.go,
// sandbox.go, image.go): a tabwriter with minwidth 20, padding 3; IDs truncated to 13 characters; CREATED as
// go-units HumanDuration + " ago"; SIZE as go-units HumanSizeWithPrecision(size, 3). v1.32 added NAMESPACE to ps.
import { tabwrite } from '../apiserver/printers/tabwriter.ts';
import type { ContainerRuntime } from './ContainerRuntime.ts';

const TRUNC = 13;

/** github.com/docker/go-units HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

/** go-units HumanSizeWithPrecision(size, 3): decimal units, Go's %.3g ("72.1MB", "320kB", "4.27MB"). */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
  let size = bytes;
  let i = 0;
  while (size >= 1000 && i < units.length - 1) {
    size /= 1000;
    i++;
  }
  let text = size.toPrecision(3);
  if (text.includes('e')) text = String(Number(text));
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  return `${text}${units[i] ?? ''}`;
}

function table(rows: string[][]): string {
  return tabwrite(rows, { minWidth: 20, padding: 3 }).replace(/\n?$/, '\n');
}

const byCreatedDesc = <T extends { createdAt: number }>(a: T, b: T): number => b.createdAt - a.createdAt;

/** `crictl ps` (running containers) or `crictl ps -a`. */
export function crictlPs(rt: ContainerRuntime, nowWallMs: number, opts: { all?: boolean } = {}): string {
  const rows = [['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE']];
  const list = [...rt.containers.values()].filter((c) => opts.all || c.state === 'CONTAINER_RUNNING').sort(byCreatedDesc);
  for (const c of list) {
    rows.push([
      c.id.slice(0, TRUNC), c.image.id.replace(/^sha256:/, '').slice(0, TRUNC), `${humanDuration(nowWallMs - c.createdAt)} ago`,
      stateName(c.state), c.name, String(c.attempt), c.sandboxId.slice(0, TRUNC), c.podName, c.podNamespace,
    ]);
  }
  return table(rows);
}

function stateName(s: string): string {
  switch (s) {
    case 'CONTAINER_CREATED': return 'Created';
    case 'CONTAINER_RUNNING': return 'Running';
    case 'CONTAINER_EXITED': return 'Exited';
    default: return 'Unknown';
  }
}

/** `crictl pods`. */
export function crictlPods(rt: ContainerRuntime, nowWallMs: number): string {
  const rows = [['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME']];
  for (const s of [...rt.sandboxes.values()].sort(byCreatedDesc)) {
    rows.push([
      s.id.slice(0, TRUNC), `${humanDuration(nowWallMs - s.createdAt)} ago`, s.state === 'SANDBOX_READY' ? 'Ready' : 'NotReady',
      s.name, s.namespace, String(s.attempt), '(default)',
    ]);
  }
  return table(rows);
}

/** `crictl images`: one row per repo tag. */
export function crictlImages(rt: ContainerRuntime): string {
  const rows: string[][] = [];
  for (const s of rt.images.values()) {
    const id = s.image.id.replace(/^sha256:/, '').slice(0, TRUNC);
    for (const tag of [...s.repoTags].sort()) {
      const colon = tag.lastIndexOf(':');
      rows.push([tag.slice(0, colon), tag.slice(colon + 1), id, humanSize(s.image.size)]);
    }
  }
  rows.sort((a, b) => ((a[0] ?? '') + ':' + (a[1] ?? '') < (b[0] ?? '') + ':' + (b[1] ?? '') ? -1 : 1));
  return table([['IMAGE', 'TAG', 'IMAGE ID', 'SIZE'], ...rows]);
}
