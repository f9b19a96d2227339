import type { Json } from '../api/types.ts';
export type { Json };
export interface JsonPatchOpLike {
  op: 'add' | 'remove' | 'replace';
  path: string;
  value?: Json;
}
