export const card = "rounded-lg bg-white p-4 shadow-sm";
export const button =
  "rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-500 disabled:cursor-wait disabled:opacity-60";
export const secondaryButton = "rounded-md bg-white px-3 py-2 text-sm font-medium text-gray-900 shadow-sm ring-1 ring-inset ring-gray-300 hover:bg-gray-50";
export const field = "mt-1 block w-full rounded-md border-gray-300 text-sm shadow-sm focus:border-blue-500 focus:ring-blue-500";
export const th = "py-1.5 pr-4 text-left font-medium text-gray-500";
export const td = "py-1.5 pr-4";
export const compactField = "mt-1 block rounded-md border-gray-300 text-sm shadow-sm focus:border-blue-500 focus:ring-blue-500";
