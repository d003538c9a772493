import { EmptyState } from '../../app/states';

export default function HomePage() {
  return <EmptyState />;
}
