/**
 * `request.formData()` for actions, where a body that is not a form (JSON, text, broken
 * multipart) is the client's mistake: a 400, never a 500.
 */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response("Bad Request", { status: 400, statusText: "Bad Request" });
  }
}
