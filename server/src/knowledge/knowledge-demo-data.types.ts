import type { FormSchema, NoticeKind } from '@receptivo/shared';

/** Demo knowledge base of a city hotline, seeded once on a new database. */
export interface DemoOrgan {
  key: string;
  name: string;
  acronym: string;
  email: string;
}

export interface DemoInformation {
  title: string;
  /** HTML using only p, br, strong, em, ul, ol, li, a[href], h3, h4, blockquote. */
  body: string;
  proposedSolution: string;
  keywords: string[];
  /** Shown to citizens on the portal's Informações. */
  published?: boolean;
  /** Names of the request types the information leads to (any category). */
  requestTypes?: string[];
}

export interface DemoRequestType {
  name: string;
  description: string;
  organKey: string;
  formSchema: FormSchema;
  operatorGuidance: string;
  slaHours: number;
  restartWindowHours: 24 | 48 | 72 | null;
  groupByAddress: boolean;
  addressRequired: boolean;
}

export interface DemoCategory {
  name: string;
  description: string;
  informations: DemoInformation[];
  requestTypes: DemoRequestType[];
}

export interface DemoScriptTopic {
  title: string;
  content: string;
}

export interface DemoNotice {
  kind: NoticeKind;
  title: string;
  body: string;
  /** Validity relative to the moment of seeding, in hours (negative: already started). */
  startsInHours: number;
  endsInHours: number | null;
}

export interface DemoKnowledge {
  organs: DemoOrgan[];
  categories: DemoCategory[];
  scriptTopics: DemoScriptTopic[];
  notices: DemoNotice[];
}
