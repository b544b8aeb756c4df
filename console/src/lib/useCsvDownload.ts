// A report's CSV download (Reports, Traffic): fetched with the key in its header and saved from a Blob, since a link
// to the API would need the key in its URL. The file is named as the API names it, else {prefix}-{from}-{to}.csv.

import { useState } from "preact/hooks";
import { UnauthorizedError } from "./api";
import { useApi } from "./context";
import { saveFile } from "./save";
import { asError } from "./useLoad";

export interface CsvDownload {
  busy: boolean;
  error?: Error;
  saved?: string;
}

export function useCsvDownload(path: string, prefix: string, query: () => Record<string, string>): [CsvDownload, () => Promise<void>] {
  const api = useApi();
  const [download, setDownload] = useState<CsvDownload>({ busy: false });
  const start = async () => {
    setDownload({ busy: true });
    try {
      const csvQuery = query();
      const file = await api.download(path, csvQuery);
      const name = file.fileName ?? `${prefix}-${csvQuery.from}-${csvQuery.to}.csv`;
      saveFile(file.blob, name);
      setDownload({ busy: false, saved: name });
    } catch (e) {
      if (!(e instanceof UnauthorizedError)) setDownload({ busy: false, error: asError(e) });
    }
  };
  return [download, start];
}
