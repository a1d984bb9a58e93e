/**
 * A same-site path to go to after e.g. sign-in, or the fallback. Rejects absolute URLs,
 * protocol-relative `//host`, backslash tricks and anything that isn't a plain path.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2048) return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.includes("\\")) return fallback;
  // Control characters (incl. tab/newline, which browsers strip) could smuggle a `//`.
  if (/[\u0000-\u001f\u007f]/.test(to)) return fallback;
  try {
    const url = new URL(to, "http://localhost");
    if (url.host !== "localhost") return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
