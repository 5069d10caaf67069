import type { Request } from '@receptivo/shared';
import { useApi } from '../auth/SessionProvider';
import { RequestActionButtons, type RequestActionCalls } from './RequestActionDialogs';
import { cancelRequest, complainAboutRequest, reiterateRequest, restartRequest } from './requests-api';

interface RequestActionsProps {
  request: Request;
  /** The request as the server answered the action, with what to tell the user. */
  onDone: (updated: Request, message: string) => void;
}

/** The lifecycle buttons of the Status Solicitação, sent as the signed-in desk user. */
export function RequestActions({ request, onDone }: RequestActionsProps) {
  const api = useApi();
  const calls: RequestActionCalls<Request> = {
    reiterate: (description, files) => reiterateRequest(api, request.id, description, files),
    complain: (body) => complainAboutRequest(api, request.id, body),
    restart: (body) => restartRequest(api, request.id, body),
    cancel: (body) => cancelRequest(api, request.id, body),
  };
  return <RequestActionButtons request={request} calls={calls} onDone={onDone} />;
}
