package dev.mapiworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/**
 * {@link WindowState#fit}: a window larger than the screens it lies on is fitted to the one under its centre, in
 * the direction in which it is too large (decision 0801). Under Openbox a window asked at 1920×1080 on a 1920×1080
 * screen is 1920×(1080 + the title bar) once the window manager has framed it.
 */
class WindowStateFitTest {

    private static final Rectangle2D SCREEN = new Rectangle2D(0, 0, 1920, 1080);

    @Test
    void theScreensFullSizePlusTheTitleBarIsFittedToTheScreen() {
        assertThat(WindowState.fit(new Rectangle2D(0, 0, 1920, 1080 + 29), List.of(SCREEN)))
                .isEqualTo(SCREEN);
        assertThat(WindowState.fit(new Rectangle2D(-4, 12, 1928, 1109), List.of(SCREEN)))
                .isEqualTo(SCREEN);
    }

    @Test
    void onlyTheDirectionThatIsTooLargeIsFitted() {
        assertThat(WindowState.fit(new Rectangle2D(100, 50, 1000, 1200), List.of(SCREEN)))
                .isEqualTo(new Rectangle2D(100, 0, 1000, 1080));
    }

    @Test
    void aWindowNoLargerThanTheScreenStaysWherePutEvenPartlyOffIt() {
        Rectangle2D halfOff = new Rectangle2D(1500, 700, 900, 600);
        assertThat(WindowState.fit(halfOff, List.of(SCREEN))).isEqualTo(halfOff);
    }

    @Test
    void aWindowAcrossTwoScreensSideBySideKeepsItsWidth() {
        Rectangle2D right = new Rectangle2D(1920, 0, 1920, 1080);
        Rectangle2D wide = new Rectangle2D(200, 0, 3000, 1000);
        assertThat(WindowState.fit(wide, List.of(SCREEN, right))).isEqualTo(wide);
        // but not taller than they are
        assertThat(WindowState.fit(new Rectangle2D(200, 0, 3000, 1100), List.of(right, SCREEN)))
                .isEqualTo(new Rectangle2D(200, 0, 3000, 1080));
    }
}
