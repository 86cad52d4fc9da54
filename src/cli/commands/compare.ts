/**
 * `busload compare`: PLACEHOLDER while it is being built; replaced by its real implementation.
 */
import { InputError } from '../errors.js';

export interface CompareOptions {
  [flag: string]: unknown;
}

export async function compareCommand(_options: CompareOptions): Promise<number> {
  throw new InputError('busload compare is not available in this version');
}
