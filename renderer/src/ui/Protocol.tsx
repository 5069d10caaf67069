import { formatProtocol } from '@receptivo/shared';

/** A protocol number as people read it out, kept on one line on screen and on paper. */
export function Protocol({ value }: { value: string }) {
  return <span className="protocol">{formatProtocol(value)}</span>;
}
