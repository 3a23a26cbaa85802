package studio.catdog.core.image;

import java.awt.image.BufferedImage;

/**
 * A decoded image and whether its file is damaged.
 *
 * @param image the pixels (a damaged file's missing part as the decoder filled it, often grey)
 * @param damage why the file is damaged, in plain words; null when it is whole
 */
public record DecodedImage(BufferedImage image, String damage) {
    /** @return whether the file ends early or the decoder warned about it */
    public boolean damaged() {
        return damage != null;
    }
}
