import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/** The Mini App's front end: built into dist/webapp with relative asset paths (regbot serves it under WEBAPP_URL's path). */
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  // Preact through the compiler's automatic JSX runtime: no Babel preset needed.
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: fileURLToPath(new URL("../dist/webapp", import.meta.url)),
    emptyOutDir: true,
    // Telegram's in-app browsers are evergreen; one module script and one style sheet.
    target: "es2020",
    modulePreload: false,
    reportCompressedSize: false,
  },
});
