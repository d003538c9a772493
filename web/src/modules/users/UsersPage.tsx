import { EmptyState } from '../../app/states';

export default function UsersPage() {
  return <EmptyState />;
}
