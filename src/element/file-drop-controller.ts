import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface FileDropOptions {
  /** Whether a file may be taken now (not disabled, nothing in flight). */
  accepting(): boolean;
  onFile(file: File): void;
}

/**
 * Files dropped on or pasted into the host. The drag highlight is counted, not toggled:
 * dragenter and dragleave fire for every child the pointer crosses, and a toggle would flicker.
 */
export class FileDropController implements ReactiveController {
  dragging = false;
  #depth = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: FileDropOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    for (const [type, listener] of this.#listeners()) this.host.addEventListener(type, listener);
  }

  hostDisconnected(): void {
    for (const [type, listener] of this.#listeners()) this.host.removeEventListener(type, listener);
    this.#setDepth(0);
  }

  #listeners(): Array<[string, EventListener]> {
    return [
      ['dragenter', this.#onDragEnter as EventListener],
      ['dragover', this.#onDragOver as EventListener],
      ['dragleave', this.#onDragLeave],
      ['drop', this.#onDrop as EventListener],
      ['paste', this.#onPaste as EventListener],
    ];
  }

  #setDepth(depth: number): void {
    this.#depth = Math.max(0, depth);
    const dragging = this.#depth > 0;
    if (dragging !== this.dragging) {
      this.dragging = dragging;
      this.host.requestUpdate();
    }
  }

  #carriesFiles = (event: DragEvent) => Boolean(event.dataTransfer?.types.includes('Files'));

  // Drag events carrying files are always claimed, even when no file is taken: otherwise the
  // browser would open the dropped file in place of the onboarding page.
  #onDragEnter = (event: DragEvent) => {
    if (!this.#carriesFiles(event)) return;
    event.preventDefault();
    if (this.options.accepting()) this.#setDepth(this.#depth + 1);
  };

  #onDragOver = (event: DragEvent) => {
    if (!this.#carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer!.dropEffect = this.options.accepting() ? 'copy' : 'none';
  };

  #onDragLeave = () => this.#setDepth(this.#depth - 1);

  #onDrop = (event: DragEvent) => {
    event.preventDefault();
    this.#setDepth(0);
    const file = event.dataTransfer?.files[0];
    if (file) this.options.onFile(file);
  };

  #onPaste = (event: ClipboardEvent) => {
    const file = event.clipboardData?.files[0];
    if (!file) return;
    event.preventDefault();
    this.options.onFile(file);
  };
}
