import { createContext, useContext } from "react";

/**
 * The per-request CSP nonce, created in entry.server.tsx and given to <Scripts>,
 * <ScrollRestoration> and any other inline script. On the client it is empty (browsers hide
 * nonces from the DOM after load anyway).
 */
const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
