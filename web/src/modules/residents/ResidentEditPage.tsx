import { EmptyState } from '../../app/states';

export default function ResidentEditPage() {
  return <EmptyState />;
}
