import type { Command } from "commander";
import type { CliDeps } from "../program.ts";
import { registerDemo } from "./demo.ts";
import { registerImport } from "./import.ts";
import { registerScore } from "./score.ts";
import { registerQa } from "./qa.ts";

/** One module per command group; add the register function of each here, one per line. */
export const commandModules: Array<(program: Command, deps: CliDeps) => void> = [
  registerImport,
  registerScore,
  registerDemo,
  registerQa,
];
