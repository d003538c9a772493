import { EmptyState } from '../../app/states';

export default function HouseholdListPage() {
  return <EmptyState />;
}
