/**
 * `busload profile`: PLACEHOLDER while it is being built; replaced by its real implementation.
 */
import { InputError } from '../errors.js';

export interface ProfileOptions {
  [flag: string]: unknown;
}

export async function profileCommand(_options: ProfileOptions): Promise<number> {
  throw new InputError('busload profile is not available in this version');
}
