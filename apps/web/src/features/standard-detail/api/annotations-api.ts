import type { AnnotationInput } from '@ipo/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../lib/api-client';

const keys = {
  all: ['annotations'] as const,
  standard: (code: string) => ['annotations', code] as const,
};

/** A standard's annotations and those of every standard, earliest first. */
export function useAnnotations(code: string) {
  return useQuery({
    queryKey: keys.standard(code),
    queryFn: ({ signal }) =>
      apiGet(
        `/api/annotations?standard=${encodeURIComponent(code)}`,
        (c) => c.AnnotationsResponseSchema,
        {
          signal,
        },
      ),
  });
}

/** Adds (no id) or changes an annotation; every standard's annotations are asked for again. */
export function useSaveAnnotation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: number; input: AnnotationInput }) =>
      id === undefined
        ? apiSend('POST', '/api/annotations', (c) => c.AnnotationSchema, { body: input })
        : apiSend('PUT', `/api/annotations/${id}`, (c) => c.AnnotationSchema, { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useDeleteAnnotation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      apiSend('DELETE', `/api/annotations/${id}`, (c) => c.NoContentSchema),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all }),
  });
}
