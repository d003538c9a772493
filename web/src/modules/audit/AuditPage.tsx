import { EmptyState } from '../../app/states';

export default function AuditPage() {
  return <EmptyState />;
}
