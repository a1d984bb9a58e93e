import forms from "@tailwindcss/forms";
import headlessui from "@headlessui/tailwindcss";
import type { Config } from "tailwindcss";
import colors from "tailwindcss/colors";

/**
 * Chart palettes actually used by Tremor charts. Tremor builds class names at runtime,
 * so they must be safelisted; keep this list short (each palette costs CSS size).
 * Add a palette here before using it in a chart's `colors` prop.
 */
const CHART_PALETTES = ["blue", "emerald", "amber", "rose", "indigo", "gray"];
const shades = "(?:50|100|200|300|400|500|600|700|800|900|950)";
const palettes = `(?:${CHART_PALETTES.join("|")})`;

export default {
  // npm hoists @tremor to the repo root, hence `relative: true` and ../../node_modules.
  content: {
    relative: true,
    files: ["./app/**/*.{ts,tsx}", "../../node_modules/@tremor/**/*.{js,ts,jsx,tsx}"],
  },
  darkMode: "class",
  theme: {
    transparent: "transparent",
    current: "currentColor",
    extend: {
      colors: {
        tremor: {
          brand: {
            faint: colors.blue[50],
            muted: colors.blue[200],
            subtle: colors.blue[400],
            DEFAULT: colors.blue[500],
            emphasis: colors.blue[700],
            inverted: colors.white,
          },
          background: {
            muted: colors.gray[50],
            subtle: colors.gray[100],
            DEFAULT: colors.white,
            emphasis: colors.gray[700],
          },
          border: { DEFAULT: colors.gray[200] },
          ring: { DEFAULT: colors.gray[200] },
          content: {
            subtle: colors.gray[400],
            DEFAULT: colors.gray[500],
            emphasis: colors.gray[700],
            strong: colors.gray[900],
            inverted: colors.white,
          },
        },
      },
      boxShadow: {
        "tremor-input": "0 1px 2px 0 rgb(0 0 0 / 0.05)",
        "tremor-card": "0 1px 3px 0 rgb(0 0 0 / 0.1), 0 1px 2px -1px rgb(0 0 0 / 0.1)",
        "tremor-dropdown": "0 4px 6px -1px rgb(0 0 0 / 0.1), 0 2px 4px -2px rgb(0 0 0 / 0.1)",
      },
      borderRadius: {
        "tremor-small": "0.375rem",
        "tremor-default": "0.5rem",
        "tremor-full": "9999px",
      },
      fontSize: {
        "tremor-label": ["0.75rem", { lineHeight: "1rem" }],
        "tremor-default": ["0.875rem", { lineHeight: "1.25rem" }],
        "tremor-title": ["1.125rem", { lineHeight: "1.75rem" }],
        "tremor-metric": ["1.875rem", { lineHeight: "2.25rem" }],
      },
    },
  },
  safelist: [
    {
      pattern: new RegExp(`^(bg|text|border|ring)-${palettes}-${shades}$`),
      variants: ["hover", "ui-selected"],
    },
    { pattern: new RegExp(`^(stroke|fill)-${palettes}-${shades}$`) },
  ],
  plugins: [headlessui, forms],
} satisfies Config;
