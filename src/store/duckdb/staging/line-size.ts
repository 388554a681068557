/**
 * The engine's CSV reader options for lines up to `bytes` long. Its read buffer is a multiple
 * of the longest line unless told otherwise (2 GiB for 64 MB lines), more than an import's
 * whole memory limit; a buffer of one longest line reads as fast.
 */
export function lineSizeOptions(bytes: number): string {
  const size = Math.ceil(bytes);
  return `max_line_size = ${size}, buffer_size = ${size}`;
}

/** The longest line the engine's fast readers take; a file with longer lines is read carefully. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;
