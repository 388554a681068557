import { ClvError } from '../shared/errors.js';

/**
 * The store is held by another process, usually a running `clv serve`: a command that meets
 * this may send its work to that server instead.
 */
export class StoreHeldError extends ClvError {
  constructor(path: string, cause: unknown) {
    super(
      'failure',
      `the store ${path} is in use by another process (a running clv serve?): stop it, or use its HTTP API`,
      { cause },
    );
    this.name = 'StoreHeldError';
  }
}
