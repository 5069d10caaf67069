import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Customer, emailSchema, formatDocument } from '@receptivo/shared';
import { generatePassword, hashPassword } from '../auth/passwords';
import { ApiException, conflict } from '../common/api-exception';
import type { MailMessage } from '../mail/mail-message';
import { MailQueue } from '../mail/mail-queue';
import { type CustomerEntity, PortalAccountEntity } from './customer.entities';
import { CustomersService } from './customers.service';

export const PORTAL_NAME = 'Autoatendimento';

export function portalPasswordMail(customer: Pick<CustomerEntity, 'name' | 'document'>, to: string, password: string, isNew: boolean): MailMessage {
  const login = formatDocument(customer.document);
  const opening = isNew
    ? `Seu acesso ao ${PORTAL_NAME} da Central de Atendimento foi criado.`
    : `Uma nova senha temporária foi gerada para o seu acesso ao ${PORTAL_NAME}.`;
  const text = [
    `Olá, ${customer.name}.`,
    '',
    opening,
    '',
    `Login: ${login}`,
    `Senha temporária: ${password}`,
    '',
    'No primeiro acesso o portal pedirá que você escolha uma nova senha.',
    'Se você não pediu este acesso, ignore esta mensagem e avise a Central de Atendimento.',
  ].join('\n');
  return { to, subject: isNew ? `Seu acesso ao ${PORTAL_NAME}` : `Nova senha do ${PORTAL_NAME}`, text };
}

/** The e-mail a temporary password may go to; refused with the rule when there is none. */
function deliverableEmail(customer: CustomerEntity): string {
  const email = emailSchema.safeParse(customer.email ?? '');
  if (!email.success) {
    throw new ApiException(
      422,
      'BUSINESS_RULE',
      'O cliente não tem e-mail válido cadastrado: informe o e-mail na aba Dados para enviar a senha do Autoatendimento.',
    );
  }
  return email.data;
}

/**
 * Self-service portal logins. The temporary password is generated here, stored only as a hash and
 * sent only by e-mail: the job is queued in the same transaction that stores the hash.
 */
@Injectable()
export class PortalAccountsService {
  constructor(
    private readonly customers: CustomersService,
    private readonly mail: MailQueue,
  ) {}

  create(customerId: string): Promise<Customer> {
    return this.customers.withLockedCustomer(customerId, async (manager, customer) => {
      if (await manager.existsBy(PortalAccountEntity, { customerId })) {
        throw conflict('O cliente já tem acesso ao Autoatendimento: use Reenviar senha.');
      }
      const to = deliverableEmail(customer);
      const password = generatePassword();
      await manager.insert(PortalAccountEntity, {
        customerId,
        login: customer.document,
        passwordHash: await hashPassword(password),
        passwordSentAt: new Date(),
        passwordSentTo: to,
      });
      return this.send(manager, customer, to, password, true);
    });
  }

  resendPassword(customerId: string): Promise<Customer> {
    return this.customers.withLockedCustomer(customerId, async (manager, customer) => {
      if (!(await manager.existsBy(PortalAccountEntity, { customerId }))) {
        throw new ApiException(422, 'BUSINESS_RULE', 'O cliente ainda não tem acesso ao Autoatendimento: crie o acesso primeiro.');
      }
      const to = deliverableEmail(customer);
      const password = generatePassword();
      await manager.update(PortalAccountEntity, customerId, {
        passwordHash: await hashPassword(password),
        mustChangePassword: true,
        // Whoever holds a session of the old password is signed out.
        tokenVersion: () => 'token_version + 1',
        passwordSentAt: new Date(),
        passwordSentTo: to,
      });
      return this.send(manager, customer, to, password, false);
    });
  }

  private async send(manager: EntityManager, customer: CustomerEntity, to: string, password: string, isNew: boolean): Promise<Customer> {
    await this.mail.enqueue(portalPasswordMail(customer, to, password, isNew), manager);
    return this.customers.get(customer.id, manager);
  }
}
