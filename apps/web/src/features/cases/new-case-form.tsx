import { type Case, createCaseBody, type KbSearchHit } from '@caseflow/contract';
import { Alert, Button, Grid, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { errorMessage } from '../../lib/api-client';
import { serverFieldErrors, zodErrors } from '../../lib/forms';
import { AttachmentPicker, useAttachmentPicker } from '../attachments';
import { ArticleSuggestions, useDeflectionSession } from '../kb';
import { useCreateCase } from './api';
import { categoryOptions, outcomeOptions, reasonOptions } from './options';

/** "Not sure" sends no category: triage works it out from what the customer writes (SPEC §9). */
const NOT_SURE = 'not_sure';
const categoryChoices = [{ value: NOT_SURE, label: 'Not sure' }, ...categoryOptions];

const initialValues = {
  category: NOT_SURE,
  subject: '',
  description: '',
  orderNumber: '',
  product: '',
  reason: '',
  desiredOutcome: '',
};

const isLeftOut = (key: string, value: string | null) =>
  typeof value !== 'string' || value.trim() === '' || (key === 'category' && value === NOT_SURE);

/** Empty optional fields (an empty input, a cleared select's null, "Not sure") are left out rather than sent. */
function toBody(values: Record<string, string | null>) {
  return Object.fromEntries(Object.entries(values).filter(([key, value]) => !isLeftOut(key, value)));
}

/**
 * The return form: validated in the browser with the API's own schema, then by the API. While the
 * customer writes, help articles that may answer them are suggested (SPEC §10); one that does ends the
 * visit with no case (`onDeflected`).
 */
export function NewCaseForm({
  onCreated,
  onDeflected,
}: {
  onCreated: (created: Case) => void;
  onDeflected: (article: KbSearchHit) => void;
}) {
  const create = useCreateCase();
  const deflection = useDeflectionSession();
  const attachments = useAttachmentPicker();
  const form = useForm({ initialValues, validate: (values) => zodErrors(createCaseBody)(toBody(values)) });

  const submit = form.onSubmit((values) => {
    if (attachments.isUploading) return;
    const { attachmentIds } = attachments;
    const body = { ...toBody(values), ...(attachmentIds.length > 0 ? { attachmentIds } : {}) };
    create.mutate(createCaseBody.parse(body), {
      onSuccess: (created) => {
        const item = created as Case;
        deflection.recordCreated(item.id);
        attachments.clear();
        onCreated(item);
      },
      onError: (error) => form.setErrors(serverFieldErrors(error)),
    });
  });

  return (
    <form onSubmit={submit} onPaste={attachments.handlePaste} noValidate>
      <Stack>
        {create.isError && (
          <Alert color="red" role="alert">
            {errorMessage(create.error)}
          </Alert>
        )}
        <Select
          label="What is it about?"
          description="Helps us send it to the right team. Not sure? We work it out from what you write."
          data={categoryChoices}
          allowDeselect={false}
          {...form.getInputProps('category')}
        />
        <Grid>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput label="Order number" placeholder="ORD-1234" {...form.getInputProps('orderNumber')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput label="Product" placeholder="Blender X2" {...form.getInputProps('product')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label="Reason"
              placeholder="Choose a reason"
              data={reasonOptions}
              clearable
              {...form.getInputProps('reason')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label="What would you like?"
              placeholder="Choose an outcome"
              data={outcomeOptions}
              clearable
              {...form.getInputProps('desiredOutcome')}
            />
          </Grid.Col>
        </Grid>
        <TextInput label="Subject" required maxLength={200} {...form.getInputProps('subject')} />
        <Textarea label="What happened?" required autosize minRows={4} {...form.getInputProps('description')} />
        <ArticleSuggestions
          text={`${form.values.subject}\n${form.values.description}`}
          session={deflection}
          onDeflected={onDeflected}
        />
        <AttachmentPicker picker={attachments} />
        <Button type="submit" loading={create.isPending} disabled={attachments.isUploading} w="fit-content">
          Report case
        </Button>
      </Stack>
    </form>
  );
}
