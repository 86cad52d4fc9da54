/**
 * `busload audit`: PLACEHOLDER while it is being built; replaced by its real implementation.
 */
import { InputError } from '../errors.js';

export interface AuditOptions {
  [flag: string]: unknown;
}

export async function auditCommand(_options: AuditOptions): Promise<number> {
  throw new InputError('busload audit is not available in this version');
}
