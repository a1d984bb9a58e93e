import { createHash, randomBytes } from "node:crypto";

/** Invitation links stay valid 7 days, reset links 24 hours; each works once. */
export const PASSWORD_LINK_TTL_MS = { invite: 7 * 24 * 3600 * 1000, reset: 24 * 3600 * 1000 } as const;

/** ASVS V2.1: at least 12 characters, at most 128, no composition rules. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export const newLinkToken = (): string => randomBytes(32).toString("base64url");
/** Only the hash is stored, so a read of the database does not yield working links. */
export const hashLinkToken = (token: string): string => createHash("sha256").update(token).digest("hex");
export const isWellFormedLinkToken = (token: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(token);

/** The path of the page where a link's holder sets a password. */
export const passwordLinkPath = (token: string): string => `/reset-password/${token}`;
