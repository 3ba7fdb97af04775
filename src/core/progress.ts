/**
 * Progress reporting from long library work (reading 10^7-row files, generating or writing large
 * networks) without the library knowing how it is shown: the CLI turns it into a progress bar.
 * @module
 */

/**
 * Told how far a piece of work has got: `done` of `total` units (bytes, rows, nodes — the caller
 * says which). Called at coarse intervals (about every MiB or 2^16 items), never per item, so the
 * kernels it is called from stay fast.
 */
export type ProgressListener = (done: number, total: number) => void;
