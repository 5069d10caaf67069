import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { FormSchema, Open311Service, Open311ServiceDefinition } from '@receptivo/shared';
import { ApiException } from '../common/api-exception';
import { type AttributeSource, attributesOf } from './open311-attributes';

/** A request type as Open311 offers it: a service. */
export interface Open311Type extends AttributeSource {
  id: string;
  name: string;
  description: string | null;
  categoryName: string;
  keywords: string[];
}

interface TypeRow {
  id: string;
  name: string;
  description: string | null;
  form_schema: FormSchema;
  address_required: boolean;
  category_name: string;
  keywords: string[];
}

/**
 * What the desk offers: active types of active organs in active categories, in the desk's order. A
 * type has no words of its own; its keywords are those of the informations published to citizens
 * that lead to it.
 */
const TYPE_SELECT = `
  SELECT t.id, t.name, t.description, t.form_schema, t.address_required, c.name AS category_name,
         array(SELECT DISTINCT keyword
                 FROM information_request_types l
                 JOIN informations i ON i.id = l.information_id AND i.active AND i.published
                 CROSS JOIN unnest(i.keywords) AS keyword
                WHERE l.request_type_id = t.id
                ORDER BY keyword) AS keywords
    FROM request_types t
    JOIN organs o ON o.id = t.organ_id AND o.active
    JOIN categories c ON c.id = t.category_id AND c.active
   WHERE t.active`;

const toType = (row: TypeRow): Open311Type => ({
  id: row.id,
  name: row.name,
  description: row.description,
  categoryName: row.category_name,
  keywords: row.keywords,
  formSchema: row.form_schema,
  addressRequired: row.address_required,
});

const unknownService = () => new ApiException(404, 'NOT_FOUND', 'Serviço não encontrado: confira o service_code na lista de serviços.');

/** The request types as Open311 services (service_code = the type's id) and their definitions. */
@Injectable()
export class Open311Catalog {
  constructor(private readonly dataSource: DataSource) {}

  async services(): Promise<Open311Service[]> {
    const rows = await this.dataSource.query<TypeRow[]>(`${TYPE_SELECT} ORDER BY c.position, c.name, t.position, t.name`);
    return rows.map(toType).map((type) => ({
      service_code: type.id,
      service_name: type.name,
      description: type.description,
      // Every type asks for something: its form's fields, or the address it requires.
      metadata: attributesOf(type).length > 0,
      // The protocol is answered at once.
      type: 'realtime',
      keywords: type.keywords.join(','),
      group: type.categoryName,
    }));
  }

  async definition(serviceCode: string): Promise<Open311ServiceDefinition> {
    const type = await this.type(serviceCode);
    return { service_code: type.id, attributes: attributesOf(type) };
  }

  /** The offered type with this service_code; 404 for any other (inactive, unknown, malformed). */
  async type(serviceCode: string): Promise<Open311Type> {
    // Compared as text: a service_code that is not a uuid is simply not found.
    const [row] = await this.dataSource.query<TypeRow[]>(`${TYPE_SELECT} AND t.id::text = $1`, [serviceCode.toLowerCase()]);
    if (!row) throw unknownService();
    return toType(row);
  }
}
