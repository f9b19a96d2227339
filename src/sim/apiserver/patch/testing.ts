// Test helpers shared by the patch tests.
import { PatchError } from './patchErrors.ts';

/** Runs fn and returns the PatchError it throws; fails the test if it throws nothing or something else. */
export function thrown(fn: () => unknown): PatchError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PatchError) return e;
    throw e;
  }
  throw new Error('expected a PatchError');
}
