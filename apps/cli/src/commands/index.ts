import type { Command } from "commander";
import type { CliDeps } from "../program.ts";

/** One module per command group; add the register function of each here. */
export const commandModules: Array<(program: Command, deps: CliDeps) => void> = [];
