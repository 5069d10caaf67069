import { Link } from 'react-router-dom';
import { customerEditorPath } from '../app/paths';

interface ExistingCustomerLinkProps {
  customerId: string | undefined;
  /** In an attendance: take the customer already registered instead, without leaving the desk. */
  onUse?: (customerId: string) => void;
}

/** The way from "CPF/CNPJ já cadastrado." to the customer who has it (the server names them in the conflict). */
export function ExistingCustomerLink({ customerId, onUse }: ExistingCustomerLinkProps) {
  if (!customerId) return null;
  return (
    <p className="field__hint">
      {onUse ? (
        <button type="button" className="button button--small" onClick={() => onUse(customerId)}>
          Vincular o cliente já cadastrado
        </button>
      ) : (
        <Link to={customerEditorPath(customerId)}>Abrir cadastro existente</Link>
      )}
    </p>
  );
}
