// @vitest-environment happy-dom
import { h, render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { ErrorBox } from "../src/components/ErrorBox";
import { ApiError } from "../src/lib/api";

// A live region is announced when its text changes: an operator who retries and meets the same error again must hear
// it again, so the box empties before it takes the new error's text.
describe("an error box", () => {
  afterEach(() => { document.body.replaceChildren(); });

  it("empties, then says again, a second error that reads as the one it shows", async () => {
    const root = document.body.appendChild(document.createElement("div"));
    const failure = () => new ApiError(503, "storage-unavailable", "Storage is not answering.", undefined, 5);
    await act(() => { render(h(ErrorBox, { error: failure() }), root); });
    const alert = root.querySelector('[role="alert"]')!;
    const text = alert.textContent;
    expect(text).toContain("storage-unavailable");
    expect(text).toContain("Storage is not answering.");

    render(h(ErrorBox, { error: failure() }), root);
    expect(root.querySelector('[role="alert"]')).toBe(alert);
    expect(alert.textContent).toBe("");
    await expect.poll(() => alert.textContent).toBe(text);
  });

  it("keeps its text while it shows the same error", async () => {
    const root = document.body.appendChild(document.createElement("div"));
    const error = new Error("The network is unreachable.");
    await act(() => { render(h(ErrorBox, { error }), root); });
    render(h(ErrorBox, { error }), root);
    expect(root.textContent).toContain("The network is unreachable.");
  });
});
