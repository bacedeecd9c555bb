import { Button, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PageTitle } from '../components/page-title';

export default function NotFoundPage() {
  return (
    <Stack>
      <PageTitle title="Not found">Page not found</PageTitle>
      <Text>There is nothing here, or you may not see it.</Text>
      <Button component={Link} to="/" w="fit-content">
        Go to your start page
      </Button>
    </Stack>
  );
}
