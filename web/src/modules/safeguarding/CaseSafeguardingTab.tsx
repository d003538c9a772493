import { Space } from 'antd';
import { MandatoryReports } from './MandatoryReports';
import { ProtectiveOrders } from './ProtectiveOrders';
import { RestrictedDetails } from './RestrictedDetails';

/**
 * The duties the law puts on the worker, as a tab of the case page: mandatory reports (any case:
 * the suspicion often arises in a general one), 告诫书/保护令 with their visits, and for 社区矫正 and
 * 社区戒毒/康复 cases their own restricted fields. `juvenile` adds the reminder of 社区矫正法 第54条.
 */
export function CaseSafeguardingTab({ caseId, kind, abilities, juvenile }: { caseId: string; kind: string; abilities: { work: boolean }; juvenile?: boolean }) {
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <MandatoryReports caseId={caseId} canWork={abilities.work} />
      {(kind === 'correction' || kind === 'drug_rehab') && <RestrictedDetails caseId={caseId} kind={kind} canWork={abilities.work} juvenile={juvenile} />}
      <ProtectiveOrders caseId={caseId} canWork={abilities.work} />
    </Space>
  );
}
