import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { ROOT } from "./server.ts";

export interface BundleBenchResult {
  route: string;
  /** JS modules loaded before the agent page renders and hydrates (entry, root, route and their static imports). */
  files: number;
  gzipKb: number;
  rawKb: number;
  /** Chunks imported only lazily (dynamic import), e.g. the charts. */
  lazyGzipKb: number;
}

/**
 * The JS the agent page needs to become interactive, from the Remix manifest of the
 * production build: entry + root + route modules and their static imports, gzip-compressed.
 */
export function measureAgentPageBundle(routeId = "routes/agents.$code"): BundleBenchResult {
  const client = join(ROOT, "apps/web/build/client");
  const assets = join(client, "assets");
  if (!existsSync(assets)) throw new Error("no production build: run `npm run build` first");
  const manifestFile = readdirSync(assets).find((f) => /^manifest-.*\.js$/.test(f));
  if (!manifestFile) throw new Error("no Remix manifest in the build");
  const text = readFileSync(join(assets, manifestFile), "utf8");
  const manifest = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as {
    entry: { module: string; imports?: string[] };
    routes: Record<string, { module: string; imports?: string[] }>;
  };
  const route = manifest.routes[routeId];
  const root = manifest.routes.root;
  if (!route || !root) throw new Error(`route ${routeId} not in the manifest`);
  const needed = new Set<string>([manifest.entry.module, ...(manifest.entry.imports ?? []), root.module, ...(root.imports ?? []), route.module, ...(route.imports ?? [])]);
  const size = (url: string) => {
    const body = readFileSync(join(client, url));
    return { raw: body.length, gzip: gzipSync(body).length };
  };
  let raw = 0;
  let gzip = 0;
  for (const url of needed) {
    const s = size(url);
    raw += s.raw;
    gzip += s.gzip;
  }
  let lazy = 0;
  for (const file of readdirSync(assets)) {
    const url = `/assets/${file}`;
    if (file.endsWith(".js") && !needed.has(url) && /chart/i.test(file)) lazy += size(url).gzip;
  }
  return { route: routeId, files: needed.size, gzipKb: gzip / 1024, rawKb: raw / 1024, lazyGzipKb: lazy / 1024 };
}
