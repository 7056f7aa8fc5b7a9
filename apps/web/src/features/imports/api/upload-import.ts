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
 * file is a 200 with the import result, applied or rejected (with its errors).
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
      if (xhr.status === 200) {
        const parsed = ImportResultSchema.safeParse(body);
        if (parsed.success) return resolve(parsed.data);
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
