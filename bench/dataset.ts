import { type Context, type DemoSize, type SizedDemo, createContext, generateSizedDemo, importCsv, systemActor } from "@starboard/core";
import { type Db, openDatabase } from "@starboard/db";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const BENCH_SEED = 20260101;
/** The quarter every benchmark imports and scores. */
export const BENCH_QUARTER = "2026-Q3";

export interface QuarterCsvFiles {
  agents: string;
  interactions: string;
  qa: string;
  csat: string;
  interactionRows: number;
  interactionBytes: number;
}

/** Writes the agents file and one quarter's three files of a sized dataset to `dir`. */
export function writeQuarterFiles(demo: SizedDemo, quarter: string, dir: string): QuarterCsvFiles {
  const files = demo.quarterFiles(quarter);
  const path = (name: string) => join(dir, `${demo.size}-${name}.csv`);
  const out = {
    agents: path("agents"),
    interactions: path(`interactions-${quarter}`),
    qa: path(`qa-${quarter}`),
    csat: path(`csat-${quarter}`),
    interactionRows: files.counts.interactionRows,
    interactionBytes: Buffer.byteLength(files.interactions),
  };
  writeFileSync(out.agents, demo.agentsCsv);
  writeFileSync(out.interactions, files.interactions);
  writeFileSync(out.qa, files.qa);
  writeFileSync(out.csat, files.csat);
  return out;
}

export function benchDemo(size: DemoSize): SizedDemo {
  return generateSizedDemo(size, BENCH_SEED);
}

/** A fresh database file (any old one removed), migrated. */
export async function freshDb(file: string): Promise<Db> {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  return openDatabase(file);
}

export const benchContext = (db: Db): Context => createContext(db, systemActor("bench"));

export async function importFile(ctx: Context, kind: "agents" | "interactions" | "qa" | "csat", path: string) {
  return importCsv(ctx, { kind, fileName: path.split("/").at(-1)!, source: { path } });
}
