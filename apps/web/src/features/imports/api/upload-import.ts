import type { ImportKind, ImportMode, ImportResult } from '@ipo/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiUpload } from '../../../lib/api-client';
import { importHistoryKey } from './get-import-history';

export interface UploadInput {
  kind: ImportKind;
  mode: ImportMode;
  file: File;
  /** Called with the share of the file sent so far (0-1). */
  onProgress?: (sent: number) => void;
}

/**
 * Uploads a CSV, reporting progress. A processed file answers with the import result: 200 when
 * it was applied, 422 when it was rejected (with its errors, which the page lists). Any other
 * answer, and a 422 that is not an import result, is an ApiError.
 */
export function uploadImport({ kind, mode, file, onProgress }: UploadInput): Promise<ImportResult> {
  const query = new URLSearchParams({ mode, filename: file.name });
  return apiUpload(`/api/imports/${kind}?${query}`, (c) => c.ImportResultSchema, {
    body: file,
    contentType: 'text/csv',
    onProgress,
    answerStatuses: [422],
  });
}

export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadImport,
    onSettled: () => queryClient.invalidateQueries({ queryKey: importHistoryKey }),
  });
}
