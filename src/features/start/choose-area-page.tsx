import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useLocation, useSearch } from 'wouter';
import { z } from 'zod';
import { ErrorSummary, collectErrors } from '../../ui/components/error-summary.tsx';
import { Radios } from '../../ui/components/fields.tsx';
import { Page } from '../../ui/components/page.tsx';
import { useDocuments } from '../../ui/documents/documents-context.tsx';

const chooseAreaSchema = z.object({ documentId: z.string().min(1, 'Select the area you work in') });
const NEXT_PAGES = new Set(['quick-check', 'assessment/new', 'browse']);

export default function ChooseAreaPage() {
  const { catalogue, chosen, choose } = useDocuments();
  const [, navigate] = useLocation();
  const next = new URLSearchParams(useSearch()).get('next');
  const form = useForm({
    shouldFocusError: false,
    resolver: zodResolver(chooseAreaSchema),
    defaultValues: { documentId: chosen?.id ?? '' },
  });
  return (
    <Page title="Which area's descriptions of need do you use?">
      <form
        noValidate
        onSubmit={form.handleSubmit(({ documentId }) => {
          choose(documentId);
          navigate(next && NEXT_PAGES.has(next) ? `/${next}` : '/');
        })}
      >
        <ErrorSummary errors={collectErrors(form.formState.errors)} attempt={form.formState.submitCount} />
        <Radios
          legend={<span className="govuk-visually-hidden">Area</span>}
          hint="This device will remember your choice. You can change it from the start page."
          error={form.formState.errors.documentId?.message}
          registration={form.register('documentId')}
          options={catalogue.map((doc) => ({
            value: doc.id,
            label: doc.title,
            hint: `${doc.area}, version ${doc.version}`,
          }))}
        />
        <button className="govuk-button" type="submit">
          Continue
        </button>
      </form>
    </Page>
  );
}
