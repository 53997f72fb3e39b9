// The end-of-life table shipped with the project (end-of-life.json, sources in README.md).
// Imported as a module so that it travels with the build; matching is lib/domain/risk/end-of-life.ts.
import type { EolTable } from "../../domain/risk/end-of-life";
import table from "./end-of-life.json";

export const END_OF_LIFE_TABLE: EolTable = table as EolTable;
