import { Link } from 'react-router-dom';

/** The way from "CPF/CNPJ já cadastrado." to the customer who has it (the server names them in the conflict). */
export function ExistingCustomerLink({ customerId }: { customerId: string | undefined }) {
  if (!customerId) return null;
  return (
    <p className="field__hint">
      <Link to={`/clientes/${customerId}`}>Abrir cadastro existente</Link>
    </p>
  );
}
