import type { Warehouse } from '../store/warehouse.js';

/**
 * A few connections for reads, handed out to the least busy: each connection runs one
 * statement at a time, and the engine runs the connections side by side.
 */
export class ReadPool {
  private readonly busy: number[];

  private constructor(private readonly connections: Warehouse[]) {
    this.busy = connections.map(() => 0);
  }

  static async open(store: Warehouse, size: number): Promise<ReadPool> {
    const connections: Warehouse[] = [];
    for (let i = 0; i < size; i++) connections.push(await store.fork());
    return new ReadPool(connections);
  }

  async use<T>(work: (warehouse: Warehouse) => Promise<T>): Promise<T> {
    let index = 0;
    this.busy.forEach((load, i) => {
      if (load < (this.busy[index] ?? 0)) index = i;
    });
    const connection = this.connections[index];
    if (!connection) throw new Error('the read pool has no connections');
    this.busy[index] = (this.busy[index] ?? 0) + 1;
    try {
      return await work(connection);
    } finally {
      this.busy[index] = (this.busy[index] ?? 1) - 1;
    }
  }

  async close(): Promise<void> {
    for (const connection of this.connections) await connection.close();
  }
}
