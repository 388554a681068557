/** The hash of the build's inputs under `root` (default: the project). */
export function inputsHash(root?: string): string;
/** Whether dist/ under `root` holds a whole build of the inputs as they are now. */
export function buildIsCurrent(root?: string): boolean;
