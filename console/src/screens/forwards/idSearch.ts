/** The search that names one forward, as its edit page and its delivery log read it. */
export const idSearch = (id: string) => `?id=${encodeURIComponent(id)}`;
