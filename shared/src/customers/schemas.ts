import { z } from 'zod';
import { isValidCnpj, isValidCpf, stripDocument } from './documents';
import { duplicatePhoneMessage, missingPhoneMessage, phoneIdentity, phoneProblem } from './phones';

export const customerTypes = ['person', 'company'] as const;
export const customerTypeSchema = z.enum(customerTypes);
export type CustomerType = z.infer<typeof customerTypeSchema>;
export const customerTypeLabels: Record<CustomerType, string> = { person: 'Pessoa Física', company: 'Pessoa Jurídica' };

export const brazilianStates = [
  'AC', 'AL', 'AP', 'AM', 'BA', 'CE', 'DF', 'ES', 'GO', 'MA', 'MT', 'MS', 'MG', 'PA',
  'PB', 'PR', 'PE', 'PI', 'RJ', 'RN', 'RS', 'RO', 'RR', 'SC', 'SP', 'SE', 'TO',
] as const;

const requiredText = (label: string, max = 200) =>
  z.string({ error: `Informe ${label}.` }).trim().min(1, `Informe ${label}.`).max(max, `${label} muito longo.`);

const optionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((value) => (value ? value : null));

export const cepSchema = z
  .string({ error: 'Informe o CEP.' })
  .transform((value) => value.replace(/\D/g, ''))
  .refine((digits) => /^\d{8}$/.test(digits), 'CEP deve ter 8 dígitos.');

export const addressSchema = z.object({
  cep: cepSchema,
  street: requiredText('o logradouro'),
  number: requiredText('o número', 20),
  complement: optionalText(100),
  neighborhood: requiredText('o bairro', 100),
  city: requiredText('a cidade', 100),
  state: z.enum(brazilianStates, { error: 'Informe a UF (sigla do estado).' }),
});
export type Address = z.infer<typeof addressSchema>;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'E-mail muito longo.')
  .pipe(z.email('E-mail inválido.'));

const optionalEmail = z
  .union([z.literal(''), z.null(), emailSchema])
  .optional()
  .transform((value) => (value ? value : null));

/** Missing, unknown DDD or not a number: the same message on the screen as typed and from the server. */
export const phoneInputSchema = z.object({
  number: z
    .string({ error: missingPhoneMessage })
    .trim()
    .max(25, 'Telefone inválido.')
    .superRefine((number, context) => {
      const problem = phoneProblem(number);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    }),
});
export type PhoneInput = z.infer<typeof phoneInputSchema>;

const documentNames: Record<CustomerType, string> = { person: 'CPF', company: 'CNPJ' };

/** An empty document is missing, a filled wrong one is invalid: the form and the server say which. */
export function documentProblem(type: CustomerType, document: string): string | undefined {
  const stripped = stripDocument(document);
  const name = documentNames[type];
  if (!stripped) return `Informe o ${name}.`;
  const valid = type === 'person' ? isValidCpf(stripped) : isValidCnpj(stripped);
  return valid ? undefined : `${name} inválido: confira os dígitos.`;
}

const documentSchema = (type: CustomerType) =>
  z
    .string({ error: `Informe o ${documentNames[type]}.` })
    .transform(stripDocument)
    .superRefine((document, context) => {
      const problem = documentProblem(type, document);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    });

/** The same number twice in one list, however it was typed, is refused at the second. */
const phoneListSchema = z
  .array(phoneInputSchema)
  .max(10, 'No máximo 10 telefones.')
  .superRefine((phones, context) => {
    const seen = new Set<string>();
    phones.forEach((phone, index) => {
      const identity = phoneIdentity(phone.number);
      if (identity === undefined) return;
      if (seen.has(identity)) context.addIssue({ code: 'custom', message: duplicatePhoneMessage, path: [index, 'number'] });
      seen.add(identity);
    });
  });

const commonFields = {
  email: optionalEmail,
  phones: phoneListSchema.default([]),
  addresses: z.array(addressSchema).max(10, 'No máximo 10 endereços.').default([]),
};

export const createCustomerSchema = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('person'),
      name: requiredText('o nome completo'),
      document: documentSchema('person'),
      ...commonFields,
    }),
    z.object({
      type: z.literal('company'),
      name: requiredText('a razão social'),
      tradeName: optionalText(),
      document: documentSchema('company'),
      ...commonFields,
    }),
  ],
  { error: 'Escolha Pessoa Física ou Pessoa Jurídica.' },
);
export type CreateCustomer = z.infer<typeof createCustomerSchema>;
export type CreateCustomerInput = z.input<typeof createCustomerSchema>;

/** Type is fixed at registration; the document is checked against it on the server. */
export const updateCustomerSchema = z
  .object({
    name: requiredText('o nome'),
    tradeName: optionalText(),
    document: z.string().transform(stripDocument),
    email: optionalEmail,
    addresses: z.array(addressSchema).max(10, 'No máximo 10 endereços.'),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'Nada a alterar.');
export type UpdateCustomer = z.infer<typeof updateCustomerSchema>;

/** The update as the record's form checks it; the server applies `documentProblem` once it has read the type. */
export const updateCustomerSchemaFor = (type: CustomerType) =>
  updateCustomerSchema.superRefine((patch, context) => {
    const problem = patch.document === undefined ? undefined : documentProblem(type, patch.document);
    if (problem) context.addIssue({ code: 'custom', message: problem, path: ['document'] });
  });

export const customerPhoneSchema = z.object({
  id: z.string().uuid(),
  e164: z.string(),
  display: z.string(),
  primary: z.boolean(),
});
export type CustomerPhone = z.infer<typeof customerPhoneSchema>;

export const storedAddressSchema = addressSchema.extend({ id: z.string().uuid() });
export type StoredAddress = z.infer<typeof storedAddressSchema>;

export const portalAccountSchema = z.object({
  login: z.string(),
  email: z.string(),
  createdAt: z.string().datetime(),
  passwordSentAt: z.string().datetime(),
});
export type PortalAccount = z.infer<typeof portalAccountSchema>;

export const customerSchema = z.object({
  id: z.string().uuid(),
  type: customerTypeSchema,
  name: z.string(),
  tradeName: z.string().nullable(),
  document: z.string(),
  email: z.string().nullable(),
  phones: z.array(customerPhoneSchema),
  addresses: z.array(storedAddressSchema),
  portalAccount: portalAccountSchema.nullable(),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
});
export type Customer = z.infer<typeof customerSchema>;

export const customerSummarySchema = customerSchema.pick({
  id: true,
  type: true,
  name: true,
  tradeName: true,
  document: true,
  email: true,
}).extend({ primaryPhone: customerPhoneSchema.nullable() });
export type CustomerSummary = z.infer<typeof customerSummarySchema>;

export const customerSearchSchema = z
  .object({
    q: z.string().trim().max(200).optional(),
    name: z.string().trim().max(200).optional(),
    email: z.string().trim().max(254).optional(),
    document: z.string().trim().max(30).optional(),
    phone: z.string().trim().max(30).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine(
    (query) => [query.q, query.name, query.email, query.document, query.phone].some((value) => value && value.length > 0),
    'Preencha ao menos um campo de busca.',
  );
export type CustomerSearch = z.infer<typeof customerSearchSchema>;

/** `total` counts at most TOTAL_CAP matches; `totalCapped` says there are more. */
export const customerListSchema = z.object({
  items: z.array(customerSummarySchema),
  total: z.number().int(),
  totalCapped: z.boolean(),
});
export type CustomerList = z.infer<typeof customerListSchema>;
