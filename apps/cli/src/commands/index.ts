import type { Command } from "commander";
import type { CliDeps } from "../program.ts";
import { registerDemo } from "./demo.ts";
import { registerImport } from "./import.ts";
import { registerScore } from "./score.ts";
import { registerRubric } from "./rubric.ts";
import { registerCoaching } from "./coaching.ts";
import { registerUsers } from "./users.ts";
import { registerPrivacy } from "./privacy.ts";
import { registerBackup } from "./backup.ts";
import { registerCycle } from "./cycle.ts";
import { registerAwards } from "./awards.ts";
import { registerExport } from "./export.ts";
import { registerQa } from "./qa.ts";
import { registerDb } from "./db.ts";

/** One module per command group; add the register function of each here, one per line. */
export const commandModules: Array<(program: Command, deps: CliDeps) => void> = [
  registerImport,
  registerScore,
  registerDemo,
  registerRubric,
  registerCoaching,
  registerUsers,
  registerPrivacy,
  registerBackup,
  registerCycle,
  registerAwards,
  registerExport,
  registerQa,
  registerDb,
];
