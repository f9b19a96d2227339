// Builds the meta.k8s.io/v1 Table kube-apiserver returns for `as=Table` requests: the resource's print handler
// (pkg/printers/tablegenerator.go GenerateTable, always wide) followed by the endpoint's per-row object
// transform (asTable in staging/src/k8s.io/apiserver/pkg/endpoints/handlers/response.go).
import type { KubeObject } from '../../api/types.ts';
import { deepClone } from '../../api/types.ts';
import { handlerFor } from './handlers.ts';
import type { PartialObjectMetadata, Table, TableListMeta, TableRow } from './types.ts';

export type { PartialObjectMetadata, Table, TableCell, TableColumnDefinition, TableListMeta, TableRow, TableRowCondition } from './types.ts';
export { findNodeRoles } from './handlers.ts';

/**
 * TableOptions.includeObject. "Metadata" is the server default (an absent or empty parameter);
 * `kubectl get` asks for "Object" only with --sort-by.
 */
export type IncludeObject = 'None' | 'Object' | 'Metadata';

export interface PrintTableOptions {
  /** Virtual wall time in ms since the Unix epoch (Clock.wallMs()): AGE and similar cells count up to it. */
  nowMs: number;
  includeObject: IncludeObject;
  /** The list's metadata; for a GET of one object pass that object's resourceVersion. */
  listMeta?: TableListMeta;
  /** TableOptions.noHeaders: omit the column definitions (sent as null). */
  noHeaders?: boolean;
}

function rowObject(obj: KubeObject, includeObject: IncludeObject): unknown {
  switch (includeObject) {
    case 'Object':
      return deepClone(obj);
    case 'Metadata': {
      const partial: PartialObjectMetadata = {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: deepClone(obj.metadata ?? {}),
      };
      return partial;
    }
    case 'None':
      return null;
  }
}

/** The Table for `objects` of `group`/`resource` (group "" is the core group), one row per object in order. */
export function printTable(group: string, resource: string, objects: readonly KubeObject[], opts: PrintTableOptions): Table {
  const handler = handlerFor(group, resource);
  const metadata: TableListMeta = {};
  if (opts.listMeta?.resourceVersion) metadata.resourceVersion = opts.listMeta.resourceVersion;
  if (opts.listMeta?.continue) metadata.continue = opts.listMeta.continue;
  if (opts.listMeta?.remainingItemCount !== undefined) metadata.remainingItemCount = opts.listMeta.remainingItemCount;
  const rows = objects.map((obj): TableRow => {
    const printed = handler.print(obj, opts.nowMs);
    const object = rowObject(obj, opts.includeObject);
    // Key order as Go marshals TableRow: cells, conditions (omitted when empty), object.
    return printed.conditions && printed.conditions.length > 0
      ? { cells: printed.cells, conditions: printed.conditions, object }
      : { cells: printed.cells, object };
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: opts.noHeaders ? null : handler.columns.map((c) => ({ ...c })),
    rows,
  };
}
