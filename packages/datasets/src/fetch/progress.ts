/** One report of a download's progress, given to the `onProgress` callback as bytes arrive. */
export interface DatasetDownloadProgress {
  /** The file, as `<dataset>/<name>` (`'mnist/train-images-idx3-ubyte.gz'`). */
  readonly file: string;
  /** The URL being downloaded. */
  readonly url: string;
  /** Bytes received so far (including those kept from before a resumed interruption). */
  readonly loaded: number;
  /** The file's size in bytes, when the server says (`Content-Length`, `Content-Range`). */
  readonly total: number | undefined;
}

/** Called as a download makes progress (after every chunk received, and once at the end). */
export type DatasetDownloadCallback = (progress: DatasetDownloadProgress) => void;
