import type { CustomerType } from '@receptivo/shared';

export const nameLabel = (type: CustomerType) => (type === 'person' ? 'Nome completo' : 'Razão social');
export const documentLabel = (type: CustomerType) => (type === 'person' ? 'CPF' : 'CNPJ');
