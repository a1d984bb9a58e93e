export * from "./testDatabase.ts";
export * from "./postgresTestCluster.ts";
