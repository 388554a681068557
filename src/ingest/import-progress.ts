import type { Warehouse } from '../store/warehouse.js';
import type { ImportProgress } from './import-summary.js';

/**
 * Reports an import's progress: the step it is in, and while the file is being read, the share
 * of it the engine has read. A callback that throws aborts the import at its next step, even
 * when it threw from the timer, so that a progress bar can cancel an import safely.
 */
export class ImportProgressTracker {
  private step = 'reading';
  private rows: number | null = null;
  private aborted: unknown = null;
  private readonly timer: NodeJS.Timeout | null;

  constructor(
    private readonly warehouse: Warehouse,
    private readonly totalBytes: number,
    private readonly onProgress?: (progress: ImportProgress) => void,
  ) {
    this.timer = onProgress ? setInterval(() => this.poll(), 200) : null;
    this.report(0);
  }

  /** Enters a step; throws what a callback threw before. */
  enter(step: string): void {
    this.check();
    this.step = step;
    this.report(null);
  }

  setRows(rows: number): void {
    this.rows = rows;
  }

  check(): void {
    if (this.aborted !== null) throw this.aborted;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private poll(): void {
    try {
      this.report(this.warehouse.progress());
    } catch (error) {
      this.aborted ??= error;
    }
  }

  private report(fraction: number | null): void {
    // Staging reads the file; later steps work on what was read.
    const bytes =
      this.step === 'reading' ? Math.round((fraction ?? 0) * this.totalBytes) : this.totalBytes;
    const { step, rows, totalBytes } = this;
    this.onProgress?.({
      step,
      fraction: this.step === 'done' ? 1 : fraction,
      rows,
      bytes,
      totalBytes,
    });
  }
}
