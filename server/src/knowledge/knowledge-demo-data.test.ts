import { demoKnowledge } from './knowledge-demo-data';

const allowedTags = new Set(['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'blockquote']);
const propertyKeywords = new Set([
  'type', 'title', 'description', 'format', 'enum', 'minimum', 'maximum', 'maxLength',
  'x-widget', 'x-placeholder', 'x-help',
]);

/** Every problem of one HTML string: tags outside the list, and attributes other than a[href]. */
function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  for (const [tag, name, attributes] of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    const tagName = name.toLowerCase();
    if (!allowedTags.has(tagName)) problems.push(`tag ${tag}`);
    const attrs = attributes.replace(/\/$/, '').trim();
    if (tag.startsWith('</') || !attrs) continue;
    if (tagName !== 'a' || !/^href="[^"<>]+"$/.test(attrs)) problems.push(`attributes ${tag}`);
  }
  if (/<(?![a-zA-Z/])/.test(html)) problems.push('stray <');
  return problems;
}

/** Every problem of a request type's form schema. */
function schemaProblems(schema: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const rootKeys = Object.keys(schema).filter((key) => !['type', 'properties', 'required'].includes(key));
  if (rootKeys.length) problems.push(`root keywords ${rootKeys.join(', ')}`);
  if (schema.type !== 'object') problems.push('root type is not object');
  const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
  if (!properties || typeof properties !== 'object' || !Object.keys(properties).length) return [...problems, 'no properties'];
  const required = schema.required as unknown;
  if (!Array.isArray(required)) problems.push('required is not an array');
  else for (const name of required) if (!(name in properties)) problems.push(`required ${String(name)} is no property`);

  for (const [name, property] of Object.entries(properties)) {
    const at = (problem: string) => problems.push(`${name}: ${problem}`);
    if (!/^[a-z][a-zA-Z0-9]*$/.test(name)) at('name is not camelCase');
    if (/endereco|logradouro|cep$/i.test(name)) at('address belongs to the address block');
    for (const key of Object.keys(property)) if (!propertyKeywords.has(key)) at(`keyword ${key}`);
    if (typeof property.title !== 'string' || !property.title.trim()) at('no title');
    const { type } = property;
    if (type === 'string') {
      if (property.format !== undefined && !['date', 'email'].includes(property.format as string)) at('format');
      const widget = property['x-widget'];
      if (property.enum !== undefined) {
        const values = property.enum as unknown[];
        if (!Array.isArray(values) || values.length < 2 || !values.every((value) => typeof value === 'string')) at('enum');
        else if (new Set(values).size !== values.length) at('repeated enum values');
        if (!['select', 'radio'].includes(widget as string)) at('enum without select or radio widget');
      } else {
        if (widget !== undefined && widget !== 'textarea') at(`widget ${String(widget)}`);
        if (property.format === undefined && typeof property.maxLength !== 'number') at('free text without maxLength');
      }
      if ('minimum' in property || 'maximum' in property) at('minimum/maximum on a string');
    } else if (type === 'integer' || type === 'number') {
      for (const key of ['format', 'enum', 'maxLength', 'x-widget']) if (key in property) at(`${key} on a number`);
      if (typeof property.minimum === 'number' && typeof property.maximum === 'number' && property.minimum > property.maximum) {
        at('minimum above maximum');
      }
    } else if (type === 'boolean') {
      for (const key of ['format', 'enum', 'maxLength', 'minimum', 'maximum', 'x-widget']) if (key in property) at(`${key} on a boolean`);
    } else {
      at(`type ${String(type)}`);
    }
  }
  return problems;
}

describe('demo knowledge base', () => {
  const { organs, categories, scriptTopics, notices } = demoKnowledge;
  const informations = categories.flatMap((category) => category.informations);
  const requestTypes = categories.flatMap((category) => category.requestTypes);

  it('has the expected amount of content', () => {
    expect(organs.length).toBeGreaterThanOrEqual(8);
    expect(organs.length).toBeLessThanOrEqual(10);
    expect(categories.length).toBeGreaterThanOrEqual(9);
    expect(informations.length).toBeGreaterThanOrEqual(32);
    for (const category of categories) {
      expect([category.name, category.informations.length >= 3 && category.informations.length <= 5]).toEqual([category.name, true]);
      expect(category.description.trim()).not.toBe('');
      expect(category.description).not.toContain('\n');
    }
    expect(requestTypes.length).toBeGreaterThanOrEqual(13);
    expect(scriptTopics.length).toBeGreaterThanOrEqual(6);
    expect(scriptTopics.length).toBeLessThanOrEqual(8);
    expect(notices.length).toBeGreaterThanOrEqual(6);
    expect(notices.length).toBeLessThanOrEqual(8);
  });

  it('covers the required subjects', () => {
    const names = categories.map((category) => category.name).join(' | ');
    for (const subject of [/Iluminação/, /Limpeza/, /Trânsito/, /Saúde/, /Educação/, /IPTU/, /Meio ambiente/, /Zeladoria/, /Assistência social/]) {
      expect(names).toMatch(subject);
    }
    expect(informations.some((information) => information.keywords.includes('lgpd'))).toBe(true);
    const typeNames = requestTypes.map((type) => type.name);
    for (const name of ['Lâmpada apagada', 'Remoção de entulho', 'Buraco na via', 'Poda de árvore', 'Semáforo com defeito', 'Segunda via de IPTU', 'Vaga em creche']) {
      expect(typeNames).toContain(name);
    }
    expect(scriptTopics[0].title).toBe('Abertura');
    expect(scriptTopics[0].content).toContain('[seu nome]');
    expect(scriptTopics.at(-1)?.title).toBe('Encerramento');
    expect(scriptTopics.map((topic) => topic.title)).toEqual(
      expect.arrayContaining(['Identificação do cidadão', 'Confirmação de dados e LGPD', 'Registro da solicitação', 'Prazos e acompanhamento']),
    );
  });

  it('gives organs unique keys and example e-mails, and every request type an existing organ', () => {
    const keys = organs.map((organ) => organ.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const organ of organs) expect(organ.email).toMatch(/^[a-z0-9.-]+@prefeitura\.example\.gov\.br$/);
    for (const type of requestTypes) expect([type.name, keys.includes(type.organKey)]).toEqual([type.name, true]);
  });

  it('keeps titles and names unique', () => {
    const titles = informations.map((information) => information.title);
    expect(new Set(titles).size).toBe(titles.length);
    const names = requestTypes.map((type) => type.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('has 3 to 6 lowercase, unique keywords per information', () => {
    for (const { title, keywords } of informations) {
      expect([title, keywords.length >= 3 && keywords.length <= 6]).toEqual([title, true]);
      for (const keyword of keywords) expect(keyword).toBe(keyword.toLowerCase().trim());
      expect(new Set(keywords).size).toBe(keywords.length);
    }
  });

  it('has valid form schemas with only the allowed types and keywords', () => {
    for (const type of requestTypes) {
      expect([type.name, schemaProblems(type.formSchema)]).toEqual([type.name, []]);
    }
  });

  it('has realistic service settings', () => {
    for (const type of requestTypes) {
      expect(Number.isInteger(type.slaHours)).toBe(true);
      expect(type.slaHours).toBeGreaterThanOrEqual(4);
      expect(type.slaHours).toBeLessThanOrEqual(720);
      expect([24, 48, 72, null]).toContain(type.restartWindowHours);
      if (type.groupByAddress) expect([type.name, type.addressRequired]).toEqual([type.name, true]);
    }
    const byName = new Map(requestTypes.map((type) => [type.name, type]));
    expect(byName.get('Lâmpada apagada')).toMatchObject({ slaHours: 72, restartWindowHours: 48, groupByAddress: true, addressRequired: true });
    expect(byName.get('Semáforo com defeito')?.slaHours).toBe(4);
    expect(byName.get('Segunda via de IPTU')).toMatchObject({ addressRequired: false, restartWindowHours: null });
  });

  it('uses only the allowed HTML tags', () => {
    const html: Array<[string, string]> = [
      ...informations.flatMap((information): Array<[string, string]> => [
        [`${information.title} (body)`, information.body],
        [`${information.title} (solution)`, information.proposedSolution],
      ]),
      ...requestTypes.map((type): [string, string] => [type.name, type.operatorGuidance]),
      ...scriptTopics.map((topic): [string, string] => [topic.title, topic.content]),
      ...notices.map((notice): [string, string] => [notice.title, notice.body]),
    ];
    for (const [where, text] of html) {
      expect(text).toMatch(/<[a-z]/);
      expect([where, htmlProblems(text)]).toEqual([where, []]);
    }
    // The check itself catches what it must.
    expect(htmlProblems('<p onclick="x()">a</p><script>b</script><a href="https://x" target="_blank">c</a>')).toHaveLength(4);
  });

  it('has notices of every kind, exactly one expired and one in the future', () => {
    for (const kind of ['notice', 'incident', 'event'] as const) {
      expect(notices.filter((notice) => notice.kind === kind).length).toBeGreaterThanOrEqual(2);
    }
    for (const notice of notices) {
      if (notice.endsInHours !== null) expect(notice.endsInHours).toBeGreaterThan(notice.startsInHours);
    }
    const expired = notices.filter((notice) => notice.endsInHours !== null && notice.endsInHours < 0);
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ startsInHours: -72, endsInHours: -1 });
    const future = notices.filter((notice) => notice.startsInHours > 0);
    expect(future).toHaveLength(1);
    expect(future[0].startsInHours).toBe(48);
    const current = notices.filter((notice) => notice.startsInHours <= 0 && (notice.endsInHours === null || notice.endsInHours > 0));
    expect(current.length).toBe(notices.length - 2);
  });
});
