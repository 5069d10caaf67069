import type { DeepPartial, EntityManager } from 'typeorm';
import {
  type CategoryInput,
  type InformationInput,
  type NoticeInput,
  type OrganInput,
  type RequestTypeInput,
  type ScriptTopicInput,
  noticeValidityMessage,
} from '@receptivo/shared';
import { ApiException } from '../common/api-exception';
import { assertRenderableFormSchema } from './form-schema';
import { type CollectionSpec, cleanRichText } from './knowledge-collection';
import {
  CategoryEntity,
  InformationEntity,
  NoticeEntity,
  OrganEntity,
  RequestTypeEntity,
  ScriptTopicEntity,
} from './knowledge.entities';
import { toCategory, toInformation, toNotice, toOrgan, toRequestType, toScriptTopic } from './knowledge-views';

/** Parsed bodies: what the zod schemas of shared/ produce. */
type Parsed<T> = { [K in keyof T]-?: Exclude<T[K], undefined> };

const missingCategory = { categoryId: 'Sessão não encontrada.' };

export const organSpec: CollectionSpec<OrganEntity, ReturnType<typeof toOrgan>, Parsed<OrganInput>> = {
  entityName: 'organ',
  entity: OrganEntity,
  noun: 'Órgão',
  order: 'name',
  toView: toOrgan,
  toColumns: (input) => input as DeepPartial<OrganEntity>,
  duplicateMessage: 'Já existe um órgão com este nome.',
  inUseMessage: 'Há tipos de solicitação deste órgão: desative-o em vez de excluir.',
  missingReference: {},
};

export const categorySpec: CollectionSpec<CategoryEntity, ReturnType<typeof toCategory>, Parsed<CategoryInput>> = {
  entityName: 'category',
  entity: CategoryEntity,
  noun: 'Sessão',
  order: 'position',
  toView: toCategory,
  toColumns: (input) => input as DeepPartial<CategoryEntity>,
  duplicateMessage: 'Já existe uma sessão com este nome.',
  inUseMessage: 'A sessão tem informações ou tipos de solicitação: desative-a ou mova-os antes de excluir.',
  missingReference: {},
};

export const informationSpec: CollectionSpec<InformationEntity, ReturnType<typeof toInformation>, Parsed<InformationInput>> = {
  entityName: 'information',
  entity: InformationEntity,
  noun: 'Informação',
  order: 'position',
  scope: 'categoryId',
  relations: { requestTypeLinks: true },
  toView: toInformation,
  toColumns: ({ body, proposedSolution, requestTypeIds, ...rest }, existing) => {
    const columns: DeepPartial<InformationEntity> = { ...rest };
    // New links are a change of the information: its version moves, so the desktops fetch it again.
    if (requestTypeIds !== undefined && existing) columns.updatedAt = new Date();
    if (body !== undefined) {
      const clean = cleanRichText(body, 'body', 'o texto');
      Object.assign(columns, { body: clean.html, bodyText: clean.text });
    }
    if (proposedSolution !== undefined) {
      const clean = cleanRichText(proposedSolution, 'proposedSolution', 'a solução proposta');
      Object.assign(columns, { proposedSolution: clean.html, solutionText: clean.text });
    }
    return columns;
  },
  saveLinks: async (manager, id, { requestTypeIds }) => {
    if (requestTypeIds !== undefined) await saveInformationRequestTypes(manager, id, requestTypeIds);
  },
  inUseMessage: 'A informação já foi registrada em atendimentos: desative-a em vez de excluir.',
  missingReference: missingCategory,
};

/** Replaces the request types an information leads to, in the given order. */
export async function saveInformationRequestTypes(manager: EntityManager, informationId: string, requestTypeIds: string[]): Promise<void> {
  const found = await manager.query<{ id: string }[]>('SELECT id FROM request_types WHERE id = ANY($1::uuid[])', [requestTypeIds]);
  if (found.length !== requestTypeIds.length) {
    const message = 'Tipo de solicitação não encontrado.';
    throw new ApiException(400, 'VALIDATION_FAILED', message, { requestTypeIds: message });
  }
  await manager.query('DELETE FROM information_request_types WHERE information_id = $1', [informationId]);
  await manager.query(
    `INSERT INTO information_request_types (information_id, request_type_id, position)
     SELECT $1, link.id, link.position - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS link (id, position)`,
    [informationId, requestTypeIds],
  );
}

export const requestTypeSpec: CollectionSpec<RequestTypeEntity, ReturnType<typeof toRequestType>, Parsed<RequestTypeInput>> = {
  entityName: 'requestType',
  entity: RequestTypeEntity,
  noun: 'Tipo de solicitação',
  relations: { organ: true },
  order: 'position',
  scope: 'categoryId',
  toView: toRequestType,
  toColumns: ({ formSchema, operatorGuidance, ...rest }) => {
    const columns: DeepPartial<RequestTypeEntity> = { ...rest };
    if (formSchema !== undefined) {
      assertRenderableFormSchema(formSchema);
      columns.formSchema = formSchema;
    }
    if (operatorGuidance !== undefined) {
      columns.operatorGuidance = cleanRichText(operatorGuidance, 'operatorGuidance', 'a orientação ao operador').html;
    }
    return columns;
  },
  inUseMessage: 'Já há solicitações deste tipo: desative-o em vez de excluir.',
  missingReference: { ...missingCategory, organId: 'Órgão não encontrado.' },
};

export const scriptTopicSpec: CollectionSpec<ScriptTopicEntity, ReturnType<typeof toScriptTopic>, Parsed<ScriptTopicInput>> = {
  entityName: 'scriptTopic',
  entity: ScriptTopicEntity,
  noun: 'Tópico do script',
  order: 'position',
  toView: toScriptTopic,
  toColumns: ({ content, ...rest }) => ({
    ...rest,
    ...(content !== undefined && { content: cleanRichText(content, 'content', 'o conteúdo').html }),
  }),
  inUseMessage: 'O tópico está em uso.',
  missingReference: {},
};

export const noticeSpec: CollectionSpec<NoticeEntity, ReturnType<typeof toNotice>, Parsed<NoticeInput>> = {
  entityName: 'notice',
  entity: NoticeEntity,
  noun: 'Aviso',
  order: 'validFrom',
  toView: toNotice,
  toColumns: ({ body, validFrom, validUntil, ...rest }, existing) => {
    const from = validFrom !== undefined ? new Date(validFrom) : existing!.validFrom;
    const until = validUntil !== undefined ? (validUntil === null ? null : new Date(validUntil)) : (existing?.validUntil ?? null);
    if (until && until <= from) {
      throw new ApiException(400, 'VALIDATION_FAILED', noticeValidityMessage, { validUntil: noticeValidityMessage });
    }
    return {
      ...rest,
      ...(body !== undefined && { body: cleanRichText(body, 'body', 'o texto').html }),
      ...(validFrom !== undefined && { validFrom: from }),
      ...(validUntil !== undefined && { validUntil: until }),
    };
  },
  inUseMessage: 'O aviso está em uso.',
  missingReference: {},
};

export const knowledgeSpecs = [organSpec, categorySpec, informationSpec, requestTypeSpec, scriptTopicSpec, noticeSpec];
