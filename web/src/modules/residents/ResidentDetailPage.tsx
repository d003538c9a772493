import { EmptyState } from '../../app/states';

export default function ResidentDetailPage() {
  return <EmptyState />;
}
