import type { Warehouse } from '../store/warehouse.js';

/**
 * How the delivery code reaches the store: the CLI passes its connection, the server its write
 * lane, so that network waits happen outside it and only short writes go through it.
 */
export type StoreAccess = <T>(work: (warehouse: Warehouse) => Promise<T>) => Promise<T>;

/** Access to a connection the caller alone uses. */
export function directAccess(warehouse: Warehouse): StoreAccess {
  return (work) => work(warehouse);
}
