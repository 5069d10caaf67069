/** Addresses of the pages other pages link to; the patterns they fill are in App's routes. */
const segment = (id: string) => encodeURIComponent(id);

export const requestStatusPath = (id: string) => `/solicitacoes/${segment(id)}`;
export const requestPrintPath = (id: string) => `${requestStatusPath(id)}/imprimir`;
export const attendanceDetailsPath = (id: string) => `/atendimentos/${segment(id)}`;
export const attendancePrintPath = (id: string) => `${attendanceDetailsPath(id)}/imprimir`;
export const customerEditorPath = (id: string) => `/clientes/${segment(id)}`;
