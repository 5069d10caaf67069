import { InternalServerErrorException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { toApiError } from './api-exception.filter';

describe('a 500 tells the client nothing about the server', () => {
  it('answers no SQL, no driver message and no stack, whatever failed', () => {
    const failures = [
      new QueryFailedError('INSERT INTO "customers"("name") VALUES ($1)', ['Maria'], new Error('invalid byte sequence for encoding "UTF8": 0x00')),
      new InternalServerErrorException('pool exhausted at Pool.connect (/srv/receptivo/node_modules/pg-pool/index.js:45:11)'),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      'a thrown string',
    ];
    for (const failure of failures) {
      expect(toApiError(failure)).toEqual({
        statusCode: 500,
        code: 'INTERNAL_ERROR',
        message: 'Erro interno do servidor. Tente novamente; se persistir, avise o suporte.',
      });
    }
  });
});
