import type { FormSchema } from '@receptivo/shared';

export type SchemaText = { ok: true; schema: FormSchema } | { ok: false; message: string };

/** What a new request type's form starts with: an object with no fields yet. */
export const starterSchemaText = JSON.stringify({ type: 'object', required: [], properties: {} }, null, 2);

export const schemaToText = (schema: FormSchema) => JSON.stringify(schema, null, 2);

/**
 * The JSON typed in the form editor, or why it is not JSON. The rules of the schema itself are
 * the server's (ajv); this only spares a round trip for a missing comma.
 */
export function parseSchemaText(text: string): SchemaText {
  if (!text.trim()) return { ok: false, message: 'JSON inválido: o esquema está vazio.' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `JSON inválido: ${describeSyntaxError(text, error)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'JSON inválido: o esquema deve ser um objeto, entre { e }.' };
  }
  return { ok: true, schema: value as FormSchema };
}

/** Engines word the error differently; all of them give a place, which is what the author needs. */
function describeSyntaxError(text: string, error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  const lineColumn = /line (\d+) column (\d+)/.exec(detail);
  const position = /position (\d+)/.exec(detail);
  const place = lineColumn
    ? { line: Number(lineColumn[1]), column: Number(lineColumn[2]) }
    : position
      ? placeOf(text, Number(position[1]))
      : null;
  const reason = detail.replace(/^JSON\.parse: /, '').replace(/ in JSON at position.*$| at line \d+ column.*$/, '');
  return place ? `erro na linha ${place.line}, coluna ${place.column} (${reason}).` : `${reason}.`;
}

function placeOf(text: string, offset: number) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
