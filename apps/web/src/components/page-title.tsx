import { Group, Title } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';

/** The page heading; also sets the document title so every tab says Caseflow and where you are. */
export function PageTitle({ children, title, actions }: { children: ReactNode; title: string; actions?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Caseflow`;
  }, [title]);
  return (
    <Group justify="space-between" mb="md" wrap="wrap">
      <Title order={1} size="h2">
        {children}
      </Title>
      {actions}
    </Group>
  );
}
