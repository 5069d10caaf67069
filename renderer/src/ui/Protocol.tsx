import { formatProtocol } from '@receptivo/shared';

/** A protocol number as people read it out, kept on one line on screen and on paper. */
export function Protocol({ value }: { value: string }) {
  return <span className="protocol">{formatProtocol(value)}</span>;
}

// A formatted protocol inside a sentence written by the server ("… no atendimento 2026.000123-4").
const FORMATTED_PROTOCOL = /(\d{4}\.\d{6,}-\d)/;

/** Text with every protocol in it kept whole, as Protocol does. */
export function TextWithProtocols({ text }: { text: string }) {
  // split() with a capturing group puts the protocols at the odd indexes.
  return text.split(FORMATTED_PROTOCOL).map((part, index) =>
    index % 2 === 1 ? (
      <span key={index} className="protocol">
        {part}
      </span>
    ) : (
      part
    ),
  );
}
