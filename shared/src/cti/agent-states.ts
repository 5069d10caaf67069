import { z } from 'zod';

export const agentStates = ['available', 'ringing', 'on_call', 'paused', 'wrap_up', 'offline'] as const;
export const agentStateNameSchema = z.enum(agentStates);
export type AgentStateName = z.infer<typeof agentStateNameSchema>;
export const agentStateLabels: Record<AgentStateName, string> = {
  available: 'Disponível',
  ringing: 'Chamando',
  on_call: 'Em ligação',
  paused: 'Em pausa',
  wrap_up: 'Pós-atendimento',
  offline: 'Desconectado',
};
