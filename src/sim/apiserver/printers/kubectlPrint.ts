// Renders a server-side Table as `kubectl get` v1.32 prints it: models decorateTable and printTable in
// staging/src/k8s.io/cli-runtime/pkg/printers/tableprinter.go, written through the tabwriter kubectl uses
// (cli-runtime/pkg/printers/tabwriter.go: minwidth 6, tabwidth 4, padding 3, padchar ' ').
import type { ObjectMeta } from '../../api/types.ts';
import { formatLabels } from './labels.ts';
import { tabwrite } from './tabwriter.ts';
import type { Table, TableCell, TableColumnDefinition } from './types.ts';

export interface RenderTableOptions {
  /** `-o wide`: also show priority-1 columns. */
  wide: boolean;
  noHeaders?: boolean;
  /** `-A` / `--all-namespaces`: a leading NAMESPACE column, filled from each row's object metadata. */
  showNamespace?: boolean;
  /** `--show-labels`: a trailing LABELS column, filled from each row's object metadata. */
  showLabels?: boolean;
}

const TABWRITER = { minWidth: 6, padding: 3 };

export function metadataOf(object: unknown): ObjectMeta | undefined {
  if (object === null || typeof object !== 'object') return undefined;
  const metadata = (object as { metadata?: unknown }).metadata;
  return metadata !== null && typeof metadata === 'object' ? metadata : undefined;
}

/**
 * A cell's text: nil prints nothing, other values as fmt.Sprint does; strings stop at the first line break
 * (with "..." appended) and terminal escapes are made visible, as kubectl's printer does.
 */
export function cellText(cell: TableCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  let text = String(cell);
  let truncated = false;
  const breakAt = text.search(/[\f\n\r]/);
  if (breakAt >= 0) {
    text = text.slice(0, breakAt);
    truncated = true;
  }
  text = text.replaceAll('\x1b', '^[');
  return truncated ? `${text}...` : text;
}

/**
 * The text `kubectl get` writes for `table`, each line ending in "\n". An empty table prints nothing (the
 * caller prints kubectl's "No resources found ..." message itself).
 */
export function renderTable(table: Table, opts: RenderTableOptions): string {
  if (table.rows.length === 0) return '';
  const columns: TableColumnDefinition[] = table.columnDefinitions ?? [];
  const visible = columns.filter((c) => opts.wide || c.priority === 0);

  const lines: string[][] = [];
  if (!opts.noHeaders) {
    const header = visible.map((c) => c.name.toUpperCase());
    if (opts.showNamespace) header.unshift('NAMESPACE');
    if (opts.showLabels) header.push('LABELS');
    lines.push(header);
  }
  for (const row of table.rows) {
    const metadata = metadataOf(row.object);
    // Cells beyond the column definitions are dropped, as kubectl does for bad server output.
    const line = row.cells
      .slice(0, columns.length)
      .filter((_, i) => opts.wide || columns[i]?.priority === 0)
      .map(cellText);
    if (opts.showNamespace) line.unshift(metadata?.namespace ?? '');
    if (opts.showLabels) line.push(metadata ? formatLabels(metadata.labels) : '');
    lines.push(line);
  }
  return tabwrite(lines, TABWRITER);
}
