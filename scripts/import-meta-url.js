// Injected into every bundle: import.meta.url for ESM dependencies bundled as CommonJS.
export const __verbatimImportMetaUrl = require('node:url').pathToFileURL(__filename).href;
