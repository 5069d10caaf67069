import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import type { Observable } from 'rxjs';
import { attachmentLimits, reiterateRequestSchema } from '@receptivo/shared';
import { ApiException } from '../common/api-exception';
import { openApiSchema } from '../common/zod-validation';

export const ATTACHMENT_FIELD = 'files';

/** The reiteration's fields plus up to five files, as multipart/form-data (OpenAPI, for the desk's route and the portal's). */
const reiterateFields = openApiSchema(reiterateRequestSchema, 'input');
export const reiterateBody = {
  ...reiterateFields,
  properties: {
    ...(reiterateFields.properties as object),
    [ATTACHMENT_FIELD]: { type: 'array', maxItems: attachmentLimits.maxFiles, items: { type: 'string', format: 'binary' } },
  },
};
const megabytes = attachmentLimits.maxBytes / 1024 / 1024;

// Kept in memory (at most 5 × 10 MB per request): nothing reaches the disk before the request's
// rules allow the action, so a refused one leaves no file behind.
const upload = multer({
  storage: multer.memoryStorage(),
  // Browsers send UTF-8 file names without saying so; busboy would read them as Latin-1.
  defParamCharset: 'utf8',
  limits: {
    fileSize: attachmentLimits.maxBytes,
    files: attachmentLimits.maxFiles,
    fields: 5,
    fieldSize: 64 * 1024,
    parts: attachmentLimits.maxFiles + 5,
  },
}).array(ATTACHMENT_FIELD, attachmentLimits.maxFiles);

/** multer's refusals in the API's error shape, with what to do about them. */
export function uploadError(error: unknown): ApiException {
  const tooMany = `Envie no máximo ${attachmentLimits.maxFiles} arquivos.`;
  if (error instanceof MulterError) {
    switch (error.code) {
      case 'LIMIT_FILE_SIZE':
        // multer 2.5 names the file; its type definitions do not know it yet.
        return new ApiException(413, 'PAYLOAD_TOO_LARGE', `O arquivo "${(error as MulterError & { filename?: string }).filename ?? ''}" passa de ${megabytes} MB, o limite por arquivo.`, {
          [ATTACHMENT_FIELD]: `Cada arquivo pode ter no máximo ${megabytes} MB.`,
        });
      case 'LIMIT_FILE_COUNT':
        return new ApiException(400, 'VALIDATION_FAILED', tooMany, { [ATTACHMENT_FIELD]: tooMany });
      case 'LIMIT_UNEXPECTED_FILE':
        // array() reports the file after the last allowed one of its own field the same way.
        return error.field === ATTACHMENT_FIELD
          ? new ApiException(400, 'VALIDATION_FAILED', tooMany, { [ATTACHMENT_FIELD]: tooMany })
          : new ApiException(400, 'VALIDATION_FAILED', `Envie os arquivos no campo "${ATTACHMENT_FIELD}".`);
      case 'LIMIT_FIELD_VALUE':
        return new ApiException(400, 'VALIDATION_FAILED', 'Um campo do formulário passa do tamanho permitido.', error.field ? { [error.field]: 'Texto longo demais.' } : undefined);
      default:
        return new ApiException(400, 'VALIDATION_FAILED', 'O formulário enviado tem campos ou partes demais.');
    }
  }
  return new ApiException(400, 'VALIDATION_FAILED', 'O envio chegou incompleto ou malformado. Tente enviar de novo.');
}

/**
 * Reads a multipart body (fields into `body`, files into `files`); a JSON body passes untouched.
 * Runs after the guards, so nobody uploads before being identified.
 */
@Injectable()
export class AttachmentUploadInterceptor implements NestInterceptor {
  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    await new Promise<void>((resolve, reject) =>
      upload(http.getRequest<Request>(), http.getResponse<Response>(), (error: unknown) => (error ? reject(uploadError(error)) : resolve())),
    );
    return next.handle();
  }
}
