/**
 * `busload merge`: PLACEHOLDER while it is being built; replaced by its real implementation.
 */
import { InputError } from '../errors.js';

export interface MergeOptions {
  [flag: string]: unknown;
}

export async function mergeCommand(_options: MergeOptions): Promise<number> {
  throw new InputError('busload merge is not available in this version');
}
