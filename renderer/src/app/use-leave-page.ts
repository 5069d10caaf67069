import { useLocation, useNavigate } from 'react-router-dom';
import { homePathFor } from '@receptivo/shared';
import { useCurrentUser } from '../auth/SessionProvider';

/** [Fechar] of a page opened from elsewhere: back where the user came from, or home for a page opened from the address bar. */
export function useLeavePage(): () => void {
  const navigate = useNavigate();
  const location = useLocation();
  const { role } = useCurrentUser();
  return () => (location.key === 'default' ? navigate(homePathFor(role)) : navigate(-1));
}
