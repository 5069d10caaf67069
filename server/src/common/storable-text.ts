import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { ApiException } from './api-exception';

/**
 * Characters PostgreSQL cannot keep: U+0000 is refused in text and jsonb ("invalid byte sequence
 * for encoding UTF8: 0x00"), and a lone UTF-16 surrogate has no UTF-8 form (the driver would
 * silently store U+FFFD instead).
 */
// With the u flag a surrogate pair is one code point, so \p{Surrogate} matches only a lone half.
const UNSTORABLE = /\u0000|\p{Surrogate}/u;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'gu');

function isStorable(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** How a field name is shown in the message: its unstorable characters as U+FFFD. */
function shown(name: string): string {
  return name.replace(UNSTORABLE_ALL, '\uFFFD');
}

/** The path (`address.street`, `phones.0.number`) of the first string or key that cannot be stored, if any. */
export function findUnstorableText(value: unknown, path: readonly string[] = []): string[] | undefined {
  if (typeof value === 'string') return isStorable(value) ? undefined : [...path];
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnstorableText(item, [...path, String(index)]);
      if (found) return found;
    }
    return undefined;
  }
  // Only what a parser built (JSON, query string, multipart fields); Buffers and class instances are not input text.
  if (typeof value !== 'object' || value === null) return undefined;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (!isStorable(key)) return [...path, shown(key)];
    const found = findUnstorableText(item, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

export function unstorableTextMessage(field: string): string {
  return `O campo "${field}" contém um caractere inválido.`;
}

/**
 * Global pipe: every body, query string and route parameter a handler reads is refused with 400,
 * naming the field, when it holds text PostgreSQL cannot store. It runs before each parameter's
 * own pipe (zod schema, UUID check), so no route has to remember it.
 */
@Injectable()
export class StorableTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    // Custom parameters (the signed-in user, uploaded files) are not text the client typed into a field.
    if (metadata.type === 'custom') return value;
    const path = findUnstorableText(value, metadata.data ? [metadata.data] : []);
    if (!path) return value;
    const field = path.length ? path.join('.') : '_';
    throw new ApiException(400, 'VALIDATION_FAILED', unstorableTextMessage(field), { [field]: 'Contém um caractere inválido.' });
  }
}
