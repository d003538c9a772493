import { EmptyState } from '../../app/states';

export default function OrgsPage() {
  return <EmptyState />;
}
