#!/usr/bin/env node
// Production server: what `remix-serve build/server/index.js` does (same Express stack, same
// middleware, same static file handling), plus the dashboard page cache exported by the server
// build's entry module (app/utils/pageCache/, docs/decisions/063-dashboard-page-cache.md).
// Run with cwd = apps/web:  NODE_ENV=production node server.mjs [build/server/index.js]
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, installGlobals } from "@remix-run/node";

process.env.NODE_ENV = process.env.NODE_ENV ?? "production";

// Express and its middleware are remix-serve's own dependencies: resolve them through it.
const requireFromServe = createRequire(createRequire(import.meta.url).resolve("@remix-run/serve/package.json"));
const express = requireFromServe("express");
const compression = requireFromServe("compression");
const morgan = requireFromServe("morgan");
const { createRemixRequest, sendRemixResponse } = requireFromServe("@remix-run/express/dist/server.js");

const buildPath = resolve(process.argv[2] ?? "build/server/index.js");
const build = await import(pathToFileURL(buildPath).href);
installGlobals({ nativeFetch: build.future.v3_singleFetch });

const render = createRequestHandler(build, process.env.NODE_ENV);
/** @type {{ handle(request: Request, render: (r: Request) => Promise<Response>): Promise<Response | { status: number; headers: [string, string][]; body: Buffer[]; bodyBytes: number }> } | undefined} */
const pageCache = build.entry.module.pageCache;

const app = express();
app.disable("x-powered-by");
app.use(compression());
// Static files: remix-serve's two handlers, asked only for paths that name a file (every
// asset and public file has an extension); pages (`/teams/3`, `/hr.data`) skip the two
// failing file-system lookups remix-serve makes for every page request.
const onlyFiles = (handler) => (req, res, next) => (/\.(?!data$)[A-Za-z0-9]+$/.test(req.path) ? handler(req, res, next) : next());
app.use(build.publicPath, onlyFiles(express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" })));
app.use(onlyFiles(express.static("public", { maxAge: "1h" })));
app.use(morgan("tiny"));
app.all("*", async (req, res, next) => {
  try {
    const request = createRemixRequest(req, res);
    const reply = pageCache ? await pageCache.handle(request, (r) => render(r)) : await render(request);
    if (reply instanceof Response) {
      await sendRemixResponse(res, reply);
      return;
    }
    // A cache hit: the stored bytes, written without re-encoding (one writev).
    res.status(reply.status);
    for (const [name, value] of reply.headers) res.setHeader(name, value);
    res.setHeader("Content-Length", String(reply.bodyBytes));
    res.cork();
    for (const chunk of reply.body) res.write(chunk);
    res.end();
  } catch (error) {
    next(error);
  }
});

const port = Number(process.env.PORT ?? 3000);
const onListen = () => console.log(`[starboard] http://${process.env.HOST ?? "localhost"}:${port}`);
const server = process.env.HOST ? app.listen(port, process.env.HOST, onListen) : app.listen(port, onListen);
for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, () => server.close());
