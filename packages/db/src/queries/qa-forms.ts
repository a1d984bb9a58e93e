import type { Db } from "../database.ts";
import type { NewQaForm, QaForm } from "../tables/qa.ts";

/** Every version of every form, newest version first within a key. */
export async function listQaForms(db: Db, options: { currentOnly?: boolean } = {}): Promise<QaForm[]> {
  let q = db.selectFrom("qa_forms").selectAll();
  if (options.currentOnly) q = q.where("current", "=", 1);
  return q.orderBy("form_key").orderBy("version", "desc").execute();
}

export async function findQaForm(db: Db, id: number): Promise<QaForm | undefined> {
  return db.selectFrom("qa_forms").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findCurrentQaForm(db: Db, formKey: string): Promise<QaForm | undefined> {
  return db.selectFrom("qa_forms").selectAll().where("form_key", "=", formKey).where("current", "=", 1).executeTakeFirst();
}

/** Adds a version (marking earlier versions of the key not current) and returns its id. */
export async function insertQaFormVersion(db: Db, form: Omit<NewQaForm, "current">): Promise<number> {
  await db.updateTable("qa_forms").set({ current: 0 }).where("form_key", "=", form.form_key).execute();
  const row = await db.insertInto("qa_forms").values({ ...form, current: 1 }).returning("id").executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Replaces the definition of a version no evaluation uses yet (in place, same version). */
export async function replaceQaFormDefinition(db: Db, id: number, values: { name: string; definition: string; max_points: number }): Promise<void> {
  await db.updateTable("qa_forms").set(values).where("id", "=", id).execute();
}

/** How many evaluations use this form version. */
export async function countScoringsUsingForm(db: Db, formId: number): Promise<number> {
  const row = await db
    .selectFrom("qa_scorings")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("form_id", "=", formId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
