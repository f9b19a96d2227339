// The meta.k8s.io/v1 Table served for `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`
// (models staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go, Table*). Key order follows the Go structs.
import type { ObjectMeta } from '../../api/types.ts';

/** A cell: strings, or integers/booleans where the column is typed so (fmt.Sprint renders them on the client). */
export type TableCell = string | number | boolean | null;

export interface TableColumnDefinition {
  name: string;
  /** OpenAPI type: "string", "integer", "number", "boolean" or "date". */
  type: string;
  /** OpenAPI format; "name" marks the column holding the object's name. Sent even when empty. */
  format: string;
  description: string;
  /** 0 = always shown; 1 = shown only with `-o wide`. */
  priority: number;
}

export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ObjectMeta;
}

export interface TableRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
  /** PartialObjectMetadata (includeObject=Metadata, the default), the object (Object), or null (None). */
  object: unknown;
}

export interface TableListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: TableListMeta;
  /** null when the request set TableOptions.noHeaders (Go marshals the nil slice as null). */
  columnDefinitions: TableColumnDefinition[] | null;
  rows: TableRow[];
}

/** What one print handler produces for one object: the cells of the wide row and optional row conditions. */
export interface PrintedRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
}
