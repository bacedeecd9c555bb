import type { WidgetSettings } from '@caseflow/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export const widgetKeys = { settings: ['widget', 'settings'] as const };

/** The widget's colour and greeting (the defaults until an admin saves some). */
export function useWidgetSettings() {
  return useQuery({ queryKey: widgetKeys.settings, queryFn: () => api<WidgetSettings>('GET', '/widget/settings') });
}

export function useSaveWidgetSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: WidgetSettings) => api<WidgetSettings>('PUT', '/widget/settings', body),
    onSuccess: (saved) => client.setQueryData(widgetKeys.settings, saved),
  });
}
