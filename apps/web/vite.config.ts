import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
    tsconfigPaths(),
  ],
  server: { port: 3000 },
  // Internal workspace packages are TypeScript source: inline them into the server bundle.
  // Everything else from npm (better-sqlite3, kysely, argon2, …) stays external.
  ssr: { noExternal: [/^@starboard\//] },
  optimizeDeps: {
    // Server-only or native: never pre-bundle (argon2 would pull its wasm fallback).
    exclude: ["@node-rs/argon2", "better-sqlite3", "kysely", "remix-i18next/server"],
    // Pre-bundle up front, otherwise a cold first load re-bundles mid-load ("Invalid hook call").
    include: [
      "i18next",
      "react-i18next",
      "remix-i18next/client",
      "remix-i18next/react",
      "@tremor/react",
      "@conform-to/react",
      "@conform-to/zod",
      "zod",
    ],
  },
});
