#!/usr/bin/env node
/*
 * Writes src/schema/openapi.generated.ts from src/schema/openapi.yaml, so the
 * router gets the spec as a typed constant without reading files at run time
 * (the backend also runs from TypeScript sources, where YAML cannot be imported).
 *
 * Run after editing the YAML: yarn --cwd plugins/slo-backend generate:openapi
 * A test fails when the two disagree.
 */
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');
const prettier = require('prettier');
const prettierConfig = require('@backstage/cli/config/prettier.json');

const schemaDir = path.resolve(__dirname, '../src/schema');
const spec = YAML.parse(
  fs.readFileSync(path.join(schemaDir, 'openapi.yaml'), 'utf8'),
);

const text = `// GENERATED FILE: do not edit. Source: openapi.yaml; run \`yarn generate:openapi\`.
/* eslint-disable */

/**
 * The SLO API's OpenAPI 3.1 document.
 *
 * @internal
 */
export const spec = ${JSON.stringify(spec, null, 2)} as const;
`;
// Formatted like the rest of the repo, so prettier --check passes on it.
const formatted = prettier.format(text, {
  ...prettierConfig,
  parser: 'typescript',
});
fs.writeFileSync(path.join(schemaDir, 'openapi.generated.ts'), formatted);
