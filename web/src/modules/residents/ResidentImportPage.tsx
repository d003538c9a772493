import { EmptyState } from '../../app/states';

export default function ResidentImportPage() {
  return <EmptyState />;
}
