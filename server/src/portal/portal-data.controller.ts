import { Controller, Delete, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type Customer,
  type PhoneInput,
  type PortalData,
  type PortalEmail,
  type PortalPageQuery,
  type PortalRecordAccesses,
  formatDocument,
  phoneInputSchema,
  portalDataSchema,
  portalEmailSchema,
  portalPageQuerySchema,
  portalRecordAccessesSchema,
} from '@receptivo/shared';
import { Citizen, CurrentCitizen } from '../auth/access.decorators';
import type { AuthenticatedCitizen } from '../auth/citizen-sessions';
import { notFound } from '../common/api-exception';
import { Returns, ValidBody, ZodValidationPipe } from '../common/zod-validation';
import { CustomerAccessLog } from '../customer-access/customer-access-log';
import { CustomersService } from '../customers/customers.service';

const phoneId = new ParseUUIDPipe({ exceptionFactory: () => notFound('Telefone') });

const asPortalData = ({ name, tradeName, document, email, phones, addresses }: Customer): PortalData => ({
  name,
  tradeName,
  document: formatDocument(document),
  email,
  phones,
  addresses,
});

/** Meus dados: the citizen sees their record, corrects the e-mail and the phones by the desk's rules, and sees who looked at it. */
@ApiTags('portal')
@Controller('portal/my-data')
@Citizen()
export class PortalDataController {
  constructor(
    private readonly customers: CustomersService,
    private readonly accesses: CustomerAccessLog,
  ) {}

  @Get()
  @Returns(portalDataSchema)
  async get(@CurrentCitizen() citizen: AuthenticatedCitizen): Promise<PortalData> {
    return asPortalData(await this.customers.get(citizen.customerId));
  }

  @Put('email')
  @Returns(portalDataSchema)
  async setEmail(@CurrentCitizen() citizen: AuthenticatedCitizen, @ValidBody(portalEmailSchema) body: PortalEmail): Promise<PortalData> {
    return asPortalData(await this.customers.update(citizen.customerId, { email: body.email }));
  }

  @Post('phones')
  @Returns(portalDataSchema, 201)
  async addPhone(@CurrentCitizen() citizen: AuthenticatedCitizen, @ValidBody(phoneInputSchema) body: PhoneInput): Promise<PortalData> {
    return asPortalData(await this.customers.addPhone(citizen.customerId, body.number));
  }

  @Delete('phones/:phoneId')
  @Returns(portalDataSchema)
  async removePhone(@CurrentCitizen() citizen: AuthenticatedCitizen, @Param('phoneId', phoneId) id: string): Promise<PortalData> {
    return asPortalData(await this.customers.removePhone(citizen.customerId, id));
  }

  /** The LGPD access audit of the citizen's own record, the latest first. */
  @Get('accesses')
  @Returns(portalRecordAccessesSchema)
  async accessesOf(
    @CurrentCitizen() citizen: AuthenticatedCitizen,
    @Query(new ZodValidationPipe(portalPageQuerySchema)) query: PortalPageQuery,
  ): Promise<PortalRecordAccesses> {
    const { items, total } = await this.accesses.list({ customerId: citizen.customerId, ...query });
    return { items: items.map(({ accessedAt, user, screen }) => ({ accessedAt, userName: user.name, screen })), total };
  }
}
