// `kubectl get -w`: list (or get) and print, then watch from the list's resourceVersion (from "0" for one named
// object, whose synthetic ADDED event is skipped) and print one row per event, without repeating the header.
// Events arrive on the engine's clock through the apiserver's watch stream, as the HTTP adapter streams them to
// the real kubectl; each later row goes to the host's `stream` callback. Column widths only ever grow, as
// kubectl's tabwriter remembers them across flushes (github.com/liggitt/tabwriter RememberWidths).
// models staging/src/k8s.io/kubectl/pkg/cmd/get/get.go (watch) and cli-runtime's tableprinter.go (PrintObj:
// headers once per column set, the EVENT column of --output-watch-events).
import type { ApiResponse, WatchEventOut } from '../apiserver/ApiServer.ts';
import { formatLabels } from '../apiserver/printers/labels.ts';
import { cellText, metadataOf } from '../apiserver/printers/kubectlPrint.ts';
import type { Table, TableColumnDefinition } from '../apiserver/printers/types.ts';
import type { ResourceInfo } from '../apiserver/resources.ts';
import type { KubeObject } from '../api/types.ts';
import { canonicalJsonEqual as jsonEqual } from '../util/jsonEqual.ts';
import { ACCEPT_JSON, ACCEPT_TABLE, serverErrorText, statusOf } from './apiClient.ts';
import type { KubectlEnv } from './kubectlEnv.ts';
import { kindGroup, resourcePath } from './resourceTypes.ts';

export interface WatchOptions {
  info: ResourceInfo;
  name?: string;
  allNamespaces: boolean;
  /** '' (table), 'wide' or 'name'. */
  output: string;
  watchOnly: boolean;
  outputWatchEvents: boolean;
  noHeaders: boolean;
  showLabels: boolean;
  labelSelector?: string | undefined;
  fieldSelector?: string | undefined;
}

/** kubectl's table tabwriter: minwidth 6, padding 3. */
const MIN_WIDTH = 6;
const PADDING = 3;

/** The table printer of one `get -w`: remembers the columns it printed a header for and every column's width. */
class WatchTablePrinter {
  private lastColumns: TableColumnDefinition[] = [];
  private printedHeaders = false;
  private widths: number[] = [];

  constructor(private readonly o: WatchOptions) {}

  /** The lines for one PrintObj of `table` (and a Flush). */
  print(table: Table, eventType?: string): string[] {
    const columns = table.columnDefinitions ?? [];
    let noHeaders = this.o.noHeaders;
    if (this.printedHeaders && (columns.length === 0 || jsonEqual(columns, this.lastColumns))) noHeaders = true;
    if (columns.length > 0 && !jsonEqual(columns, this.lastColumns)) {
      this.lastColumns = columns;
      this.printedHeaders = false;
    }
    const defs = columns.length > 0 ? columns : this.lastColumns;
    // printTable prints nothing, not even headers, for a table without rows.
    if (table.rows.length === 0) return [];
    const wide = this.o.output === 'wide';
    const lines: string[][] = [];
    if (!noHeaders) {
      const header = defs.filter((c) => wide || c.priority === 0).map((c) => c.name.toUpperCase());
      if (this.o.allNamespaces && this.o.info.namespaced) header.unshift('NAMESPACE');
      if (this.o.outputWatchEvents) header.unshift('EVENT');
      if (this.o.showLabels) header.push('LABELS');
      lines.push(header);
      this.printedHeaders = true;
    }
    for (const row of table.rows) {
      const meta = metadataOf(row.object);
      const cells = row.cells.slice(0, defs.length).filter((_, i) => wide || defs[i]?.priority === 0).map(cellText);
      if (this.o.allNamespaces && this.o.info.namespaced) cells.unshift(meta?.namespace ?? '');
      if (this.o.outputWatchEvents) cells.unshift(formatEventType(eventType ?? 'ADDED'));
      if (this.o.showLabels) cells.push(meta ? formatLabels(meta.labels) : '');
      lines.push(cells);
    }
    for (const l of lines) {
      l.slice(0, -1).forEach((cell, j) => {
        this.widths[j] = Math.max(this.widths[j] ?? MIN_WIDTH, runeWidth(cell) + PADDING);
      });
    }
    return lines.map((l) => l.map((cell, j) => (j < l.length - 1 ? cell + ' '.repeat(Math.max(0, (this.widths[j] ?? 0) - runeWidth(cell))) : cell)).join(''));
  }
}

/** tableprinter's formatEventType: the known types padded to eight characters. */
function formatEventType(type: string): string {
  return ['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR'].includes(type) ? type.padEnd(8) : type;
}

function runeWidth(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Runs `get -w`: prints what exists now into env.out, then hands the open watch to env.keepRunning. */
export function watchGet(env: KubectlEnv, o: WatchOptions): number {
  const { out } = env;
  const stream = env.stream;
  if (!stream || !env.keepRunning) return 1;
  const human = o.output === '' || o.output === 'wide';
  const accept = human ? ACCEPT_TABLE : ACCEPT_JSON;
  const ns = o.info.namespaced ? (o.allNamespaces && o.name === undefined ? '' : env.namespace) : '';
  const isList = o.name === undefined;
  const first = isList
    ? env.client.send('GET', resourcePath(o.info, ns), { query: { labelSelector: o.labelSelector, fieldSelector: o.fieldSelector, limit: '500' }, accept })
    : env.client.send('GET', resourcePath(o.info, ns, o.name), { accept });
  if (first.code >= 400) {
    out.err(serverErrorText(first), first.span, statusOf(first));
    return 1;
  }
  const printer = new WatchTablePrinter(o);
  const render = (body: unknown, eventType?: string): string[] => {
    if (human) return printer.print(body as Table, eventType);
    const items = Array.isArray((body as { items?: unknown }).items) ? (body as { items: KubeObject[] }).items : [body as KubeObject];
    return items.map((i) => `${kindGroup(o.info)}/${i.metadata?.name ?? ''}`);
  };
  // Watching a list starts at its resourceVersion (no synthetic events); one object is watched from "0", whose
  // synthetic ADDED event repeats what was just printed and is skipped.
  const rv = isList ? String((first.body as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion ?? '') : '0';
  if (!o.watchOnly) {
    const lines = render(first.body, o.outputWatchEvents ? 'ADDED' : undefined);
    if (lines.length > 0) out.out(lines.join('\n'), first.span);
  }
  let outputObjects = isList;
  const watch: ApiResponse = env.client.send('GET', resourcePath(o.info, ns), {
    query: {
      labelSelector: o.labelSelector,
      fieldSelector: o.name !== undefined ? `metadata.name=${o.name}` : o.fieldSelector,
      resourceVersion: rv,
      watch: 'true',
    },
    accept,
  });
  if (watch.code >= 400 || !watch.watch) {
    out.err(serverErrorText(watch), watch.span, statusOf(watch));
    return 1;
  }
  const w = watch.watch;
  w.onEvent((e: WatchEventOut) => {
    if (e.type === 'BOOKMARK' || e.type === 'ERROR') return; // Simplified: kubectl ends the watch on an ERROR event.
    const show = outputObjects;
    outputObjects = true;
    if (!show) return;
    const lines = render(e.object, e.type);
    if (lines.length > 0) stream(lines.map((text) => ({ stream: 'stdout' as const, text, span: watch.span })));
  });
  env.keepRunning({ stop: () => w.close() });
  return 0;
}
