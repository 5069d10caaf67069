import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  type CreateCustomer,
  type Customer,
  type CustomerList,
  type CustomerSearch,
  type PhoneInput,
  type UpdateCustomer,
  createCustomerSchema,
  customerListSchema,
  customerSchema,
  customerSearchSchema,
  phoneInputSchema,
  updateCustomerSchema,
} from '@receptivo/shared';
import { CurrentUser, Roles } from '../auth/access.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { notFound } from '../common/api-exception';
import { Returns, ValidBody, ZodValidationPipe } from '../common/zod-validation';
import { AuditedCustomerRead } from '../customer-access/audited-customer-read';
import { backofficeOrganId } from '../requests/request-access';
import { CustomerSearchService } from './customer-search';
import { customerRecordFor } from './customer-view';
import { CustomersService } from './customers.service';
import { PortalAccountsService } from './portal-accounts.service';

const customerId = new ParseUUIDPipe({ exceptionFactory: () => notFound('Cliente') });
const phoneId = new ParseUUIDPipe({ exceptionFactory: () => notFound('Telefone') });

@ApiTags('customers')
@Controller('customers')
@Roles('attendant', 'supervisor', 'admin')
export class CustomersController {
  constructor(
    private readonly customers: CustomersService,
    private readonly searchService: CustomerSearchService,
    private readonly portal: PortalAccountsService,
  ) {}

  @Get()
  @Roles('attendant', 'supervisor', 'admin', 'backoffice')
  @ApiQuery({ name: 'q', required: false, description: 'any field: name, CPF/CNPJ, phone in any form, e-mail' })
  @ApiQuery({ name: 'name', required: false })
  @ApiQuery({ name: 'email', required: false })
  @ApiQuery({ name: 'document', required: false })
  @ApiQuery({ name: 'phone', required: false })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'pageSize', required: false })
  @Returns(customerListSchema)
  search(@Query(new ZodValidationPipe(customerSearchSchema)) query: CustomerSearch, @CurrentUser() user: AuthenticatedUser): Promise<CustomerList> {
    return this.searchService.search(query, user.role === 'backoffice' ? backofficeOrganId(user) : undefined);
  }

  @Post()
  @Returns(customerSchema, 201)
  create(@ValidBody(createCustomerSchema) body: CreateCustomer): Promise<Customer> {
    return this.customers.create(body);
  }

  @Get(':id')
  @Roles('attendant', 'supervisor', 'admin', 'backoffice')
  @AuditedCustomerRead()
  @Returns(customerSchema)
  async get(@Param('id', customerId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<Customer> {
    return customerRecordFor(user.role, await this.customers.view(id, user));
  }

  @Patch(':id')
  @Returns(customerSchema)
  update(@Param('id', customerId) id: string, @ValidBody(updateCustomerSchema) body: UpdateCustomer): Promise<Customer> {
    return this.customers.update(id, body);
  }

  @Post(':id/phones')
  @Returns(customerSchema, 201)
  addPhone(@Param('id', customerId) id: string, @ValidBody(phoneInputSchema) body: PhoneInput): Promise<Customer> {
    return this.customers.addPhone(id, body.number);
  }

  @Delete(':id/phones/:phoneId')
  @Returns(customerSchema)
  removePhone(@Param('id', customerId) id: string, @Param('phoneId', phoneId) phone: string): Promise<Customer> {
    return this.customers.removePhone(id, phone);
  }

  @Post(':id/phones/:phoneId/primary')
  @HttpCode(200)
  @Returns(customerSchema)
  makePrimary(@Param('id', customerId) id: string, @Param('phoneId', phoneId) phone: string): Promise<Customer> {
    return this.customers.makePrimary(id, phone);
  }

  @Post(':id/portal-account')
  @Returns(customerSchema, 201)
  createPortalAccount(@Param('id', customerId) id: string): Promise<Customer> {
    return this.portal.create(id);
  }

  @Post(':id/portal-account/resend-password')
  @HttpCode(200)
  @Returns(customerSchema)
  resendPassword(@Param('id', customerId) id: string): Promise<Customer> {
    return this.portal.resendPassword(id);
  }
}
