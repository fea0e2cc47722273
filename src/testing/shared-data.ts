/**
 * Real public data for tests, kept in the repository (src/testing/data, sources and licences in its
 * README) so a clone alone passes `npm test`. Copied from the team's shared data folder; the
 * Banking77 file keeps only the intents our reason table maps, the rows the tests read.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export type TestDataFile =
  | 'banking77-train-mapped.csv'
  | 'cfpb-billing-complaints.csv'
  | 'ibm-accounts-receivable.csv'
  | 'uci-online-retail-sample.csv'

export const testDataPath = (name: TestDataFile): string => fileURLToPath(new URL(`./data/${name}`, import.meta.url))

export const readTestData = (name: TestDataFile): string => readFileSync(testDataPath(name), 'utf8')
