import { useParams } from 'react-router-dom';
import type { Attendance } from '@receptivo/shared';
import { attendanceDetailsPath } from '../app/paths';
import { PrintSheet } from '../ui/PrintSheet';
import { attendancePdfPath } from './attendances-api';
import {
  AttendanceCallFacts,
  AttendanceFacts,
  AttendanceInformations,
  AttendanceLoader,
  attendancePdfName,
  AttendanceRequests,
} from './AttendanceDetailsPage';

/** /atendimentos/:id/imprimir: the attendance on one sheet, with its informations and requests. */
export function AttendancePrintPage() {
  const { id = '' } = useParams();
  return <AttendanceLoader id={id}>{(attendance) => <PrintableAttendance attendance={attendance} />}</AttendanceLoader>;
}

function PrintableAttendance({ attendance }: { attendance: Attendance }) {
  return (
    <PrintSheet
      kind="Comprovante de atendimento"
      title="Atendimento"
      protocol={attendance.protocol}
      pdf={{ path: attendancePdfPath(attendance.id), fileName: attendancePdfName(attendance) }}
      back={{ to: attendanceDetailsPath(attendance.id), label: 'Voltar ao atendimento' }}
    >
      <AttendanceFacts attendance={attendance} />
      {attendance.call && <AttendanceCallFacts call={attendance.call} />}
      <AttendanceInformations attendance={attendance} />
      <AttendanceRequests attendance={attendance} linked={false} />
    </PrintSheet>
  );
}
