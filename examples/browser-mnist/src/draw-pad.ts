import type { GreyImage } from './to-mnist.js';

/** Options of {@link DrawPad}. */
export interface DrawPadOptions {
  /** Stroke width in canvas pixels; default a fifteenth of the canvas width. */
  readonly lineWidth?: number;
  /** Called when a stroke ends. */
  readonly onStroke?: () => void;
}

/** A canvas to draw a digit on with the mouse, a pen or a finger: white ink on black, as MNIST. */
export class DrawPad {
  private readonly context: CanvasRenderingContext2D;
  private drawing = false;

  constructor(
    readonly canvas: HTMLCanvasElement,
    options: DrawPadOptions = {},
  ) {
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('DrawPad: the canvas has no 2D context');
    this.context = context;
    context.lineWidth = options.lineWidth ?? canvas.width / 15;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.strokeStyle = '#fff';
    this.clear();
    const at = (event: PointerEvent): [number, number] => {
      const rect = canvas.getBoundingClientRect();
      return [((event.clientX - rect.left) * canvas.width) / rect.width, ((event.clientY - rect.top) * canvas.height) / rect.height];
    };
    canvas.addEventListener('pointerdown', (event) => {
      this.drawing = true;
      canvas.setPointerCapture(event.pointerId);
      const [x, y] = at(event);
      context.beginPath();
      context.moveTo(x, y);
      context.lineTo(x, y);
      context.stroke();
    });
    canvas.addEventListener('pointermove', (event) => {
      if (!this.drawing) return;
      const [x, y] = at(event);
      context.lineTo(x, y);
      context.stroke();
    });
    const end = (): void => {
      if (!this.drawing) return;
      this.drawing = false;
      options.onStroke?.();
    };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
  }

  /** Wipes the drawing. */
  clear(): void {
    this.context.fillStyle = '#000';
    this.context.fillRect(0, 0, this.canvas.width, this.canvas.height);
  }

  /** The drawing as ink values in [0, 1] (the red channel: strokes are white on black). */
  image(): GreyImage {
    const { width, height } = this.canvas;
    const rgba = this.context.getImageData(0, 0, width, height).data;
    const pixels = new Float32Array(width * height);
    for (let i = 0; i < pixels.length; i++) pixels[i] = rgba[i * 4]! / 255;
    return { width, height, pixels };
  }
}
