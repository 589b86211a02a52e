// Painter pixels → NativeImage with one representation per scale factor
// (16/32 px on macOS and Windows, one at the largest display scale on Linux),
// cached by what the image shows: at most 22 levels × 2^4 flags × 3 themes.
import { nativeImage, type NativeImage } from 'electron';
import { encodePng } from './png-encode';
import { gaugeKey, gaugeSizes, paintGauge, type GaugeLook, type GaugeTheme, type TrayPlatform } from './gauge-painter';

export class GaugeImageCache {
  readonly #cache = new Map<string, NativeImage>();
  readonly #platform: TrayPlatform;
  readonly #maxScaleFactor: () => number;

  constructor(platform: TrayPlatform, maxScaleFactor: () => number) {
    this.#platform = platform;
    this.#maxScaleFactor = maxScaleFactor;
  }

  get(look: GaugeLook, theme: GaugeTheme): NativeImage {
    const sizes = gaugeSizes(this.#platform, this.#maxScaleFactor());
    const key = `${gaugeKey(look, theme)}@${sizes.map((s) => s.scaleFactor).join(',')}`;
    const hit = this.#cache.get(key);
    if (hit) return hit;
    const image = nativeImage.createEmpty();
    for (const { scaleFactor, size } of sizes) {
      image.addRepresentation({ scaleFactor, width: size, height: size, buffer: encodePng(paintGauge(look, size, theme)) });
    }
    if (theme === 'template') image.setTemplateImage(true);
    this.#cache.set(key, image);
    return image;
  }

  /** Display scale changed (Linux): the next get() paints at the new size. */
  clear(): void {
    this.#cache.clear();
  }
}
