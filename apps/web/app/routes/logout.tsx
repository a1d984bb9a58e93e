import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { assertSameOrigin } from "~/utils/csrf.server";
import { destroySession } from "~/utils/session.server";

/** POST only: a GET must never sign anyone out (links, prefetch). */
export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  return redirect("/login", { headers: { "Set-Cookie": await destroySession(request) } });
}

export async function loader() {
  return redirect("/");
}
