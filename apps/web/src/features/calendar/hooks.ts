import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ApiBody, type ApiResponse, unwrap } from '../api';

export type CalendarYear = ApiResponse<'/api/calendar'>;
export type DeclareDayBody = ApiBody<'/api/admin/calendar/{date}', 'put'>;

const key = ['calendar'] as const;

export function useCalendar(year: number) {
  return useQuery({
    queryKey: [...key, year],
    queryFn: ({ signal }) => unwrap(api.GET('/api/calendar', { params: { query: { year } }, signal })),
  });
}

export function useDeclareDay() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ date, ...body }: DeclareDayBody & { date: string }) =>
      unwrap(api.PUT('/api/admin/calendar/{date}', { params: { path: { date } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useRemoveDay() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (date: string) => unwrap(api.DELETE('/api/admin/calendar/{date}', { params: { path: { date } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}
