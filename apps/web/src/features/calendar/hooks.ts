import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../api';

export interface CalendarYear {
  year: number;
  holidays: { date: string; name: { vi: string; en: string }; kind: string }[];
  declared: { date: string; kind: 'day_off' | 'working_day'; note: string }[];
}

const key = ['calendar'] as const;

export function useCalendar(year: number) {
  return useQuery({
    queryKey: [...key, year],
    queryFn: ({ signal }) => apiFetch<CalendarYear>('/api/calendar', { query: { year }, signal }),
  });
}

export function useDeclareDay() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ date, ...body }: { date: string; kind: 'day_off' | 'working_day'; note: string }) =>
      apiFetch<{ ok: true }>(`/api/admin/calendar/${encodeURIComponent(date)}`, { method: 'PUT', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useRemoveDay() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (date: string) =>
      apiFetch<{ ok: true }>(`/api/admin/calendar/${encodeURIComponent(date)}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}
