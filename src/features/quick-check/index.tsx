import { Suspense } from 'react';
import { Redirect } from 'wouter';
import { Loading } from '../../ui/components/loading.tsx';
import { useDocuments } from '../../ui/documents/documents-context.tsx';
import { QuickCheck } from './quick-check-routes.tsx';

export { preloadStoredQuickCheck } from './stored-answers.ts';

export default function QuickCheckFeature() {
  const { chosen } = useDocuments();
  if (!chosen) return <Redirect to="~/choose-area?next=quick-check" replace />;
  return (
    <Suspense fallback={<Loading />}>
      <QuickCheck documentId={chosen.id} />
    </Suspense>
  );
}
