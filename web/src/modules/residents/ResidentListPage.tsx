import { EmptyState } from '../../app/states';

export default function ResidentListPage() {
  return <EmptyState />;
}
