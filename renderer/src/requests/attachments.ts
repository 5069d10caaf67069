import { attachmentLimits } from '@receptivo/shared';
import { formatFileSize } from '../ui/format';

const maxMegabytes = attachmentLimits.maxBytes / (1024 * 1024);

export const attachmentHint = `Opcional. Até ${attachmentLimits.maxFiles} arquivos de até ${maxMegabytes} MB cada: ${attachmentLimits.extensionsLabel}.`;

/** What the file picker offers; the server still reads the real type from the content. */
export const attachmentAccept = attachmentLimits.contentTypes.join(',');

/**
 * The count and size limits the server enforces, checked before uploading so the attendant does not
 * wait for megabytes to travel only to be refused. The type is left to the server, which reads the bytes.
 */
export function attachmentProblem(files: readonly File[]): string | null {
  if (files.length > attachmentLimits.maxFiles) {
    return `Anexe no máximo ${attachmentLimits.maxFiles} arquivos; foram escolhidos ${files.length}.`;
  }
  const tooBig = files.find((file) => file.size > attachmentLimits.maxBytes);
  if (tooBig) {
    return `O arquivo ${tooBig.name} tem ${formatFileSize(tooBig.size)}; o limite é ${maxMegabytes} MB por arquivo.`;
  }
  return null;
}
