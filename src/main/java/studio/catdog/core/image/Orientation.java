package studio.catdog.core.image;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import org.w3c.dom.Node;

/**
 * The orientation a photo was taken in (EXIF), so phone pictures are shown and predicted upright.
 * Read from ImageIO's standard metadata ({@code Dimension/ImageOrientation}), which the TwelveMonkeys
 * JPEG reader fills from the EXIF orientation tag.
 */
enum Orientation {
    /** Stored upright. */
    NORMAL,
    /** Needs a quarter turn clockwise (EXIF 6). */
    ROTATE_CW,
    /** Needs a half turn (EXIF 3). */
    ROTATE_180,
    /** Needs a quarter turn counter-clockwise (EXIF 8). */
    ROTATE_CCW,
    /** Needs a left-right mirror (EXIF 2). */
    FLIP_H,
    /** Needs a top-bottom mirror (EXIF 4). */
    FLIP_V,
    /** Needs a mirror along the main diagonal (EXIF 5). */
    TRANSPOSE,
    /** Needs a mirror along the other diagonal (EXIF 7). */
    TRANSVERSE;

    /** Reads the orientation of image 0; NORMAL when unknown or unreadable. */
    static Orientation of(ImageReader reader) {
        try {
            IIOMetadata metadata = reader.getImageMetadata(0);
            if (metadata == null || !metadata.isStandardMetadataFormatSupported()) {
                return NORMAL;
            }
            String value = find(metadata.getAsTree("javax_imageio_1.0"), "ImageOrientation");
            return value == null ? NORMAL : fromStandardName(value);
        } catch (Exception | LinkageError e) {
            return NORMAL; // a damaged EXIF block must not cost the picture
        }
    }

    /**
     * Maps ImageIO's standard names, which describe how the stored image is turned relative to
     * upright, to the correction to apply. (TwelveMonkeys reports EXIF 6 as "Rotate270".)
     */
    static Orientation fromStandardName(String name) {
        return switch (name) {
            case "Rotate90" -> ROTATE_CCW;
            case "Rotate180" -> ROTATE_180;
            case "Rotate270" -> ROTATE_CW;
            case "FlipH" -> FLIP_H;
            case "FlipV" -> FLIP_V;
            case "FlipHRotate90" -> TRANSVERSE;
            case "FlipVRotate90" -> TRANSPOSE;
            default -> NORMAL;
        };
    }

    private static String find(Node node, String name) {
        if (name.equals(node.getNodeName()) && node.getAttributes() != null) {
            Node value = node.getAttributes().getNamedItem("value");
            return value == null ? null : value.getNodeValue();
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            String found = find(child, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Returns the image turned upright (the same image when already upright). */
    static BufferedImage apply(BufferedImage src, Orientation o) {
        if (o == NORMAL) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = o == ROTATE_CW || o == ROTATE_CCW || o == TRANSPOSE || o == TRANSVERSE;
        AffineTransform t = new AffineTransform();
        switch (o) {
            case ROTATE_CW -> {
                t.translate(h, 0);
                t.quadrantRotate(1);
            }
            case ROTATE_180 -> {
                t.translate(w, h);
                t.quadrantRotate(2);
            }
            case ROTATE_CCW -> {
                t.translate(0, w);
                t.quadrantRotate(3);
            }
            case FLIP_H -> {
                t.translate(w, 0);
                t.scale(-1, 1);
            }
            case FLIP_V -> {
                t.translate(0, h);
                t.scale(1, -1);
            }
            case TRANSPOSE -> {
                t.quadrantRotate(1);
                t.scale(1, -1);
            }
            case TRANSVERSE -> {
                t.translate(h, w);
                t.quadrantRotate(1);
                t.scale(-1, 1);
            }
            default -> {}
        }
        int type = src.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, type);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(src, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
