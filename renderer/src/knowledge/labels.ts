import type { SearchResult } from '@receptivo/shared';

export const searchResultKindLabels: Record<SearchResult['kind'], string> = {
  information: 'Informação',
  requestType: 'Tipo de solicitação',
  request: 'Solicitação',
  attendance: 'Atendimento',
};

export function hoursLabel(hours: number): string {
  return hours === 1 ? '1 hora' : `${hours} horas`;
}
