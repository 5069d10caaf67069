import { type CategoryTree, type CustomerList, type Request, attendanceSchema, requestSchema } from '@receptivo/shared';
import { address, validForm } from '../../server/src/testing/request-fixtures';
import { signedInApi } from './server-api';

/**
 * What an attendant did on an earlier call, through the API: Maria Silva's pothole at Rua Augusta,
 * 900, registered and the attendance finished. The request is still open.
 */
export async function earlierPotholeOfMaria(
  url: string,
  credentials: { username: string; password: string },
): Promise<{ customerId: string; request: Request; slaHours: number }> {
  const api = await signedInApi(url, credentials);
  const maria = (await api<CustomerList>('GET', '/api/customers?phone=11987654321')).items[0];
  const type = (await api<CategoryTree>('GET', '/api/categories')).items
    .flatMap((category) => category.requestTypes)
    .find((candidate) => candidate.name === 'Buraco na via')!;
  const attendance = attendanceSchema.parse(await api('POST', '/api/attendances', { channel: 'phone' }));
  await api('PUT', `/api/attendances/${attendance.id}/customer`, { customerId: maria.id });
  const request = requestSchema.parse(
    await api('POST', `/api/attendances/${attendance.id}/requests`, {
      requestTypeId: type.id,
      form: validForm(type.formSchema),
      address: address('Rua Augusta', '900'),
    }),
  );
  await api('POST', `/api/attendances/${attendance.id}/finish`, { sendScript: false });
  return { customerId: maria.id, request, slaHours: type.slaHours };
}
