import type { UraData } from '@receptivo/shared';
import { uraEntries } from './call-display';

/** The URA's fields as description-list rows, for the pop and for the desk's call facts. */
export function UraFacts({ ura, className }: { ura: UraData; className: string }) {
  return uraEntries(ura).map(({ key, label, value }) => (
    <div key={key} className={className}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  ));
}
