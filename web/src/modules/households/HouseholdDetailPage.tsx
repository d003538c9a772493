import { EmptyState } from '../../app/states';

export default function HouseholdDetailPage() {
  return <EmptyState />;
}
