import { fieldsFromSchema, formFieldTypes, keyFromLabel, newFormField, schemaFromFields } from '@receptivo/shared';
import { assertRenderableFormSchema } from './form-schema';
import { demoKnowledge } from './knowledge-demo-data';

/** The visual builder (shared) against the server's rules and the demo data an admin will open first. */
describe('the form builder and the server', () => {
  const demoTypes = demoKnowledge.categories.flatMap((category) => category.requestTypes);

  it.each(demoTypes.map((type) => [type.name, type.formSchema] as const))(
    'loads the demo form of "%s" into the builder and writes it back unchanged',
    (_name, schema) => {
      const read = fieldsFromSchema(schema);
      if (!read.ok) throw new Error(read.reason);
      expect(schemaFromFields(read.fields)).toEqual(schema);
    },
  );

  it('writes schemas the server accepts, for every field type', () => {
    const fields = formFieldTypes.map((type) => ({
      ...newFormField(keyFromLabel(`Campo ${type}`, []), `Campo ${type}`),
      type,
      required: true,
      help: 'Ajuda',
      placeholder: 'Exemplo',
      maxLength: 100,
      minimum: 1,
      maximum: 9,
      integer: type === 'number',
      options: ['Sim, sempre', 'Não'],
      choiceWidget: 'radio' as const,
    }));
    expect(() => assertRenderableFormSchema(schemaFromFields(fields))).not.toThrow();
  });
});
