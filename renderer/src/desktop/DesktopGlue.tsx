import { useEffect, useEffectEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { menuSections, type CallRinging } from '@receptivo/shared';
import { serverBaseUrl } from '../api/server-url';
import { useApi, useSession } from '../auth/SessionProvider';
import { useCti } from '../cti/CtiProvider';
import { pauseReasonsQuery } from '../cti/cti-api';

// The renderer's side of the desktop bridge (shared/src/desktop/bridge.ts). In a plain browser
// window.receptivoDesktop is undefined and all of this does nothing. Each function is also checked:
// the page comes from the server, the preload from the installed app, which may be older.

const receptivoPath = menuSections.find((section) => section.key === 'receptivo')!.path;

/** A failed IPC call costs the shell a notification or a tray label, never the desk's work. */
const warn = (what: string) => (error: unknown) => console.warn(`Receptivo desktop: ${what} failed`, error);

/** The signed-in session for the shell's cache sync: on login, token change and logout (null). */
export function DesktopSession() {
  const { session } = useSession();
  const token = session?.token ?? null;

  useEffect(() => {
    const desktop = window.receptivoDesktop;
    if (!desktop?.setSession) return;
    if (!token) {
      desktop.setSession(null).catch(warn('setSession'));
      return;
    }
    let current = true;
    serverBaseUrl()
      .then((serverUrl) => (current ? desktop.setSession({ serverUrl, token }) : undefined))
      .catch(warn('setSession'));
    return () => {
      current = false;
    };
  }, [token]);

  return null;
}

const noReasons: string[] = [];

/** For CtiProvider's onRinging: the shell brings the window forward and shows the caller. */
export function ringDesktop(call: CallRinging): void {
  window.receptivoDesktop?.callRinging?.(call).catch(warn('callRinging'));
}

/**
 * Inside the signed-in layout: the agent state out to the tray; the notification's click (open the
 * desk) and the tray's pause and resume in. The outcome of a pause from the tray comes back to it
 * as the next agent state.
 */
export function DesktopCti() {
  const cti = useCti();
  const navigate = useNavigate();
  const { agent } = cti;
  // The tray's Pausar menu offers the server's reasons, as the desk's dialog does.
  const reasons = useQuery(pauseReasonsQuery(useApi()));
  const pauseReasons = reasons.data?.reasons ?? noReasons;

  useEffect(() => {
    if (agent) window.receptivoDesktop?.agentState?.({ ...agent, pauseReasons }).catch(warn('agentState'));
  }, [agent, pauseReasons]);

  const openDesk = useEffectEvent(() => navigate(receptivoPath));
  const pause = useEffectEvent((reason: string) => {
    void cti.pause(reason);
  });
  const unpause = useEffectEvent(() => {
    void cti.unpause();
  });

  useEffect(() => {
    const desktop = window.receptivoDesktop;
    const unsubscribe = [
      desktop?.onOpenDesk?.(() => openDesk()),
      desktop?.onPause?.(({ reason }) => pause(reason)),
      desktop?.onUnpause?.(() => unpause()),
    ];
    return () => unsubscribe.forEach((off) => off?.());
  }, []);

  return null;
}
