/**
 * `busload regress`: PLACEHOLDER while it is being built; replaced by its real implementation.
 */
import { InputError } from '../errors.js';

export interface RegressOptions {
  [flag: string]: unknown;
}

export async function regressCommand(_options: RegressOptions): Promise<number> {
  throw new InputError('busload regress is not available in this version');
}
