import { Body, type PipeTransform, applyDecorators } from '@nestjs/common';
import { ApiBody, ApiProduces, ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiException } from './api-exception';

// Zod's own messages (wrong type, too long…) reach the client: in Brazilian Portuguese, like ours.
z.config(z.locales.ptBR());

/** OpenAPI is generated from the same zod schema the request is validated with. */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output' = 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...openApi } = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<string, unknown>;
  return openApi;
}

export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    fields[path] ??= issue.message;
  }
  return fields;
}

export class ZodValidationPipe<T extends z.ZodType> implements PipeTransform<unknown, z.output<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown): z.output<T> {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    const fields = fieldErrors(result.error);
    throw new ApiException(400, 'VALIDATION_FAILED', Object.values(fields)[0], fields);
  }
}

function withMethodDecorator(decorator: MethodDecorator, parameter: ParameterDecorator): ParameterDecorator {
  return (target, key, index) => {
    parameter(target, key, index);
    decorator(target, key!, Object.getOwnPropertyDescriptor(target, key!)!);
  };
}

/** The request body, validated by its shared zod schema and described in OpenAPI. */
export function ValidBody(schema: z.ZodType): ParameterDecorator {
  return withMethodDecorator(ApiBody({ schema: openApiSchema(schema, 'input') }), Body(new ZodValidationPipe(schema)));
}

/** Documents the success response with its shared zod schema. */
export function Returns(schema: z.ZodType, status = 200): MethodDecorator {
  return applyDecorators(ApiResponse({ status, schema: openApiSchema(schema) }));
}

/** Documents a file download (PDF, attachment) instead of a JSON body. */
export function ReturnsFile(contentType: string): MethodDecorator {
  return applyDecorators(
    ApiProduces(contentType),
    ApiResponse({ status: 200, description: 'file download', content: { [contentType]: { schema: { type: 'string', format: 'binary' } } } }),
  );
}
