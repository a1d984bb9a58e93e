export * from "./form.ts";
export * from "./presets.ts";
export * from "./score.ts";
export * from "./divergence.ts";
export * from "./sampling.ts";
export * from "./itemRatings.ts";
