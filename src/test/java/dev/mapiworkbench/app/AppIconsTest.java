package dev.mapiworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AppIconsTest {

    @BeforeAll
    static void startToolkit() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void everyShippedSizeLoadsAsASquareImageOfThatSize() {
        List<Image> images = AppIcons.images();

        assertThat(images).hasSize(AppIcons.SIZES.length);
        for (int i = 0; i < AppIcons.SIZES.length; i++) {
            assertThat(images.get(i).getWidth()).isEqualTo(AppIcons.SIZES[i]);
            assertThat(images.get(i).getHeight()).isEqualTo(AppIcons.SIZES[i]);
        }
    }

    @Test
    void iconsHaveTransparentCornersAndAnOpaqueMiddle() {
        for (Image image : AppIcons.images()) {
            PixelReader pixels = image.getPixelReader();
            int last = (int) image.getWidth() - 1;
            assertThat(pixels.getColor(0, 0).getOpacity())
                    .as("corner of %s px", last + 1)
                    .isLessThan(0.5);
            assertThat(pixels.getColor(last / 2, last / 2).getOpacity())
                    .as("middle of %s px", last + 1)
                    .isEqualTo(1.0);
        }
    }
}
