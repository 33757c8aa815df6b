/** Types of package-lambda.js, for tests of the deployable artefact. */
export interface PackagedLambda {
  zipPath: string;
  zipBytes: number;
  /** `<app>.sourcemaps.zip` beside the zip: the bundle's source maps (not deployed). */
  sourceMapsPath: string;
  /** The folder whose files are zipped. */
  bundleDir: string;
  /** Bytes of code Node reads before the handler runs (index.mjs and its static imports). */
  startBytes: number;
  /** Bytes of code in chunks read only when imported. */
  lazyBytes: number;
}

/** Bundles `entry` into `outDir` as Lambda code (index.mjs and chunks); dependencies resolve from `projectFolder`. */
export function bundleEntry(entry: string, outDir: string, projectFolder: string): Promise<unknown>;

export function packageLambda(
  projectFolder: string,
  options?: { outFolder?: string }
): Promise<PackagedLambda>;

/** Unpacks a zip written by packageLambda into `folder` (as Lambda does into /var/task). */
export function unpackZip(zipPath: string, folder: string): void;
