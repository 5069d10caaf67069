import { loginRequestSchema } from '@receptivo/shared';
import { ApiException } from './api-exception';
import { ZodValidationPipe } from './zod-validation';

describe('request validation', () => {
  it("answers zod's own messages (wrong type, missing field) in Brazilian Portuguese, by field", () => {
    let refusal: unknown;
    try {
      new ZodValidationPipe(loginRequestSchema).transform({ username: 5 });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ApiException);
    expect((refusal as ApiException).fields).toEqual({
      username: 'Entrada inválida: esperava um texto, recebeu um número',
      password: 'Entrada inválida: esperava um texto, recebeu um valor "undefined"',
    });
  });
});
