package dev.mapiworkbench.app;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application icon in every size the window system may ask for. Use as
 * {@code stage.getIcons().setAll(AppIcons.images())}; JavaFX picks the best size for the title bar,
 * the task bar and the window switcher. The PNGs are rendered from {@code assets/icon/*.svg} by
 * {@code src/dist/render-icons.sh}.
 */
public final class AppIcons {

    private static final Logger LOG = LoggerFactory.getLogger(AppIcons.class);

    /** The pixel sizes shipped as {@code icons/icon-<size>.png}, smallest first. */
    static final int[] SIZES = {16, 24, 32, 48, 64, 128, 256};

    private AppIcons() {}

    /**
     * Loads the icon images, smallest first. A missing or unreadable size is logged and left out,
     * so a broken resource never stops the window from opening.
     *
     * @return the images (empty only if no icon resource could be read)
     */
    public static List<Image> images() {
        List<Image> images = new ArrayList<>(SIZES.length);
        for (int size : SIZES) {
            String name = "icons/icon-" + size + ".png";
            try (InputStream in = AppIcons.class.getResourceAsStream(name)) {
                if (in == null) {
                    LOG.warn("App icon resource {} is missing", name);
                    continue;
                }
                Image image = new Image(in);
                if (image.isError()) {
                    LOG.warn("App icon resource {} could not be decoded", name, image.getException());
                    continue;
                }
                images.add(image);
            } catch (java.io.IOException e) {
                LOG.warn("App icon resource {} could not be read", name, e);
            }
        }
        return images;
    }
}
