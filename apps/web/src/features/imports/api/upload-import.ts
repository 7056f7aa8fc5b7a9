import {
  ErrorResponseSchema,
  type ImportKind,
  type ImportMode,
  type ImportResult,
  ImportResultSchema,
} from '@ipo/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../lib/api-client';
import { importHistoryKey } from './get-import-history';

export interface UploadInput {
  kind: ImportKind;
  mode: ImportMode;
  file: File;
  /** Called with the share of the file sent so far (0-1). */
  onProgress?: (sent: number) => void;
}

/**
 * Uploads a CSV with XMLHttpRequest, which (unlike fetch) reports upload progress. A processed
 * file answers with the import result: 200 when it was applied, 422 when it was rejected (with its
 * errors, which the page lists). Any other answer is an error.
 */
export function uploadImport({ kind, mode, file, onProgress }: UploadInput): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = new URLSearchParams({ mode, filename: file.name });
    xhr.open('POST', `/api/imports/${kind}?${query}`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-type', 'text/csv');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.upload.onload = () => onProgress?.(1);
    xhr.onerror = () =>
      reject(new ApiError('network', 0, 'The file could not be sent: is the server running?'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      // A rejected file is a 422 with the same result as a 200: the report to show.
      const result =
        xhr.status === 200 || xhr.status === 422 ? ImportResultSchema.safeParse(body) : null;
      if (result?.success) return resolve(result.data);
      if (xhr.status === 200) {
        return reject(
          new ApiError(
            'invalid_response',
            xhr.status,
            'The server sent an answer the dashboard could not read.',
          ),
        );
      }
      const error = ErrorResponseSchema.safeParse(body);
      reject(
        new ApiError(
          'http',
          xhr.status,
          error.success ? error.data.message : `The server answered ${xhr.status}.`,
          { requestId: error.success ? error.data.requestId : undefined },
        ),
      );
    };
    xhr.send(file);
  });
}

export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadImport,
    onSettled: () => queryClient.invalidateQueries({ queryKey: importHistoryKey }),
  });
}
