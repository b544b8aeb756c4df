// Saves a file the console fetched (a CSV report): the fetch carried the key in its header, so the file arrives as a
// Blob and is handed to the browser through an object URL and an anchor with `download` (a plain link to the API
// would have to put the key in its URL, where logs and history keep it).

export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = "noopener";
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The browser has read the URL by the time a download starts; a minute is ample.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
