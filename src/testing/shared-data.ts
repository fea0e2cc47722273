/** The public data sets beside the repository (../shared/data), for tests on real files. */
import { fileURLToPath } from 'node:url'

export const sharedDataPath = (name: string): string =>
  fileURLToPath(new URL(`../../../shared/data/${name}`, import.meta.url))
