import { Injectable } from '@nestjs/common';
import { cnpj, cpf } from 'cpf-cnpj-validator';
import type { EntityManager } from 'typeorm';
import type { CustomerType } from '@receptivo/shared';
import { type DemoSeeder, Seeder } from '../database/seeding/seeder';
import { CustomerAddressEntity, CustomerEntity, CustomerPhoneEntity } from './customer.entities';

const firstNames = [
  'Maria', 'José', 'Ana', 'João', 'Antônio', 'Francisca', 'Carlos', 'Paulo', 'Lúcia', 'Pedro', 'Luiz', 'Márcia',
  'Marcos', 'Luís', 'Gabriel', 'Rafael', 'Sebastião', 'Conceição', 'Aparecida', 'Fernanda', 'Juliana', 'Patrícia',
  'Letícia', 'Bruno', 'Rodrigo', 'Thiago', 'Vinícius', 'Cláudia', 'Débora', 'Raimundo', 'Benedita', 'Joaquim',
];
const surnames = [
  'Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes', 'Ribeiro',
  'Carvalho', 'Araújo', 'Conceição', 'Assunção', 'Guimarães', 'Magalhães', 'Nogueira', 'Fagundes', 'Brandão',
];
const companies = [
  ['Padaria Pão Dourado Ltda', 'Pão Dourado'], ['Mercadinho São Jorge ME', 'Mercadinho São Jorge'],
  ['Auto Peças Irmãos Guimarães Ltda', 'Irmãos Guimarães'], ['Clínica Sorriso Saúde Ltda', 'Sorriso Saúde'],
  ['Construtora Alicerce S.A.', 'Alicerce'], ['Farmácia Popular do Bairro Ltda', 'Farmácia do Bairro'],
  ['Escola Pequeno Príncipe Ltda', 'Pequeno Príncipe'], ['Restaurante Sabor Caseiro Eireli', 'Sabor Caseiro'],
  ['Transportes Rápido Sul Ltda', 'Rápido Sul'], ['Condomínio Edifício Ipê Amarelo', 'Ipê Amarelo'],
];
const streets = [
  ['Rua Augusta', 'Consolação', '01305000'], ['Avenida Paulista', 'Bela Vista', '01310100'],
  ['Rua da Mooca', 'Mooca', '03104000'], ['Rua Voluntários da Pátria', 'Santana', '02011000'],
  ['Avenida Celso Garcia', 'Tatuapé', '03064000'], ['Rua Teodoro Sampaio', 'Pinheiros', '05405000'],
  ['Estrada de Itapecerica', 'Capão Redondo', '05835000'], ['Rua Coronel Oscar Porto', 'Paraíso', '04003000'],
];
const areaCodes = ['11', '11', '11', '11', '21', '31', '41', '51', '61', '71', '81'];

/** The citizens of the recorded AMI calls (tests/fixtures/ami), so a demo screen-pop finds them. */
const callers = [
  { name: 'Maria Silva', phone: '+5511987654321', email: 'maria.silva@example.com' },
  { name: 'João Pereira', phone: '+5521998765432', email: 'joao.pereira@example.com' },
  { name: 'Ana Costa', phone: '+5531991112233', email: null },
  { name: 'Carlos Souza', phone: '+5511955554444', email: 'carlos.souza@example.com', document: '52998224725' },
  { name: 'Beatriz Lima', phone: '+5541988887777', email: 'beatriz.lima@example.com', document: '39053344705' },
  { name: 'Fernanda Rocha', phone: '+5511912345678', email: 'fernanda.rocha@example.com', document: '71428793860' },
  { name: 'Roberto Alves', phone: '+5551977776666', email: 'roberto.alves@example.com' },
];

/** Deterministic pseudo-random numbers: the same demo data on every new database. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)], digits: (n: number) => Array.from({ length: n }, () => Math.floor(next() * 10)).join('') };
}

const slug = (text: string) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '.');

@Injectable()
@Seeder({ name: 'demo-customers', order: 10 })
export class CustomersSeeder implements DemoSeeder {
  async seed(manager: EntityManager): Promise<void> {
    const random = generator(156);
    const usedDocuments = new Set<string>();
    const uniqueDocument = (make: () => string, given?: string) => {
      let document = given ?? make();
      while (usedDocuments.has(document)) document = make();
      usedDocuments.add(document);
      return document;
    };
    const mobile = () => `+55${random.pick(areaCodes)}9${random.pick(['6', '7', '8', '9'])}${random.digits(7)}`;

    const people: { type: CustomerType; name: string; tradeName: string | null; document: string; email: string | null; phones: string[] }[] = [
      ...callers.map((caller) => ({
        type: 'person' as const,
        name: caller.name,
        tradeName: null,
        document: uniqueDocument(() => cpf.generate(), caller.document),
        email: caller.email,
        phones: [caller.phone],
      })),
    ];
    for (let index = 0; index < 280; index++) {
      const middle = random.pick(surnames);
      const last = random.pick(surnames.filter((surname) => surname !== middle));
      const name = `${random.pick(firstNames)} ${middle} ${last}`;
      const phones = [mobile(), ...(index % 3 === 0 ? [`+55${random.pick(areaCodes)}3${random.digits(7)}`] : [])];
      people.push({
        type: 'person',
        name,
        tradeName: null,
        document: uniqueDocument(() => cpf.generate()),
        email: index % 4 === 3 ? null : `${slug(name)}${index}@example.com`,
        phones,
      });
    }
    for (const [legalName, tradeName] of companies) {
      people.push({
        type: 'company',
        name: legalName,
        tradeName,
        document: uniqueDocument(() => cnpj.generate()),
        email: `contato@${slug(tradeName).replace(/\./g, '')}.example.com`,
        phones: [`+5511${random.pick(['2', '3', '4'])}${random.digits(7)}`],
      });
    }

    const saved = await manager.save(
      CustomerEntity,
      people.map(({ phones: _phones, ...customer }) => customer),
      { chunk: 100 },
    );
    await manager.insert(
      CustomerPhoneEntity,
      saved.flatMap((customer, index) =>
        people[index].phones.map((e164, position) => ({ customerId: customer.id, e164, primary: position === 0 })),
      ),
    );
    await manager.insert(
      CustomerAddressEntity,
      saved.map((customer) => {
        const [street, neighborhood, cep] = random.pick(streets);
        return { customerId: customer.id, position: 0, cep, street, number: String(10 + Math.floor(Number(random.digits(3)))), complement: null, neighborhood, city: 'São Paulo', state: 'SP' };
      }),
    );
  }
}
