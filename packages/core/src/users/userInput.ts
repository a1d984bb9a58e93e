import { ROLES, type Role } from "@starboard/db";
import { z } from "zod";

/** What HR gives for a user: the same rules for the web form, the CLI and users.csv. */
export const userProfileSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    role: z.enum(ROLES),
    agentCode: z.string().trim().max(64).optional().nullable(),
    teamIds: z.array(z.number().int().positive()).max(200).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.role === "agent" && !v.agentCode) ctx.addIssue({ code: "custom", path: ["agentCode"], message: "agent_required" });
    if (v.role !== "agent" && v.agentCode) ctx.addIssue({ code: "custom", path: ["agentCode"], message: "agent_only_for_agents" });
    if (v.role !== "manager" && v.teamIds.length > 0) ctx.addIssue({ code: "custom", path: ["teamIds"], message: "teams_only_for_managers" });
  });

export const emailSchema = z.string().trim().toLowerCase().max(254).email();

export type UserProfileInput = { name: string; role: Role; agentCode?: string | null; teamIds?: number[] };
