/**
 * The pages whose GET responses the page cache may keep: the three dashboards, as documents
 * and as single-fetch data (`.data`). Everything else always renders afresh.
 * (`/agents/:code/report` and other sub-pages are deliberately not matched.)
 */
const CACHEABLE_PATHS: readonly RegExp[] = [
  /^\/hr(?:\.data)?$/, // HR overview
  /^\/teams\/[^/]+(?:\.data)?$/, // team page
  /^\/agents\/[^/]+(?:\.data)?$/, // agent page
];

export function isCacheablePath(pathname: string): boolean {
  return CACHEABLE_PATHS.some((pattern) => pattern.test(pathname));
}
